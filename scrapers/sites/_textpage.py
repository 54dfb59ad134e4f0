"""Helpers of the renderers of free-text sites (Region Örebro län, IUC): a call record's
plain text back to HTML blocks, and the date sentence a page prints for the record's dates.

The date sentence is the record's own ``deadline_raw`` when that still says what the record's
dates say (so a round trip keeps the page's text); when a test or the demo has changed the
dates, a Swedish sentence is written from them instead, so the page always tells the truth
the spider is expected to read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date, datetime

from hubb.clock import TZ
from hubb.record import CallRecord
from hubb.swedish.dates import Deadline

#: a line that is a heading when re-rendered: short, and not ending like a sentence
_HEADING_MAX = 70


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


def says_the_same(raw: str | None, record: CallRecord, read: Callable[[str], Deadline | tuple]) -> bool:
    """Whether the sentence ``raw``, read as the spider reads it, gives the record's dates."""
    if not raw:
        return False
    found = read(raw)
    deadline, opens = (found.deadline, found.opens) if isinstance(found, Deadline) else found
    return _as_date(deadline) == record.deadline_date and _as_date(opens) == record.opens


def with_date_sentence(blocks: list[str], record: CallRecord, sentence: str | None,
                       heading: str | None) -> list[str]:
    """``blocks`` with the record's date sentence: the printed one replaced by ``sentence``
    when they differ (removed when ``sentence`` is ""), else ``sentence`` added (under
    ``heading`` at the end when given, else after the first block); nothing changes when
    ``sentence`` is None."""
    if sentence is None:
        return blocks
    raw = record.deadline_raw or record.opens_raw
    if raw:
        for i, block in enumerate(blocks):
            if raw in block:
                blocks = list(blocks)
                blocks[i] = block.replace(raw, sentence)
                return blocks
    if not sentence:
        return blocks
    added = ([heading] if heading else []) + [sentence]
    return blocks[:1] + added + blocks[1:] if not heading else blocks + added
