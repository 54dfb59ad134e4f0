"""Rendering: one context per digest, from which both the text and the HTML part are
rendered (Jinja2, autoescaped HTML). The CSS (``templates/digest.css``) is inlined into
every tag's ``style`` attribute (premailer resolves it once, see :func:`inline_styles`), so
Outlook and phone clients that drop ``<style>`` blocks still see it.

The context is plain data (strings, lists, dicts): the templates do no formatting of
their own, so the two parts cannot drift apart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from digest.labels import APPLICANTS, LABELS, summary_line
from digest.select import CHANGED, CLOSING_SOON, NEW, Item, Selection, parse_deadline
from hubb.swedish.format import format_amount, format_days_left, format_deadline

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Autoescape for .html (scraped titles may hold markup); text parts stay raw."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["css"] = css
    return env


@dataclass
class Recipient:
    name: str
    email: str
    language: str
    company: str
    profile_id: str


def _who(call, language: str) -> str:
    labels, names = LABELS[language], APPLICANTS[language]
    parts = [names.get(a, a) for a in call.applicants or []]
    for attr, key in (("employees_max", "employees_max"), ("employees_min", "employees_min"),
                      ("company_age_max", "age_max"), ("company_age_min", "age_min")):
        value = getattr(call, attr)
        if value is not None:
            parts.append(labels[key].format(n=value))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _amount(call, language: str) -> str:
    labels = LABELS[language]
    if call.max_grant_sek:
        return labels["max_grant"].format(amount=format_amount(call.max_grant_sek, language))
    if call.budget_sek:
        return labels["budget"].format(amount=format_amount(call.budget_sek, language))
    return ""


def card(item: Item, today: date, language: str, feedback=None) -> dict[str, Any]:
    """The facts of one call card, formatted for reading; ``feedback`` (call id → links,
    :func:`digest.links.feedback_links`) adds the "intressant" / "passar inte" links."""
    call = item.call
    deadline = parse_deadline(call.deadline)
    reasons = (item.match.reasons or {}).get(language) or [] if item.match else []
    out = {
        "kind": item.kind,
        "title": call.title,
        "funder": call.funder,
        "url": call.url,
        "deadline": format_deadline(deadline, language) if deadline else LABELS[language]["rolling"],
        "days_left": format_days_left(deadline, today, language) if deadline else "",
        "amount": _amount(call, language),
        "who": _who(call, language),
        "why": " · ".join(reasons),
        "changes": list(item.changes),
    }
    if feedback:
        out["feedback"] = feedback(call.id)
    return out


def build_context(selection: Selection, recipient: Recipient, today: date, *, settings,
                  unsubscribe_url: str, feedback=None) -> dict[str, Any]:
    lang = recipient.language if recipient.language in LABELS else "sv"
    labels = LABELS[lang]
    centre = settings.centre
    summary = summary_line(len(selection.new), len(selection.closing_soon), len(selection.changed), lang)
    sections = [
        {"key": key, "title": labels[key], "cards": [card(i, today, lang, feedback) for i in items]}
        for key, items in ((NEW, selection.new), (CHANGED, selection.changed),
                           (CLOSING_SOON, selection.closing_soon))
        if items
    ]
    week = today.isocalendar().week
    contact = ", ".join(x for x in (centre.email, centre.phone) if x)
    return {
        "lang": lang,
        "labels": labels,
        "subject": labels["subject"].format(summary=summary, week=week),
        "summary": summary,
        "greeting": labels["greeting"].format(name=recipient.name.split()[0] if recipient.name else ""),
        "intro": labels["intro"].format(company=recipient.company),
        "sections": sections,
        "nothing": labels["nothing"],
        "centre": {"name": centre.name, "email": centre.email, "phone": centre.phone,
                   "website": centre.website},
        "contact_line": labels["contact"].format(centre=contact),
        "profile_line": labels["profile"],
        "why_you_get": labels["why_you_get"].format(company=recipient.company, centre=centre.name),
        "unsubscribe_url": unsubscribe_url,
    }


#: one element per style key, nested as in the templates, so premailer resolves
#: descendant selectors (".footer a") and specificity exactly as it would on a digest
_SKELETON = """<html><head><style>{css}</style></head>
<body data-k="body"><table class="outer" data-k="outer"><tr><td>
<table class="page" data-k="page">
<tr><td class="brand" data-k="brand"></td></tr>
<tr><td class="pad" data-k="pad"><p class="summary" data-k="summary"></p><p class="intro" data-k="intro"></p></td></tr>
<tr><td class="section" data-k="section"></td></tr>
<tr><td class="card-cell" data-k="card-cell"><table class="card" data-k="card"><tr><td class="card-body" data-k="card-body">
<p class="card-title" data-k="card-title"><a href="#" data-k="card-title a"></a></p>
<p class="changes" data-k="changes"></p>
<p class="fact" data-k="fact"><span class="label" data-k="label"></span></p>
<a class="button" href="#" data-k="button"></a>
<p class="feedback" data-k="feedback"><a href="#" data-k="feedback a"></a></p>
</td></tr></table></td></tr>
<tr><td class="footer" data-k="footer"><p data-k="footer p"><a href="#" data-k="footer a"></a></p>
<a class="unsubscribe" href="#" data-k="unsubscribe"></a></td></tr>
</table></td></tr></table></body></html>"""


@lru_cache(maxsize=1)
def inline_styles() -> dict[str, Markup]:
    """Style key → the attributes premailer gives that element (``style``, and ``bgcolor``
    for Outlook), as markup to put into a tag.

    Premailer runs once per process on a skeleton of the digest, not on every message:
    inlining each of 5,000 digests cost ~20 ms apiece, which alone broke the 100 messages/s
    budget. The templates then carry the styles inline, so every part sent is inlined.
    """
    import lxml.html
    import premailer

    css = (TEMPLATES / "digest.css").read_text(encoding="utf-8")
    html = premailer.Premailer(
        _SKELETON.format(css=css), disable_validation=True, cssutils_logging_level=logging.CRITICAL,
        allow_network=False, keep_style_tags=False, remove_classes=False,
    ).transform()
    out: dict[str, Markup] = {}
    for el in lxml.html.fromstring(html).iter():
        key = el.get("data-k")
        if key is None:
            continue
        attrs = [(k, v) for k, v in el.attrib.items() if k in ("style", "bgcolor")]
        out[key] = Markup("".join(f' {k}="{escape(v)}"' for k, v in attrs))
    return out


def css(key: str) -> Markup:
    """The inline attributes of style ``key`` (a template global)."""
    return inline_styles()[key]


def render(context: dict[str, Any]) -> tuple[str, str]:
    """The text and the HTML part of one digest, from one context."""
    env = environment()
    text = env.get_template("digest.txt").render(**context)
    html = env.get_template("digest.html").render(**context)
    return text, html
