"""Rendering: one context per digest, from which both the text and the HTML part are
rendered (Jinja2, autoescaped HTML). The CSS (``templates/digest.css``) is inlined into
every tag's ``style`` attribute of each message by css-inline (see :func:`inline_styles`),
so Outlook and phone clients that drop ``<style>`` blocks still see it.

The context is plain data (strings, lists, dicts): the templates do no formatting of
their own, so the two parts cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from digest.labels import APPLICANTS, LABELS, summary_line
from digest.links import safe_href
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
    # every href a template writes goes through this filter: only http(s) (issue 14)
    env.filters["safe_href"] = safe_href
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


#: a tag with a style: it gets a ``bgcolor`` attribute from its ``background-color``, as
#: premailer gave it (css-inline does not): Outlook's Word engine ignores CSS backgrounds
#: on tables and cells
_BGCOLOR_TAGS = re.compile(r'<([a-z][a-z0-9]*)\b([^>]*?)\sstyle="([^"]*)"([^>]*)>')
_BACKGROUND = re.compile(r"(?:^|;)\s*background-color\s*:\s*(#[0-9a-fA-F]{3,6}|[a-zA-Z]+)\s*(?:;|$)")


@lru_cache(maxsize=1)
def _inliner():
    """css-inline with the digest's stylesheet, no network, no ``<style>`` left behind."""
    import css_inline

    css = (TEMPLATES / "digest.css").read_text(encoding="utf-8")
    return css_inline.CSSInliner(
        keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False, extra_css=css)


def _bgcolor(match: re.Match) -> str:
    tag, before, style, after = match.groups()
    colour = _BACKGROUND.search(style)
    if colour is None or "bgcolor=" in before + after:
        return match.group(0)
    return f'<{tag}{before} style="{style}" bgcolor="{colour.group(1)}"{after}>'


def inline_styles(html: str) -> str:
    """``html`` with ``templates/digest.css`` inlined into every tag's ``style`` attribute
    (and ``bgcolor`` where there is a background colour), per message.

    css-inline (Rust, maintained) replaced premailer (last release 2021, ~20 ms a digest,
    which is why it used to run once per process on a skeleton of the digest): it inlines
    a whole digest in well under a millisecond, so every element the templates write is
    styled from the stylesheet itself, with no skeleton to keep in step.
    """
    # only our own markup can carry a "style" attribute: scraped text is escaped
    return _BGCOLOR_TAGS.sub(_bgcolor, _inliner().inline(html))


def css(key: str) -> Markup:
    """No attributes: the styles come from each element's class, inlined per message by
    :func:`inline_styles`. Kept (a template global) so templates that still write
    ``{{ css("card-title") }}`` render unchanged; new markup needs only its class."""
    return Markup("")


def render(context: dict[str, Any]) -> tuple[str, str]:
    """The text and the HTML part of one digest, from one context."""
    env = environment()
    text = env.get_template("digest.txt").render(**context)
    html = inline_styles(env.get_template("digest.html").render(**context))
    return text, html
