"""The gap report rendered: Markdown, CSV (header, one row per need) and the HTML file,
which must open in headless Chromium without errors (a screenshot is saved)."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from tests.helpers.browser import check_page, needs_chromium

CANDIDATE = ("3 företag inom metallvaruindustri (SNI 25) har behov inom kompetensförsörjning och "
             "kompetensutveckling som ingen öppen utlysning täcker")


def _table(soup, table_id) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
            for tr in soup.find(id=table_id).find_all("tr")]


def test_markdown_has_candidates_needs_and_statistics(report):
    from reports.render import render_md

    md = render_md(report, centre="IUC Test")
    lines = md.splitlines()
    assert lines[0] == "# Behov utan stöd – IUC Test"
    assert lines[2] == ("Per 27 november 2026: 5 företag med 11 behov, varav 6 täcks av en öppen "
                        "utlysning (54,5\u00a0%).")
    assert f"1. {CANDIDATE} (prioritet: 2 hög, 1 medel, 0 låg). Företag: Mek AB, Svets AB, Verkstad AB." in lines
    assert ("| Elektronik AB | dator-, elektronik- och optikindustri (SNI 26) | Digitalisering | hög | "
            "Behov inom digitalisering hos Elektronik AB. | Digitalisera mera (tillvaxtverket, poäng 0,85, "
            "sista dag 1 mars 2027); Robotlyftet (vinnova, poäng 0,55, sista dag 10 december 2026) |") in lines
    assert ("| Mek AB | metallvaruindustri (SNI 25) | Hållbarhet, energi och cirkularitet | låg | "
            "Behov inom hallbarhet hos Mek AB. | Energikartläggning (iuc, poäng 0,50, löpande) |") in lines
    assert sum("| ingen öppen utlysning |" in line for line in lines) == 5
    assert "| Kompetensförsörjning och kompetensutveckling | 1 | 3 | 1 | 5 |" in lines
    assert "| **Totalt** | **2** | **7** | **2** | **11** |" in lines
    assert "| Kompetensförsörjning och kompetensutveckling | 5 | 0 | 5 | 0,0\u00a0% | 0 |" in lines
    assert "| tillvaxtverket | 2 | 2 | 1 |" in lines
    assert "### Matchningar och utskick per företag, 28 oktober 2026 – 27 november 2026" in lines
    assert "| Svets AB | 2 | 2 | 3 |" in lines
    assert ("| [Robotlyftet](https://example.se/vinnova/robot) | vinnova | 10 december 2026 | 13 | "
            "Elektronik AB | Digitalisering | Behov inom digitalisering hos Elektronik AB. |") in lines


def test_markdown_cells_escape_pipes(report):
    from reports.render import render_md

    report.needs[0].text = "robot | svets\nny rad"
    assert "| robot \\| svets ny rad |" in render_md(report, centre="IUC")


def test_csv_has_a_header_and_one_row_per_need(report):
    from reports.render import CSV_HEADER, render_csv

    rows = list(csv.reader(io.StringIO(render_csv(report))))
    assert rows[0] == CSV_HEADER
    assert len(rows) == 1 + 11
    body = [dict(zip(CSV_HEADER, r, strict=True)) for r in rows[1:]]
    assert [(r["profil"], r["behov_nr"], r["täckt"]) for r in body] == [
        ("bageri", "1", "nej"), ("bageri", "2", "ja"), ("elektronik", "1", "ja"), ("elektronik", "2", "nej"),
        ("mek", "1", "nej"), ("mek", "2", "ja"), ("svets", "1", "ja"), ("svets", "2", "nej"),
        ("svets", "3", "ja"), ("verkstad", "1", "nej"), ("verkstad", "2", "ja"),
    ]
    assert body[2] == {
        "profil": "elektronik", "företag": "Elektronik AB", "kommun": "Karlskoga", "sni_avdelning": "26",
        "bransch": "dator-, elektronik- och optikindustri", "behov_nr": "1", "område": "digitalisering",
        "område_namn": "Digitalisering", "prioritet": "hög",
        "behov": "Behov inom digitalisering hos Elektronik AB.", "täckt": "ja", "antal_utlysningar": "2",
        "bästa_utlysning": "Digitalisera mera", "källa": "tillvaxtverket", "utlysning_id": "digi",
        "poäng": "0.85", "sista_ansökningsdag": "2027-03-01", "url": "https://example.se/tillvaxtverket/digi",
        "fler_utlysningar": "vinnova:robot",
    }
    assert body[0]["bästa_utlysning"] == "ingen öppen utlysning"
    assert (body[0]["källa"], body[0]["poäng"], body[0]["antal_utlysningar"]) == ("", "", "0")
    assert body[5]["sista_ansökningsdag"] == ""  # rolling call


def test_html_is_self_contained_with_tables_and_svg_charts(report):
    from reports.render import render_html

    html = render_html(report, centre="IUC Test")
    soup = BeautifulSoup(html, "html.parser")
    # self-contained: no external stylesheet, script, image or font
    assert soup.find_all("link") == [] and soup.find_all("script") == [] and soup.find_all("img") == []
    assert "@media print" in soup.style.string
    assert [svg["class"] for svg in soup.find_all("svg")] == [["chart"], ["chart"]]
    assert "Ingen öppen utlysning" in html and "Täckt av öppen utlysning" in html  # chart legend, Swedish
    ids = [el["id"] for el in soup.select("svg [id]")]
    assert len(ids) == len(set(ids))  # two inline charts, no clashing ids
    assert soup.select_one("ol.candidates li strong").get_text() == CANDIDATE + "."
    assert _table(soup, "tabell-omraden")[1] == [
        "Kompetensförsörjning och kompetensutveckling", "5", "0", "5", "0,0\u00a0%", "0"]
    assert _table(soup, "tabell-omraden")[-1] == ["Totalt", "11", "6", "5", "54,5\u00a0%", ""]
    assert _table(soup, "tabell-matris")[0] == [
        "Behovsområde", "livsmedelsindustri (SNI 10)", "metallvaruindustri (SNI 25)",
        "dator-, elektronik- och optikindustri (SNI 26)", "Totalt"]
    assert _table(soup, "tabell-matris")[1] == ["Kompetensförsörjning och kompetensutveckling", "1", "3", "1", "5"]
    assert _table(soup, "tabell-kallor")[1:] == [
        ["iuc", "1", "1", "1"], ["region_orebro", "1", "0", "0"], ["tillvaxtverket", "2", "2", "1"],
        ["vinnova", "2", "2", "2"]]
    assert _table(soup, "tabell-aktivitet")[1:] == [
        ["Bageri AB", "2", "0", "0"], ["Elektronik AB", "1", "0", "0"], ["Mek AB", "1", "0", "0"],
        ["Svets AB", "2", "2", "3"], ["Verkstad AB", "3", "0", "0"]]
    assert _table(soup, "tabell-stanger")[1:] == [
        ["Robotlyftet", "vinnova", "10 december 2026", "13", "Elektronik AB", "Digitalisering",
         "Behov inom digitalisering hos Elektronik AB."]]


def test_html_escapes_profile_and_call_text(report):
    from reports.render import render_html

    report.needs[0].text = "<script>alert(1)</script>"
    html = render_html(report, centre="IUC")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_charts_are_stable_for_the_same_data(report):
    from reports import charts

    assert charts.coverage_bars(report.areas) == charts.coverage_bars(report.areas)
    assert charts.heat_map(report.matrix) == charts.heat_map(report.matrix)


@pytest.mark.browser
@needs_chromium
def test_html_report_opens_in_headless_chromium(report, tmp_path):
    from reports.render import render_html

    path = tmp_path / "gaps.html"
    path.write_text(render_html(report, centre="IUC Industrihubb Örebro län"), encoding="utf-8")
    page = check_page(path, "report-gaps", width=1024)
    assert page.console_errors == [] and page.page_errors == []
    assert page.title == "Behov utan stöd – IUC Industrihubb Örebro län – 27 november 2026"
    assert CANDIDATE in page.text
    assert not page.overflows
    assert page.screenshot.stat().st_size > 10_000
    narrow = check_page(path, "report-gaps", width=420)
    assert narrow.console_errors == [] and narrow.page_errors == [] and not narrow.overflows


@pytest.mark.parametrize("deadline, status, expected", [
    ("2027-01-15", "open", "sista dag 15 januari 2027"),
    (None, "rolling", "löpande"),
    (None, "open", "sista dag ej angiven"),
])
def test_how_a_serving_calls_deadline_reads(deadline, status, expected):
    from datetime import date

    from reports.gaps import CallHit
    from reports.render import call_deadline

    hit = CallHit(1, "vinnova", "x", "T", "https://example.se", 0.5,
                  date.fromisoformat(deadline) if deadline else None, status)
    assert call_deadline(hit) == expected


@pytest.mark.browser
@needs_chromium
def test_html_report_prints_on_a4_without_cut_off_tables(report, tmp_path):
    """Print media at the width of an A4 page: nothing wider than the page, and a PDF comes out."""
    from playwright.sync_api import sync_playwright

    from reports.render import render_html
    from tests.helpers.browser import ARGS, CHROMIUM, OUTPUT

    path = tmp_path / "gaps.html"
    path.write_text(render_html(report, centre="IUC"), encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 718, "height": 1000})  # A4 less 12 mm margins at 96 dpi
            page.emulate_media(media="print")
            page.goto(path.resolve().as_uri())
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            OUTPUT.mkdir(parents=True, exist_ok=True)
            pdf = page.pdf(path=str(OUTPUT / "report-gaps-print.pdf"), format="A4")
        finally:
            browser.close()
    assert widths[0] <= widths[1]
    assert pdf[:5] == b"%PDF-"


def test_only_http_links_reach_an_href(report):
    import dataclasses

    from reports.render import render_html

    served = next(n for n in report.needs if n.calls)
    served.calls[0] = dataclasses.replace(served.calls[0], url="javascript:alert(1)")
    html = render_html(report, centre="IUC")
    assert "javascript:" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert all(a["href"].startswith(("http://", "https://", "#")) for a in soup.find_all("a", href=True))
    # the call is still named, as text
    assert served.calls[0].title in soup.get_text()
