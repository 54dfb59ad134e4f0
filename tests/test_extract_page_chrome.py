"""Page chrome is never content: per source, the footers, stamps, notices and feedback blocks the
real pages carry (SOURCES.md, "What real material shows") are gone from the page text before any
field is read, so a footer date is never a deadline."""

from __future__ import annotations

from datetime import date

import pytest

from hubb.swedish.dates import find_deadline
from hubb.swedish.fields import extract_fields
from scrapers.pagetext import is_chrome, read_page

REF = date(2023, 5, 1)


def page(body: str) -> str:
    return f"<html><body><main><h1>Stöd till kulturprojekt</h1>{body}</main></body></html>"


CASES = {
    # every stored www.regionorebrolan.se page ends so (real/url_checks.txt)
    "region_orebro": page("<p>Föreningar i Örebro län kan söka stödet.</p><h2>Kontakter</h2><p>Isak</p>"
                          "<p><strong>Hade du nytta av innehållet på denna sida?</strong></p>"
                          "<p>Senast uppdaterad: den 12 oktober 2022</p>"),
    # the stored copies of www.vinnova.se call pages open with this notice
    "vinnova": page("<p>Du har inte javascript påslaget. Det innebär att många funktioner inte fungerar. För mer "
                    "information om Vinnova, ta kontakt med oss.</p><p>Små och medelstora företag kan söka.</p>"),
    "tillvaxtverket": page("<p>Publicerad 2022-09-01</p><p>Vi använder kakor för att webbplatsen ska fungera.</p>"
                           "<p>Små och medelstora företag kan söka.</p>"),
    "iuc": page("<p>Was this page helpful?</p><p>Last updated: 12 October 2022</p><p>Små och medelstora företag kan söka.</p>"),
}


@pytest.mark.parametrize("source", sorted(CASES))
def test_chrome_is_not_content(source):
    text = read_page(CASES[source]).call_text()
    for chrome in ("Senast uppdaterad", "Hade du nytta", "javascript", "Publicerad", "kakor", "Was this page",
                   "Last updated"):
        assert chrome not in text
    deadline = find_deadline(text, REF)
    assert deadline.deadline is None
    assert deadline.status is None  # a support page without a deadline sentence is not closed


def test_region_orebro_footer_is_never_a_deadline_even_as_text():
    fields = extract_fields("Föreningar i Örebro län kan söka stödet.\nSenast uppdaterad: den 12 oktober 2022", REF)
    assert fields["deadline"] is None
    assert fields["status"] is None
    assert fields["applicants"] == ["nonprofit"]
    assert fields["regions"] == ["SE124"]


@pytest.mark.parametrize("line, chrome", [
    ("Senast uppdaterad: den 12 oktober 2022", True),
    ("Sidan blev senast uppdaterad:", True),
    ("Publicerad 2024-05-20", True),
    ("Hade du nytta av innehållet på denna sida?", True),
    ("Du är på Region Örebro läns webbplats.", True),
    ("Sista ansökningsdag är 31 maj 2022.", False),
    ("Publicerade rapporter visar att stödet ökar tillväxten i länets små och medelstora företag varje år sedan 2019.",
     False),
    ("Ansökan är öppen fram till och med den 25 augusti 2023.", False),
])
def test_is_chrome(line, chrome):
    assert is_chrome(line) is chrome
