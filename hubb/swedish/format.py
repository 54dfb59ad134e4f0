"""Formatting for readers: dates as "15 januari 2027 kl 14:00", relative days as
"om 12 dagar", amounts as "2 mkr". Swedish by default, English on request."""

from __future__ import annotations

from datetime import date, datetime

from hubb.clock import TZ

MONTHS_SV = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
             "september", "oktober", "november", "december")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def format_date(d: date, language: str = "sv") -> str:
    """15 januari 2027 / 15 January 2027."""
    if isinstance(d, datetime):
        d = d.astimezone(TZ).date() if d.tzinfo else d.date()
    months = MONTHS_EN if language == "en" else MONTHS_SV
    return f"{d.day} {months[d.month - 1]} {d.year}"


def format_date_short(d: date, language: str = "sv") -> str:
    """12 mars / 12 March: for sentences where the year is obvious."""
    months = MONTHS_EN if language == "en" else MONTHS_SV
    return f"{d.day} {months[d.month - 1]}"


def format_deadline(deadline: date | datetime, language: str = "sv") -> str:
    """A date, with the time when there is one: "15 januari 2027 kl 14:00"."""
    if isinstance(deadline, datetime):
        local = deadline.astimezone(TZ) if deadline.tzinfo else deadline
        day = format_date(local.date(), language)
        if (local.hour, local.minute) == (0, 0):
            return day
        return f"{day} kl {local:%H:%M}" if language != "en" else f"{day} at {local:%H:%M}"
    return format_date(deadline, language)


def format_days_left(deadline: date | datetime, today: date, language: str = "sv") -> str:
    """"om 12 dagar", "i morgon", "i dag", "för 3 dagar sedan"."""
    if isinstance(deadline, datetime):
        deadline = deadline.astimezone(TZ).date() if deadline.tzinfo else deadline.date()
    n = (deadline - today).days
    if language == "en":
        if n == 0:
            return "today"
        if n == 1:
            return "tomorrow"
        if n > 1:
            return f"in {n} days"
        return "yesterday" if n == -1 else f"{-n} days ago"
    if n == 0:
        return "i dag"
    if n == 1:
        return "i morgon"
    if n > 1:
        return f"om {n} dagar"
    return "i går" if n == -1 else f"för {-n} dagar sedan"


def _number(value: float, language: str) -> str:
    """Thousands separated by a space (sv) or comma (en); up to two decimals, comma in sv."""
    if float(value).is_integer():
        text = f"{int(value):,}"
        return text.replace(",", "\u00a0") if language != "en" else text
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if language != "en":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_amount(sek: int | float | None, language: str = "sv") -> str:
    """2 mkr, 1,5 mkr, 500 000 kr, 1,2 mdkr / SEK 2 million, SEK 500,000."""
    if sek is None:
        return ""
    sek = float(sek)
    if language == "en":
        if sek >= 1_000_000_000:
            return f"SEK {_number(round(sek / 1e9, 2), 'en')} billion"
        if sek >= 1_000_000:
            return f"SEK {_number(round(sek / 1e6, 2), 'en')} million"
        return f"SEK {_number(round(sek), 'en')}"
    if sek >= 1_000_000_000:
        return f"{_number(round(sek / 1e9, 2), 'sv')} mdkr"
    if sek >= 1_000_000:
        return f"{_number(round(sek / 1e6, 2), 'sv')} mkr"
    return f"{_number(round(sek), 'sv')} kr"
