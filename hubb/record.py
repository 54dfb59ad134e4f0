"""The call record: the contract every spider yields, `db/` stores, and
`hubb calls --jsonl` / `hubb match --calls FILE` read and write as JSON Lines.

Field meanings are those of ``../shared/DESIGN.md``. Beyond the contract the record
keeps the dates as printed on the site (``opens_raw``, ``deadline_raw``); readers ignore
fields they do not know, so this is compatible with the centre's own tools.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hubb.clock import TZ
from hubb.vocab import Applicant, Language, Status

log = logging.getLogger(__name__)

#: Fields of the DESIGN.md contract, in its order: what ``to_json`` writes first.
CONTRACT_FIELDS = (
    "source", "id", "url", "title", "funder", "summary", "text", "opens", "deadline",
    "status", "applicants", "regions", "employees_min", "employees_max",
    "company_age_min", "company_age_max", "budget_sek", "max_grant_sek", "language",
)


def http_url(value) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host, else None.

    Scraped links end up in ``href`` attributes of digests and reports: a ``javascript:``
    or ``data:`` URL there runs in the reader's mail client or browser (issue 14). Browsers
    drop tabs and line breaks inside a URL ("java\\tscript:"), so any whitespace or
    control character inside makes it no URL at all rather than something to clean.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or any(ord(ch) <= 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # "http://[::1" and the like
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return url


class CallRecord(BaseModel):
    """One funding call, project or offer, normalised."""

    model_config = ConfigDict(extra="ignore", use_enum_values=True, validate_assignment=True)

    source: str = Field(min_length=1)
    id: str = Field(min_length=1)
    url: str = Field(min_length=1)
    title: str = Field(min_length=1)
    funder: str = ""
    summary: str = ""
    text: str = ""
    opens: date | None = None
    #: a date, or an aware datetime when the site gives a time ("kl 14:00")
    deadline: date | datetime | None = None
    status: Status = Status.OPEN
    applicants: list[Applicant] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    employees_min: int | None = None
    employees_max: int | None = None
    company_age_min: int | None = None
    company_age_max: int | None = None
    budget_sek: int | None = None
    max_grant_sek: int | None = None
    language: Language = Language.SV
    # not in the contract: the dates as printed on the site
    opens_raw: str | None = None
    deadline_raw: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        # the call's page is what a reader clicks: only http(s) is a page (see http_url)
        url = http_url(value)
        if url is None:
            log.warning("call record refused: url %r is not an http(s) URL", value[:200])
            raise ValueError(f"{value[:80]!r} is not an http(s) URL")
        return url

    @field_validator("deadline", mode="before")
    @classmethod
    def _deadline(cls, value):
        # ISO strings: "2027-01-15" stays a date; a datetime without offset is
        # Stockholm local time (Vinnova's API gives them so).
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
            if len(value) == 10:
                return date.fromisoformat(value)
            value = datetime.fromisoformat(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=TZ)
        return value

    @field_validator("regions", mode="before")
    @classmethod
    def _regions(cls, value):
        return [str(v).strip().upper() for v in value or [] if str(v).strip()]

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.id)

    @property
    def deadline_date(self) -> date | None:
        """The last day to apply, in Stockholm local time."""
        d = self.deadline
        if isinstance(d, datetime):
            return d.astimezone(TZ).date()
        return d

    def to_json(self) -> dict:
        """The record as a JSON-ready dict, contract fields first."""
        data = self.model_dump(mode="json")
        ordered = {k: data[k] for k in CONTRACT_FIELDS}
        ordered.update({k: v for k, v in data.items() if k not in ordered})
        return ordered


class RecordError(ValueError):
    """A JSON Lines input line that is not a valid call record."""


def read_jsonl(stream: IO[str] | Path | str) -> Iterator[CallRecord]:
    """Call records from a JSON Lines file or stream; errors name the line."""
    if isinstance(stream, (str, Path)):
        with open(stream, encoding="utf-8") as fh:
            yield from read_jsonl(fh)
        return
    name = getattr(stream, "name", "<stream>")
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            yield CallRecord.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise RecordError(f"{name}:{lineno}: not a call record: {exc}") from exc


def write_jsonl(records: Iterable[CallRecord], stream: IO[str]) -> int:
    n = 0
    for record in records:
        stream.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n
