"""The web service as it runs: `hubb serve` (gunicorn) on 127.0.0.1 in a process of its
own, a real SMTP server on loopback, real headless Chromium at 375 and 1024 px.

The digests are sent by `hubb digest send` with the clock frozen on a Monday; the server
runs on the same day (``HUBB_NOW``). Screenshots of every page go to test-output/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from http.cookiejar import CookieJar

import pytest
import time_machine
from click.testing import CliRunner
from sqlalchemy import select

from db.engine import session_scope
from db.models import Judgement, Lead, SentItem, Suppression
from tests.helpers.browser import ARGS, CHROMIUM, OUTPUT, needs_chromium
from tests.helpers.smtp import free_port
from tests.helpers.web_data import EVIL, ON, STAFF_EMAIL, STAFF_PASSWORD, web_world

MONDAY = datetime(2026, 11, 30, 7, 0, tzinfo=timezone(timedelta(hours=1)))
WIDTHS = [375, 1024]

pytestmark = [pytest.mark.slow]


class Server:
    def __init__(self, port: int):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None
        self.log: list[str] = []

    def start(self) -> Server:
        env = dict(os.environ, HUBB_NOW=MONDAY.isoformat())
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", "1"], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        # gunicorn says where it listens once the socket is bound: read until then, no sleeping
        for line in self.proc.stderr:
            self.log.append(line)
            if "Listening at" in line:
                return self
            if "Error" in line or "Traceback" in line:
                break
        raise AssertionError("hubb serve did not start:\n" + "".join(self.log))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


@pytest.fixture
def server(tmp_path, monkeypatch, engine, smtp_server):
    port = free_port()
    world = web_world(tmp_path, monkeypatch, engine, base_url=f"http://127.0.0.1:{port}")
    srv = Server(port).start()
    srv.world = world
    yield srv
    srv.stop()


def send_digests(as_of=ON):
    from cli.main import main
    from hubb.settings import reset_settings

    reset_settings()
    with time_machine.travel(MONDAY + (as_of - ON), tick=False):
        result = CliRunner().invoke(main, ["digest", "send", "--as-of", str(as_of)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def digest_of(smtp_server, recipient: str):
    msg = smtp_server.handler.to(recipient)[-1].message
    return msg, msg.get_body(("html",)).get_content()


def feedback_link(html: str, title_fragment: str, choice: str) -> str:
    """The digest card's link for ``choice`` in the card whose title contains the fragment."""
    cards = html.split('class="card-title"')[1:]
    card = next(c for c in cards if title_fragment in c)
    return re.search(rf'href="([^"]+\?v={choice})"', card).group(1).replace("&amp;", "&")


@pytest.fixture
def browser():
    if CHROMIUM is None:
        pytest.skip("headless Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Page:
    """A Chromium page that records dialogs (an alert means scraped markup ran) and errors."""

    def __init__(self, browser, width: int):
        self.width = width
        self.context = browser.new_context(viewport={"width": width, "height": 800})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def shot(self, name: str) -> None:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(OUTPUT / f"web-{name}-{self.width}.png"), full_page=True)
        fits = self.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert fits, f"{name} is wider than {self.width} px"
        assert (self.dialogs, self.errors) == ([], []), name


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_unsubscribe_confirmation_page_and_one_click_post(server, smtp_server, engine, browser, width):
    send_digests()
    msg, _ = digest_of(smtp_server, "anna@example.se")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = msg["List-Unsubscribe"].split(",")[0].strip(" <>")
    assert url.startswith(f"{server.url}/unsubscribe?token=")

    page = Page(browser, width)
    page.page.goto(url)
    assert page.page.inner_text("h1") == "Avsluta prenumerationen"
    assert "Vill du sluta få veckans utlysningar till anna@example.se?" in page.page.inner_text("main")
    page.shot("unsubscribe")
    with session_scope(engine) as s:
        assert s.scalars(select(Suppression.email)).all() == []  # the GET changed nothing
    page.page.click("text=Ja, avsluta")
    assert page.page.inner_text("h1") == "Du får inga fler utskick"
    page.shot("unsubscribed")

    # RFC 8058: what a mail client sends for John, with no cookie and no page
    john, _ = digest_of(smtp_server, "john@example.se")
    one_click = john["List-Unsubscribe"].split(",")[0].strip(" <>")
    request = urllib.request.Request(one_click, data=b"List-Unsubscribe=One-Click", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200
        assert "john@example.se will get no more e-mails from us" in answer.read().decode()
    with session_scope(engine) as s:
        rows = s.execute(select(Suppression.email, Suppression.reason, Suppression.detail)
                         .order_by(Suppression.email)).all()
    assert rows == [("anna@example.se", "unsubscribed", "one-click"), ("john@example.se", "unsubscribed", "one-click")]
    # the sender consults the same list: next week neither gets a digest
    result = send_digests(ON + timedelta(days=7))
    assert "suppressed 2" in result.output


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_interest_creates_a_lead_and_mails_the_advisor(server, smtp_server, engine, browser, width):
    send_digests()
    _, html = digest_of(smtp_server, "anna@example.se")
    page = Page(browser, width)
    page.page.goto(feedback_link(html, "Automatisering", "interested"))
    assert page.page.inner_text("h1") == "Vad tycker ni om utlysningen?"
    assert page.page.is_checked("input[value=interested]")
    page.page.fill("textarea", "Vi vill söka i vår, ring Anna")
    page.shot("feedback")
    page.page.click("button[type=submit]")
    assert page.page.inner_text("h1") == "Tack – vi hör av oss"
    page.shot("feedback-thanks")

    with session_scope(engine) as s:
        lead = s.scalars(select(Lead)).one()
        assert (lead.profile_id, lead.call_id, lead.company, lead.contact_name, lead.contact_email, lead.comment) == (
            "exempel-verkstad", server.world["c1"], "Exempel Verkstad AB", "Anna Berg", "anna@example.se",
            "Vi vill söka i vår, ring Anna")
        assert lead.notified_at is not None and lead.notify_error is None and lead.handled_at is None
        j = s.scalars(select(Judgement)).one()
        assert (j.verdict, j.source, j.author) == ("interested", "company", "anna@example.se")
    advisor = smtp_server.handler.to("info@example.se")
    assert len(advisor) == 1
    mail = advisor[0].message
    assert mail["Subject"] == "Intresseanmälan: Exempel Verkstad AB – Automatisering i små företag"
    assert mail["Reply-To"] == "Anna Berg <anna@example.se>"
    body = mail.get_content()
    for line in ("Företag:    Exempel Verkstad AB", "Kontakt:    Anna Berg <anna@example.se>",
                 "Utlysning:  Automatisering i små företag", "Sista dag:  15 januari 2027 kl 14:00",
                 "  - Automation och robotik: Vill automatisera svetsningen.", "Vi vill söka i vår, ring Anna",
                 f"Alla leads: {server.url}/staff/leads"):
        assert line in body, line


@needs_chromium
@pytest.mark.browser
def test_passar_inte_removes_the_call_from_the_next_digest(server, smtp_server, engine, browser):
    send_digests()
    _, html = digest_of(smtp_server, "carl@example.se")
    page = Page(browser, 375)
    page.page.goto(feedback_link(html, "svets", "not_fit"))
    # the scraped title is shown as text: no markup of it ran
    assert page.page.inner_text("h2.call-title") == EVIL
    assert page.page.locator("h2.call-title b").count() == 0
    assert page.page.is_checked("input[value=not_fit]")
    assert page.page.inner_text("label[for=comment]") == "Vad passar inte? (frivilligt)"
    page.page.fill("textarea", "Vi svetsar inte")
    page.page.click("button[type=submit]")
    assert page.page.inner_text("h1") == "Tack för ert svar"
    page.shot("not-fit-thanks")
    with session_scope(engine) as s:
        j = s.scalars(select(Judgement)).one()
        assert (j.profile_id, j.call_id, j.verdict, j.comment) == ("plast-ab", server.world["c2"], "not_fit",
                                                                   "Vi svetsar inte")
    # next Monday the call closes within 14 days: a reminder for Anna, nothing for Carl
    send_digests(ON + timedelta(days=7))
    with session_scope(engine) as s:
        told = s.execute(select(SentItem.recipient, SentItem.kind).where(SentItem.call_id == server.world["c2"])
                         .order_by(SentItem.recipient, SentItem.kind)).all()
    assert told == [("anna@example.se", "closing_soon"), ("anna@example.se", "new"), ("carl@example.se", "new"),
                    ("john@example.se", "closing_soon"), ("john@example.se", "new")]
    assert len(smtp_server.handler.to("carl@example.se")) == 1


STAFF_PAGES = [("leads", "/staff/leads", "Leads"), ("companies", "/staff/companies", "Företag"),
               ("company", "/staff/companies/plast-ab", "Plast <i>AB</i>"),
               ("approval", "/staff/approval", "Före utskick"), ("calls", "/staff/calls", "Utlysningar"),
               ("sources", "/staff/sources", "Källor")]


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_staff_pages_in_chromium(server, smtp_server, engine, browser, width):
    from digest.links import feedback_token
    from tests.helpers.web_data import SECRET

    # a lead with the scraped title, so the leads page shows it (a form post, as from the page)
    with time_machine.travel(MONDAY, tick=False):
        token = feedback_token(SECRET, "carl@example.se", "plast-ab", server.world["c2"])
    page = Page(browser, width)
    page.page.goto(f"{server.url}/f/{token}?v=interested")
    page.page.click("button[type=submit]")
    assert page.page.inner_text("h1") == "Tack – vi hör av oss"
    page.page.goto(f"{server.url}/staff/companies")
    assert page.page.url.startswith(f"{server.url}/staff/login?next=/staff/companies")
    page.shot("staff-login")
    page.page.fill("#email", STAFF_EMAIL)
    page.page.fill("#password", STAFF_PASSWORD)
    page.page.click("button[type=submit]")
    assert page.page.url == f"{server.url}/staff/companies"
    for name, path, heading in STAFF_PAGES:
        page.page.goto(server.url + path)
        assert page.page.inner_text("h1").startswith(heading), name
        page.shot(f"staff-{name}")
    page.page.goto(f"{server.url}/staff/companies/plast-ab")
    assert EVIL in page.page.inner_text("main")
    page.page.click(f"#call-{server.world['c2']} >> text=Håll inne")
    assert "Matchningen hålls inne: den skickas inte." in page.page.inner_text("main")
    assert "hålls inne" in page.page.inner_text(f"#call-{server.world['c2']}")
    page.page.goto(f"{server.url}/staff/companies/plast-ab/preview")
    preview = page.page.inner_text("body")
    assert 'alert("x")' not in preview and "Automatisering i små företag" in preview
    assert "Digitalisering av verkstaden" in preview
    page.page.goto(f"{server.url}/staff/gaps")
    page.page.screenshot(path=str(OUTPUT / f"web-staff-gaps-{width}.png"), full_page=True)
    assert page.dialogs == []
    page.page.goto(f"{server.url}/staff/leads")
    page.page.click("button.link")
    assert page.page.url.startswith(f"{server.url}/staff/login")
    page.page.goto(f"{server.url}/staff/leads")
    assert page.page.url.startswith(f"{server.url}/staff/login")


def test_csrf_and_login_on_the_running_server(server, engine):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)

    def post(path, data):
        body = urllib.parse.urlencode(data).encode()
        try:
            return opener.open(urllib.request.Request(server.url + path, data=body, method="POST"), timeout=10)
        except urllib.error.HTTPError as exc:
            return exc

    assert post("/staff/approval/2026-W49", {}).status == 302  # no session: to the login
    page = opener.open(server.url + "/staff/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = post("/staff/login", {"csrf_token": token, "email": STAFF_EMAIL, "password": STAFF_PASSWORD,
                                   "next": "/staff/leads"})
    assert (answer.status, answer.headers["Location"]) == (302, "/staff/leads")
    # the login starts a fresh session: the form's token from before it is void
    assert post("/staff/approval/2026-W49", {"csrf_token": token}).status == 400
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      opener.open(server.url + "/staff/leads", timeout=10).read().decode()).group(1)
    cookie = next(c for c in jar if c.name == "hubb_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    assert post("/staff/approval/2026-W49", {}).status == 400  # logged in, no CSRF token
    assert post("/staff/approval/2026-W49", {"csrf_token": "x" + token}).status == 400
    from db.models import BatchApproval

    with session_scope(engine) as s:
        assert s.scalars(select(BatchApproval)).all() == []
    assert post("/staff/approval/2026-W49", {"csrf_token": token}).status == 302
    with session_scope(engine) as s:
        assert s.scalars(select(BatchApproval.period)).all() == ["2026-W49"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_digest_with_feedback_links_fits_phone_and_desktop(server, smtp_server, tmp_path, width):
    from tests.helpers.browser import check_page

    send_digests()
    _, html = digest_of(smtp_server, "carl@example.se")
    page = tmp_path / "digest.html"
    page.write_text(html, encoding="utf-8")
    check = check_page(page, "web-digest-links", width=width)
    assert (check.scroll_width, check.overflows, check.page_errors) == (width, False, [])
    assert check.text.count("Intressant – hjälp oss att söka · Passar inte") == 3
    assert EVIL in check.text
