"""The Swedish parsers (through ``extract_fields``, what ``hubb extract`` prints) on real sentences
from funders' public pages: the table in ``tests/files/real_sentences/`` row by row, its pass rate,
and one test per kind of phrasing that failed before the parsers were fixed (issue 12)."""

from __future__ import annotations

from datetime import date

import pytest

from hubb.swedish.fields import extract_fields
from tests.helpers.real_sentences import check, load_rows

ROWS = load_rows()

#: rows the parsers still read wrong, with the reason (docs/harvest.md lists them too)
KNOWN_FAILURES = {
    "batch3.tsv:30": "a requirement-list item in the infinitive ('Bedriva sin verksamhet ...') is not read as about the applicant",
    "batch3.tsv:54": "'... att fördela innovationscheckar till företag' (a science park's task) is read as naming applicants",
    "batch13.tsv:56": "'företag verksamma inom fiske ...': an item of a 'Stöd lämnas inte till:' list; one line carries "
                      "no heading",
    "batch25.tsv:86": "'Region Örebro län ger stöd studieförbund': the page leaves out 'till', so no verb of giving reaches the "
                      "study associations; reading any bare noun after 'ger stöd' as the recipient would read 'ger stöd åt "
                      "arbetet' alike",
    "batch19.tsv:48": "'kan sökas för projektering ... inom företagets industriella verksamhet': the company is named only in "
                      "the genitive after 'inom', which reads as a place or a target ('kompetens inom företaget')",
    "batch27.tsv:4": "'The companies should have potential to ...' after a 'Who can apply?' list: a plain requirement on "
                     "'the companies' with no verb of applying; 'contribute to ... create benefit' then reads them as a target",
    "batch27.tsv:33": "'Arbetar ni inom en organisation med regionalt utvecklingsansvar?': a question put to the applicant by its "
                      "work ('arbetar ni inom'), and the responsibility as a noun ('utvecklingsansvar') after 'med'; reading "
                      "every 'Arbetar ni ...?' as naming applicants would read 'Arbetar ni med regional tillväxt ...?' alike",
    "batch27.tsv:43": "'... det är värdefullt för företagen att ta del av insatser som koordinerats av lokala och regionala "
                      "aktörer': 'ta del av' (an offer taken up) and 'koordinerats' (a coordinator) are applicant cues; here "
                      "they tell of what earlier efforts showed",
    "batch26.tsv:33": "'200,000 kroner', a bare sum as the whole line: only the heading above it ('How much can you apply "
                      "for?') tells a max grant from a budget (budget_and_max_grant's default), and one line carries no heading",
    "batch26.tsv:34": "'200 000 Swedish kronor.': a bare sum as the whole line, as batch26.tsv:33",
    "batch26.tsv:41": "'... clusters of excellence in Sweden': Sweden only as the place of a goal; the regions reader takes 'in "
                      "Sweden' only with applicants, their seat or a rule on where the work is done, since a description "
                      "('Den forskning som bedrivs i Sverige') names no region of a call",
}

#: rows failing only on fields another branch was fixing when the row was added (applicants, head counts and company
#: age in eligibility.py; dates, amounts and regions in dates.py, amounts.py, regions.py); drop an entry when its row passes
PENDING_OTHER_FIELDS: dict[str, str] = {}


def _params():
    for row in ROWS:
        reason = KNOWN_FAILURES.get(row.id) or PENDING_OTHER_FIELDS.get(row.id)
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        yield pytest.param(row, id=row.id, marks=marks)


def test_the_table_is_large_and_sourced():
    assert len(ROWS) >= 300
    assert all(row.url.startswith(("https://", "http://")) for row in ROWS)
    assert len({row.sentence for row in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", list(_params()))
def test_real_sentence(row):
    assert check(row) == {}, f"{row.url}\n{row.sentence}"


def test_pass_rate_is_at_least_95_percent():
    passed = sum(1 for row in ROWS if not check(row))
    assert passed / len(ROWS) >= 0.95, f"{passed}/{len(ROWS)}"


# --- the kinds of phrasing the issue found failing, one test each ------------------------------------

REF = date(2026, 12, 3)


def fields(text: str, ref: date = REF) -> dict:
    return {k: v for k, v in extract_fields(text, ref).items() if v is not None}


@pytest.mark.parametrize("text, expected", [
    # ordinal and worded dates
    ("Följande mål är öppna till 12:e september 2027:", {"deadline": "2027-09-12", "status": "open"}),
    ("Ansökan ska vara inne senast år 2027.", {"deadline": "2027-12-31", "status": "open"}),
    ("Stödet kan sökas under år 2027.", {"opens": "2027-01-01", "deadline": "2027-12-31", "status": "upcoming"}),
    ("Programmet startade 2019 och avslutas nu vid årsskiftet.", {"deadline": "2026-12-31", "status": "open"}),
    ("Projektet sträcker sig till oktober 2027.", {"deadline": "2027-10-31", "status": "open"}),
    ("Nästa utlysning öppnar i september och stänger i november 2027.",
     {"opens": "2027-09-01", "deadline": "2027-11-30", "status": "upcoming"}),
    ("Deadline: 2-Mar-27", {"deadline": "2027-03-02", "status": "open"}),
    ("Preliminärt kommer den att vara öppen 2027-09-29--2027-12-14.",
     {"opens": "2027-09-29", "deadline": "2027-12-14", "status": "upcoming"}),
    # relative
    ("Closes in 7 weeks", {"deadline": "2027-01-21", "status": "open"}),
    ("Ansökan stänger om 3 veckor.", {"deadline": "2026-12-24", "status": "open"}),
])
def test_worded_ordinal_and_relative_dates(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text", [
    "Senast uppdaterad: den 12 oktober 2022",
    "Sidan publicerades 2026-11-02",
    "Our e-services for applications close on Thursday 30 January at 4:30pm because of system upgrades.",
    "Project can last for a maximum of three years, starting in May 2025 and ending no later than June 30, 2028.",
    "Projektet ska vara avslutat senast den 31 december 2028.",
    "Det kan vara ett genomförandeprojekt som ska avsluta sin verksamhet senast årsskiftet 2020/2021.",
])
def test_dates_that_are_not_deadlines(text):
    assert fields(text) == {}


@pytest.mark.parametrize("text, expected", [
    ("Projekt motsvarande ett sammanlagt belopp om högst 3 miljoner kronor kommer att beviljas stöd.",
     {"budget_sek": 3_000_000}),
    ("Lägsta nivå för stöd är 100 000 kronor och högsta 1 miljon kronor.", {"max_grant_sek": 1_000_000}),
    ("Stöd kan sökas för tre checkar á 50 000 kronor vardera.", {"max_grant_sek": 50_000}),
    ("Maxbeloppet på stödet är 2 miljoner kronor.", {"max_grant_sek": 2_000_000}),
    ("The maximum amount to apply for is SEK 10 million over 3 years and the minimum amount is SEK 2 million.",
     {"max_grant_sek": 10_000_000}),
    ("The call budget is SEK 20m.", {"budget_sek": 20_000_000}),
    ("The budget is at least 10 million SEK to be distributed in competition.", {"budget_sek": 10_000_000}),
    ("Your company should have up to 250 employees and a turnover not exceeding EUR 50 million.",
     {"applicants": ["company"], "employees_max": 250}),
    ("Mikrostöd 20 000–30 000 kronor (Försumbart stöd)", {"max_grant_sek": 30_000}),
])
def test_totals_per_project_sums_floors_and_currencies(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Utlysningen riktar sig till stödaktörer i Örebro län.", {"applicants": ["nonprofit"], "regions": ["SE124"]}),
    ("Civilsamhällsorganisationer i Örebro län kan söka stöd.", {"applicants": ["nonprofit"], "regions": ["SE124"]}),
    ("Tänk på att alla ansökningar kan diskuteras med den kommun där investeringen ska göras.", {}),
    ("Antingen ska projektet genomföras i flera kommuner, geografiskt sett.", {}),
    ("Projekteringsstödet kan sökas fram till 31 oktober 2020 och Energimyndigheten beviljar ansökningarna löpande.",
     {"deadline": "2020-10-31", "status": "closed"}),
    ("För att öka produktivitet i näringslivet behöver innovation främjas.", {}),
    ("Du ansöker hos länsstyrelsen/regionförbundet.", {}),
    ("Vi ger inte lån till privatpersoner eller ideella föreningar.", {}),
])
def test_actor_words_and_geography(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Företag med minst 3 och max 249 anställda kan söka.", {"applicants": ["sme"], "employees_min": 3,
                                                            "employees_max": 249}),
    ("Små -och medelstora företag som har 1-249 sysselsatta eller anställda.",
     {"applicants": ["sme"], "employees_min": 1, "employees_max": 249}),
    ("Antal anställda ska högst vara 249 personer", {"employees_max": 249}),
])
def test_head_count_ranges(text, expected):
    assert fields(text) == expected
