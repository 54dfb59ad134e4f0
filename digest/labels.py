"""Fixed texts of the digest in Swedish and English: section titles, labels, the summary
line. Kept apart from the templates so both parts (text and HTML) say the same thing."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "greeting": "Hej {name}!",
        "intro": "Här är veckans utlysningar som passar {company}.",
        "new": "Nya utlysningar för er",
        "changed": "Ändrade utlysningar",
        "closing_soon": "Stänger snart",
        "funder": "Finansiär",
        "deadline": "Sista dag",
        "rolling": "Löpande, ingen sista dag",
        "amount": "Belopp",
        "max_grant": "högst {amount} per projekt",
        "budget": "{amount} totalt",
        "who": "Vem får söka",
        "why": "Därför passar den er",
        "what_changed": "Det här har ändrats",
        "read_more": "Läs mer och ansök",
        "nothing": "Inga nya utlysningar för er den här veckan.",
        "contact": "Frågor? Kontakta oss på {centre}",
        "profile": "Stämmer inte era behov längre? Svara på det här mejlet så uppdaterar vi er profil.",
        "unsubscribe": "Avregistrera dig från veckobrevet",
        "why_you_get": "Du får det här mejlet som kontaktperson för {company} hos {centre}.",
        "subject": "{summary} – vecka {week}",
        "ics_summary": "Sista dag: {title}",
        "employees_max": "högst {n} anställda",
        "employees_min": "minst {n} anställda",
        "age_max": "företaget högst {n} år",
        "age_min": "företaget minst {n} år",
    },
    "en": {
        "greeting": "Hello {name}!",
        "intro": "Here are this week's funding calls that suit {company}.",
        "new": "New calls for you",
        "changed": "Changed calls",
        "closing_soon": "Closing soon",
        "funder": "Funder",
        "deadline": "Deadline",
        "rolling": "Rolling, no deadline",
        "amount": "Amount",
        "max_grant": "up to {amount} per project",
        "budget": "{amount} in total",
        "who": "Who may apply",
        "why": "Why it suits you",
        "what_changed": "What changed",
        "read_more": "Read more and apply",
        "nothing": "No new calls for you this week.",
        "contact": "Questions? Contact us at {centre}",
        "profile": "Have your needs changed? Reply to this e-mail and we will update your profile.",
        "unsubscribe": "Unsubscribe from the weekly digest",
        "why_you_get": "You get this e-mail as the contact for {company} at {centre}.",
        "subject": "{summary} – week {week}",
        "ics_summary": "Deadline: {title}",
        "employees_max": "at most {n} employees",
        "employees_min": "at least {n} employees",
        "age_max": "company at most {n} years old",
        "age_min": "company at least {n} years old",
    },
}

APPLICANTS: dict[str, dict[str, str]] = {
    "sv": {
        "company": "företag", "sme": "små och medelstora företag", "startup": "unga företag",
        "large_company": "stora företag", "academia": "universitet och högskolor",
        "research_institute": "forskningsinstitut", "public_sector": "offentlig sektor",
        "nonprofit": "ideella organisationer", "individual": "privatpersoner",
    },
    "en": {
        "company": "companies", "sme": "small and medium-sized companies", "startup": "young companies",
        "large_company": "large companies", "academia": "universities",
        "research_institute": "research institutes", "public_sector": "public sector",
        "nonprofit": "non-profit organisations", "individual": "individuals",
    },
}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(new: int, closing: int, changed: int, language: str = "sv") -> str:
    """"3 nya utlysningar för er, 1 stänger snart" — the header of the digest."""
    parts: list[str] = []
    if language == "en":
        if new:
            parts.append(_count(new, "new call", "new calls") + " for you")
        if changed:
            parts.append(f"{changed} changed")
        if closing:
            parts.append(f"{closing} closing soon")
        return ", ".join(parts) if parts else "No new calls this week"
    if new:
        parts.append(_count(new, "ny utlysning", "nya utlysningar") + " för er")
    if changed:
        parts.append(f"{changed} har ändrats")
    if closing:
        parts.append(f"{closing} stänger snart")
    return ", ".join(parts) if parts else "Inga nya utlysningar den här veckan"
