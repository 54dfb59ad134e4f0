"""Helpers of the renderers of the local sites: a call record's plain text back to HTML blocks,
the date sentence a page prints for the record's dates, the pages of a paged listing, and page slugs.

The date sentence is the record's own ``deadline_raw`` when that still says what the record's
dates say (so a round trip keeps the page's text); when a test or the demo has changed the
dates, a Swedish sentence is written from them instead; and any other date sentence of the
text that the spider would read instead (generated records reuse real texts with their old
dates) is taken out. So the page always tells the truth the spider is expected to read.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeGuard

from hubb.clock import TZ
from hubb.record import CallRecord
from hubb.swedish.dates import Deadline
from scrapers.pagetext import Line, Page

#: a line that is a heading when re-rendered: short, and not ending like a sentence
_HEADING_MAX = 70


def slug(text: str, limit: int = 40) -> str:
    """A CMS's page slug of a title: lower-case ASCII words joined by hyphens, cut at a word
    boundary (Vinnova's CMS cuts long titles: "gemensamma-ai-formagor-i-kommuner-och"). The local
    sites name their pages so; no spider builds a URL from it."""
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    out = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text):
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit and out:
            break
        out = candidate
    return out or "utlysning"


def pages_of(items: list, size: int) -> list[list]:
    """``items`` in pages of ``size`` for a paged listing; an empty listing is one empty page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.astimezone(TZ).date()
    return value


def is_heading(block: str) -> bool:
    line = block.strip()
    return (
        0 < len(line) <= _HEADING_MAX
        and "\n" not in line
        and not line.startswith("•")
        and ": " not in line  # "Projektperiod: 1 februari 2027 – …" is a labelled line
        and not line.endswith((".", ":", ",", ";"))
    )


def blocks_html(blocks: list[str], heading_tag: str = "h2") -> str:
    """Paragraphs, " • " list items and heading lines as HTML."""
    out: list[str] = []
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if all(ln.startswith("•") for ln in lines):
            items = "".join(f"<li>{esc(ln.lstrip('• ').strip())}</li>" for ln in lines)
            out.append(f"<ul>{items}</ul>")
        elif is_heading(block):
            out.append(f"<{heading_tag}>{esc(lines[0])}</{heading_tag}>")
        else:
            out.append(f"<p>{esc(' '.join(lines))}</p>")
    return "\n".join(out)


def body_blocks(record: CallRecord) -> list[str]:
    """The record's text as blocks, without its title line and its summary paragraph (the
    page prints those as the h1 and the lead)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", record.text or "") if b.strip()]
    if blocks and blocks[0] == record.title.strip():
        blocks = blocks[1:]
    if blocks and record.summary and blocks[0] == record.summary.strip():
        blocks = blocks[1:]
    return blocks


def says_the_same(raw: str | None, record: CallRecord,
                  read: Callable[[str], Deadline | tuple]) -> TypeGuard[str]:
    """Whether the sentence ``raw``, read as the spider reads it, gives the record's dates
    (never when there is no sentence: True means ``raw`` is a non-empty string)."""
    if not raw:
        return False
    found = read(raw)
    deadline, opens = (found.deadline, found.opens) if isinstance(found, Deadline) else found
    return _as_date(deadline) == record.deadline_date and _as_date(opens) == record.opens


def lines_of_blocks(blocks: list[str], heading_level: int = 2) -> list[Line]:
    """The lines the spider reads from :func:`blocks_html` of the same blocks."""
    lines: list[Line] = []
    for block in blocks:
        parts = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not parts:
            continue
        if all(ln.startswith("•") for ln in parts):
            lines.extend(Line("item", ln.lstrip("• ").strip()) for ln in parts)
        elif is_heading(block):
            lines.append(Line("heading", parts[0], heading_level))
        else:
            lines.append(Line("para", " ".join(parts)))
    return lines


def page_of(record: CallRecord, blocks: list[str], heading_level: int = 2) -> Page:
    """The page a renderer prints (title, lead, blocks) as the spider will read it."""
    head = [Line("heading", record.title, 1)] + ([Line("para", record.summary)] if record.summary else [])
    return Page(title=record.title, lead=record.summary or None,
                lines=head + lines_of_blocks(blocks, heading_level))


def replace_raw(blocks: list[str], raw: str | None, sentence: str) -> list[str] | None:
    """``blocks`` with the printed date sentence ``raw`` replaced, or None when it is not there."""
    if not raw or not any(raw in b for b in blocks):
        return None
    return [b.replace(raw, sentence) for b in blocks]


def drop_sentence(blocks: list[str], sentence: str) -> list[str]:
    """``blocks`` without ``sentence`` (and without blocks it leaves empty)."""
    out = []
    for block in blocks:
        if sentence in block:
            block = " ".join(block.replace(sentence, " ").split(" ")).strip()
            block = re.sub(r"[ \t]{2,}", " ", block)
        if block:
            out.append(block)
    return out


def truthful(blocks: list[str], sentence: str, stale: Callable[[list[str]], str | None],
             rounds: int = 8) -> list[str]:
    """Take out of ``blocks`` every date sentence the spider would read instead of the
    record's own (a template text's old "Sista ansökningsdag är 31 maj 2022."): ``stale``
    returns the sentence read when it disagrees with the record, else None."""
    for _ in range(rounds):
        wrong = stale(blocks)
        if not wrong or wrong == sentence:
            break
        blocks = drop_sentence(blocks, wrong)
    return blocks
