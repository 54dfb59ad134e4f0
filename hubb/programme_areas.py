"""Programme areas of the EU's cross-border programmes, for calls whose text names none.

An Interreg call says "Interreg Central Baltic opens its fifth call" and never lists the
counties that may take part: everybody in the field knows the programme area. This table
holds the Swedish part of each 2021–2027 Interreg programme that has one, as NUTS codes of
:data:`hubb.vocab.REGION_NAMES`, from the programmes' cooperation programmes. A call whose
record states regions keeps them; only a call with none takes its programme's area.
Transnational programmes that cover all of Sweden (Baltic Sea Region, Northern Periphery
and Arctic for the north) are left out where a county-level area would be wrong.
"""

from __future__ import annotations

import re

# programme name pattern → Swedish regions of its programme area (2021–2027)
PROGRAMME_AREAS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = (
    (re.compile(r"\bcentral\s+baltic\b", re.IGNORECASE),
     ("SE110", "SE121", "SE122", "SE123", "SE214", "SE313")),
    (re.compile(r"\bsouth\s+baltic\b|\bsödra\s+östersjö", re.IGNORECASE),
     ("SE224", "SE221", "SE213", "SE212")),
    (re.compile(r"\böresund[-\s]kattegat[-\s]skagerrak\b", re.IGNORECASE),
     ("SE224", "SE231", "SE232")),
    (re.compile(r"\binterreg\s+(?:sverige[-\s]norge|sweden[-\s]norway)\b", re.IGNORECASE),
     ("SE232", "SE311", "SE312", "SE322", "SE321")),
    (re.compile(r"\binterreg\s+aurora\b", re.IGNORECASE), ("SE331", "SE332")),
    (re.compile(r"\binterreg\s+nord\b", re.IGNORECASE), ("SE331", "SE332")),
)


def programme_regions(title: str, summary: str = "") -> tuple[str, ...]:
    """The programme area of the cross-border programme a call's title names, or ()."""
    head = f"{title}\n{summary}"
    for pattern, regions in PROGRAMME_AREAS:
        if pattern.search(head):
            return regions
    return ()
