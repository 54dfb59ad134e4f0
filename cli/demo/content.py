"""The demo's snapshot calls (``calls.yaml``) as call records dated relative to a day.

``opens_in_days`` / ``deadline_in_days`` count from that day (null: not stated, or rolling);
``deadline_time`` adds the closing time; ``{deadline}`` in a text becomes the Swedish date,
as Region Örebro län writes its deadlines into the page. Each line of a text is a paragraph
or a heading."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import yaml

from hubb.clock import TZ
from hubb.record import CallRecord
from hubb.swedish.format import format_date

CALLS = Path(__file__).resolve().parent / "calls.yaml"


def demo_records(today: date, path: Path = CALLS) -> list[CallRecord]:
    records = []
    for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
        item = dict(raw)
        opens_in = item.pop("opens_in_days", None)
        deadline_in = item.pop("deadline_in_days", None)
        closing = item.pop("deadline_time", None)
        item["opens"] = today + timedelta(days=opens_in) if opens_in is not None else None
        deadline = today + timedelta(days=deadline_in) if deadline_in is not None else None
        if deadline is not None:
            item["text"] = item.get("text", "").replace("{deadline}", format_date(deadline))
            if closing:
                hh, mm = (int(x) for x in str(closing).split(":"))
                deadline = datetime.combine(deadline, time(hh, mm), tzinfo=TZ)
        item["deadline"] = deadline
        # one paragraph or heading per line in calls.yaml; stored page texts separate them
        # by blank lines, as the renderers and spiders expect
        item["text"] = "\n\n".join(ln.strip() for ln in item.get("text", "").splitlines() if ln.strip())
        records.append(CallRecord.model_validate(item))
    return records
