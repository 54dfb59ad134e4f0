"""Rendering: one context for both parts, Swedish and English texts, escaping of scraped
titles, inlined CSS, signed unsubscribe tokens, and the HTML in headless Chromium at
phone and desktop widths without horizontal overflow."""

from __future__ import annotations

from datetime import date

import pytest

from db.models import Call, Match
from digest.labels import summary_line
from digest.render import Recipient, build_context, render
from digest.select import Item, Selection
from digest.unsubscribe import make_token, unsubscribe_links, verify_token
from hubb.settings import get_settings
from tests.helpers.browser import check_page, needs_chromium

TODAY = date(2026, 11, 30)
LONG_WORD = "Produktionsutvecklingsinvesteringsstödsprogrammet" * 3


def call(i: int, **kw) -> Call:
    base = dict(id=i, source="vinnova", external_id=f"2026-0{i}", url=f"https://www.vinnova.se/e/utlysning-2026-90001/innovationsprojekt-2026-0{i}/",
                title=f"Utlysning {i}", funder="Vinnova", status="open", deadline="2027-01-15T14:00:00+01:00",
                deadline_date=date(2027, 1, 15), applicants=["sme"], max_grant_sek=2_000_000, budget_sek=None,
                employees_min=None, employees_max=None, company_age_min=None, company_age_max=None)
    base.update(kw)
    return Call(**base)


def match(c: Call) -> Match:
    return Match(call_id=c.id, reasons={"sv": ["Automation och robotik", "för små företag"],
                                        "en": ["Automation and robotics", "for small companies"]})


def selection() -> Selection:
    a = call(1, title="Robotar <script>alert(1)</script> & svetsning")
    b = call(2, title=f"Stöd för {LONG_WORD}", deadline=None, deadline_date=None, max_grant_sek=None,
             budget_sek=150_000_000, applicants=["company", "academia"], employees_max=249)
    c = call(3, deadline="2026-12-10", deadline_date=date(2026, 12, 10), funder="Energimyndigheten")
    d = call(4, deadline="2027-03-26", deadline_date=date(2027, 3, 26))
    return Selection(
        new=[Item("new", a, match(a)), Item("new", b, match(b))],
        closing_soon=[Item("closing_soon", c, match(c))],
        changed=[Item("changed", d, match(d), [7], ["Sista dag flyttad från 12 mars till 26 mars"])],
    )


def context(language: str = "sv"):
    r = Recipient("Anna Andersson", "anna@example.se", language, "Exempel Verkstad AB", "exempel")
    return build_context(selection(), r, TODAY, settings=get_settings(), unsubscribe_url="https://x.example/u?t=1")


@pytest.mark.parametrize("counts, language, expected", [
    ((3, 1, 0), "sv", "3 nya utlysningar för er, 1 stänger snart"),
    ((1, 0, 2), "sv", "1 ny utlysning för er, 2 har ändrats"),
    ((0, 0, 0), "sv", "Inga nya utlysningar den här veckan"),
    ((1, 1, 1), "en", "1 new call for you, 1 changed, 1 closing soon"),
])
def test_summary_line(counts, language, expected):
    assert summary_line(*counts, language) == expected


def test_cards_are_formatted_for_reading():
    ctx = context()
    assert ctx["summary"] == "2 nya utlysningar för er, 1 har ändrats, 1 stänger snart"
    assert ctx["subject"] == "2 nya utlysningar för er, 1 har ändrats, 1 stänger snart – vecka 49"
    assert [s["title"] for s in ctx["sections"]] == ["Nya utlysningar för er", "Ändrade utlysningar", "Stänger snart"]
    first, rolling = ctx["sections"][0]["cards"]
    assert first == {
        "kind": "new", "title": "Robotar <script>alert(1)</script> & svetsning", "funder": "Vinnova",
        "url": "https://www.vinnova.se/e/utlysning-2026-90001/innovationsprojekt-2026-01/", "deadline": "15 januari 2027 kl 14:00",
        "days_left": "om 46 dagar", "amount": "högst 2 mkr per projekt", "who": "Små och medelstora företag",
        "why": "Automation och robotik · för små företag", "changes": [],
    }
    assert (rolling["deadline"], rolling["days_left"], rolling["amount"], rolling["who"]) == (
        "Löpande, ingen sista dag", "", "150 mkr totalt", "Företag, universitet och högskolor, högst 249 anställda")
    assert ctx["sections"][1]["cards"][0]["changes"] == ["Sista dag flyttad från 12 mars till 26 mars"]
    assert ctx["sections"][2]["cards"][0]["deadline"] == "10 december 2026"
    assert ctx["sections"][2]["cards"][0]["days_left"] == "om 10 dagar"


def test_text_and_html_from_one_context_escaped_and_inlined():
    text, html = render(context())
    assert "* Robotar <script>alert(1)</script> & svetsning\n" in text
    assert "Robotar &lt;script&gt;alert(1)&lt;/script&gt; &amp; svetsning" in html
    assert "<script" not in html and "<style" not in html
    assert 'class="button" href="https://www.vinnova.se/e/utlysning-2026-90001/innovationsprojekt-2026-01/" style="display: inline-block;background-color: #0b4f6c;' \
        in html  # the button, inlined (tests/test_mail_css.py checks every element)
    for fact in ("15 januari 2027 kl 14:00 (om 46 dagar)", "Det här har ändrats: Sista dag flyttad från 12 mars till 26 mars",
                 "Frågor? Kontakta oss på info@example.se, 019-10 20 30", "https://x.example/u?t=1"):
        assert fact in text and fact in html


def test_english_contact_gets_english():
    text, _ = render(context("en"))
    assert text.startswith("2 new calls for you, 1 changed, 1 closing soon\n\nHello Anna! Here are")
    assert "  Deadline: 15 January 2027 at 14:00 (in 46 days)\n" in text
    assert "  Amount: up to SEK 2 million per project\n" in text


def test_unsubscribe_tokens_are_signed(monkeypatch):
    token = make_token("Anna@Example.se", "k1")
    assert verify_token(token, "k1") == "anna@example.se"
    assert verify_token(token, "k2") is None
    assert verify_token(token[:-2] + "AA", "k1") is None
    assert verify_token("garbage", "k1") is None
    assert unsubscribe_links("anna@example.se", get_settings()) == (
        None, "mailto:bevakning@example.se?subject=unsubscribe%20anna%40example.se")
    monkeypatch.setenv("HUBB_PUBLIC_BASE_URL", "https://bevakning.example.se/")
    monkeypatch.setenv("HUBB_SECRET_KEY", "k1")
    https, _ = unsubscribe_links("anna@example.se", get_settings(fresh=True))
    assert https == f"https://bevakning.example.se/unsubscribe?token={token}"


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1024])
def test_html_digest_fits_phone_and_desktop(tmp_path, width):
    _, html = render(context())
    page = tmp_path / "digest.html"
    page.write_text(html, encoding="utf-8")
    check = check_page(page, "digest", width=width)
    assert check.screenshot.is_file()
    assert (check.scroll_width, check.overflows) == (width, False)
    assert check.page_errors == [] and check.console_errors == []
    assert "Robotar <script>alert(1)</script> & svetsning" in check.text
    assert check.title == "2 nya utlysningar för er, 1 har ändrats, 1 stänger snart – vecka 49"
