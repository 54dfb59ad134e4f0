"""The web app in-process (Flask's test client): the staff guard on every route, CSRF,
signed links (forged, altered, expired), the login rate limit, escaping, and how
"passar inte", holds and approval change what `hubb digest send` sends."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
import time_machine
from click.testing import CliRunner
from sqlalchemy import func, select

from db.engine import session_scope
from db.models import BatchApproval, Digest, Hold, Judgement, Lead, SentItem, Suppression
from digest.links import feedback_token
from digest.unsubscribe import make_token
from tests.helpers.web_data import ON, SECRET, STAFF_EMAIL, STAFF_PASSWORD, web_world

MONDAY = datetime(2026, 11, 30, 7, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def world(tmp_path, monkeypatch, engine):
    return web_world(tmp_path, monkeypatch, engine)


@pytest.fixture
def app(world):
    from web.app import create_app

    return create_app()


def csrf_of(response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)


def logged_in(app):
    client = app.test_client()
    token = csrf_of(client.get("/staff/login"))
    r = client.post("/staff/login", data={"csrf_token": token, "email": STAFF_EMAIL, "password": STAFF_PASSWORD,
                                          "next": "/staff/leads"})
    assert (r.status_code, r.headers["Location"]) == (302, "/staff/leads")
    return client, csrf_of(client.get("/staff/leads"))


def staff_urls(app, world) -> list[tuple[str, str]]:
    """(method, URL) of every staff route, with its parameters filled in."""
    values = {"profile_id": "exempel-verkstad", "call_id": world["c1"], "lead_id": 1, "digest_id": 1,
              "period": "2026-W49"}
    out = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("staff.") or rule.endpoint == "staff.login":
                continue
            url = url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})
            out += [(m, url) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return out


def test_every_staff_route_redirects_to_login_without_a_session(app, world):
    urls = staff_urls(app, world)
    assert len(urls) >= 14
    client = app.test_client()
    for method, url in urls:
        r = client.open(url, method=method)
        assert r.status_code == 302, (method, url)
        assert r.headers["Location"].startswith("/staff/login?next=/staff"), (method, url)
    # a session cookie signed with another key is no session either
    client.set_cookie("hubb_session", "eyJzdGFmZiI6InJhZGdpdmFyZUBleGFtcGxlLnNlIn0.forged.sig")
    assert client.get("/staff/leads").status_code == 302


def test_staff_pages_answer_when_logged_in_and_escape_scraped_text(app, world):
    client, _ = logged_in(app)
    for method, url in staff_urls(app, world):
        if method != "GET" or "/digests/" in url:
            continue
        r = client.get(url)
        assert r.status_code == (302 if url == "/staff/" else 200), url
        assert "<script>alert" not in r.text, url
    page = client.get("/staff/companies/plast-ab").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Robot &amp; &lt;b&gt;svets&lt;/b&gt;" in page
    assert "Plast &lt;i&gt;AB&lt;/i&gt;" in page
    preview = client.get("/staff/companies/plast-ab/preview")
    assert preview.headers["Content-Security-Policy"].startswith("sandbox")
    assert "&lt;script&gt;alert(" in preview.text and "<script>alert" not in preview.text


def test_csrf_is_enforced_on_staff_forms(app, world, engine):
    client, token = logged_in(app)
    url = f"/staff/companies/exempel-verkstad/calls/{world['c1']}/hold"
    assert client.post(url, data={"action": "hold"}).status_code == 400
    assert client.post(url, data={"action": "hold", "csrf_token": "forged"}).status_code == 400
    assert client.post("/staff/approval/2026-W49", data={}).status_code == 400
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Hold)) == 0
        assert s.scalar(select(func.count()).select_from(BatchApproval)) == 0
    assert client.post(url, data={"action": "hold", "csrf_token": token}).status_code == 302
    with session_scope(engine) as s:
        held = s.scalars(select(Hold)).one()
        assert (held.profile_id, held.call_id, held.held_by) == ("exempel-verkstad", world["c1"], STAFF_EMAIL)
    # a login form without its token is refused too (login CSRF)
    fresh = app.test_client()
    r = fresh.post("/staff/login", data={"email": STAFF_EMAIL, "password": STAFF_PASSWORD})
    assert r.status_code == 400 and "Formuläret hade gått ut" in r.text


def test_login_is_rate_limited(app, world):
    client = app.test_client()
    token = csrf_of(client.get("/staff/login"))
    for _ in range(5):
        r = client.post("/staff/login", data={"csrf_token": token, "email": STAFF_EMAIL, "password": "fel"})
        assert r.status_code == 401 and "Fel e-postadress eller lösenord." in r.text
    r = client.post("/staff/login", data={"csrf_token": token, "email": STAFF_EMAIL, "password": STAFF_PASSWORD})
    assert r.status_code == 429 and "För många misslyckade inloggningar" in r.text
    assert client.get("/staff/leads").status_code == 302
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=16)):
        r = client.post("/staff/login", data={"csrf_token": token, "email": STAFF_EMAIL, "password": STAFF_PASSWORD})
        assert r.status_code == 302


def test_open_redirect_after_login_is_refused(app, world):
    client = app.test_client()
    token = csrf_of(client.get("/staff/login"))
    r = client.post("/staff/login", data={"csrf_token": token, "email": STAFF_EMAIL, "password": STAFF_PASSWORD,
                                          "next": "https://evil.example/staff/"})
    assert r.headers["Location"] == "/staff/leads"


def _counts(engine):
    with session_scope(engine) as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Judgement, Lead, Suppression))


def test_forged_altered_and_expired_links_change_nothing(app, world, engine):
    client = app.test_client()
    good = feedback_token(SECRET, "anna@example.se", "exempel-verkstad", world["c1"])
    forged = feedback_token("another-key-entirely-000", "anna@example.se", "exempel-verkstad", world["c1"])
    head, _, rest = good.partition(".")
    # the payload re-signed by nobody: another call id in the same envelope
    other = feedback_token(SECRET, "anna@example.se", "exempel-verkstad", world["c2"]).partition(".")[0]
    altered = other + "." + rest
    for token in (forged, altered, good[:-3] + "abc", "garbage"):
        r = client.get(f"/f/{token}?v=not_fit")
        assert r.status_code == 400 and "Länken fungerar inte" in r.text and "Ingenting har ändrats" in r.text
        r = client.post(f"/f/{token}", data={"choice": "not_fit"})
        assert r.status_code == 400
    with time_machine.travel(datetime.now(UTC) + timedelta(days=61)):
        r = client.get(f"/f/{good}?v=not_fit")
        assert r.status_code == 410 and "Länken är för gammal" in r.text
    for token in ("", make_token("anna@example.se", "wrong-key"), make_token("anna@example.se", SECRET)[:-2] + "AA"):
        r = client.post(f"/unsubscribe?token={token}", data={"List-Unsubscribe": "One-Click"})
        assert r.status_code == 400 and "Länken fungerar inte" in r.text
    assert _counts(engine) == (0, 0, 0)
    # the good link works, in the contact's language
    r = client.get(f"/f/{good}?v=not_fit")
    assert r.status_code == 200 and "Vad passar inte? (frivilligt)" in r.text
    english = feedback_token(SECRET, "john@example.se", "exempel-verkstad", world["c1"])
    assert "What does not fit? (optional)" in client.get(f"/f/{english}?v=not_fit").text


def test_unsubscribe_get_asks_and_post_unsubscribes(app, world, engine):
    client = app.test_client()
    token = make_token("anna@example.se", SECRET)
    page = client.get(f"/unsubscribe?token={token}")
    assert page.status_code == 200 and "Vill du sluta få veckans utlysningar till anna@example.se?" in page.text
    assert _counts(engine) == (0, 0, 0)  # a GET never unsubscribes (mail scanners follow links)
    r = client.post(f"/unsubscribe?token={token}", data={"List-Unsubscribe": "One-Click"})
    assert r.status_code == 200 and "anna@example.se får inga fler utskick" in r.text
    with session_scope(engine) as s:
        row = s.scalars(select(Suppression)).one()
        assert (row.email, row.reason, row.detail) == ("anna@example.se", "unsubscribed", "one-click")


def _send(as_of: str, *extra):
    from cli.main import main
    from hubb.settings import reset_settings

    reset_settings()
    return CliRunner().invoke(main, ["digest", "send", "--as-of", as_of, *extra], catch_exceptions=False)


def _told(engine, recipient: str) -> list[int]:
    with session_scope(engine) as s:
        return sorted(s.scalars(select(SentItem.call_id).where(SentItem.recipient == recipient)))


@time_machine.travel(MONDAY, tick=False)
def test_passar_inte_keeps_the_call_out_of_every_later_digest(app, world, engine, smtp_server):
    client = app.test_client()
    token = feedback_token(SECRET, "carl@example.se", "plast-ab", world["c3"])
    page = client.get(f"/f/{token}?v=not_fit")
    r = client.post(f"/f/{token}", data={"csrf_token": csrf_of(page), "choice": "not_fit",
                                         "comment": "Vi har redan digitaliserat"})
    assert r.status_code == 200 and "Tack för ert svar" in r.text
    with session_scope(engine) as s:
        j = s.scalars(select(Judgement)).one()
        assert (j.profile_id, j.call_id, j.source, j.verdict, j.author, j.comment) == (
            "plast-ab", world["c3"], "company", "not_fit", "carl@example.se", "Vi har redan digitaliserat")
        assert s.scalar(select(func.count()).select_from(Lead)) == 0
    result = _send(str(ON))
    assert result.exit_code == 0, result.output
    assert _told(engine, "carl@example.se") == sorted([world["c1"], world["c2"]])
    assert _told(engine, "anna@example.se") == sorted(world.values())  # another company: unaffected
    received = smtp_server.handler.to("carl@example.se")[0].message
    html = received.get_body(("html",)).get_content()
    assert "Digitalisering av verkstaden" not in html
    assert "Passar inte</a>" in html and "Intressant – hjälp oss att söka</a>" in html


@time_machine.travel(MONDAY, tick=False)
def test_hold_and_approval_change_what_digest_send_sends(tmp_path, monkeypatch, engine, smtp_server):
    world = web_world(tmp_path, monkeypatch, engine, settings={"digest": {"require_approval": True}})
    from web.app import create_app

    app = create_app()
    client, token = logged_in(app)
    result = _send(str(ON))
    assert result.exit_code == 0, result.output
    assert "3 digest(s) wait for staff approval" in result.output
    assert smtp_server.handler.messages == []
    page = client.get("/staff/approval").text
    assert "Godkänn vecka 2026-W49" in page and page.count("väntar</td>") == 3
    # staff hold the call with markup in its title for Exempel Verkstad: its two digests are redone
    r = client.post(f"/staff/companies/exempel-verkstad/calls/{world['c2']}/hold",
                    data={"csrf_token": token, "action": "hold"})
    assert r.status_code == 302
    with session_scope(engine) as s:
        assert sorted(s.scalars(select(Digest.recipient))) == ["carl@example.se"]
    r = client.post("/staff/approval/2026-W49", data={"csrf_token": token})
    assert r.status_code == 302
    with session_scope(engine) as s:
        approval = s.scalars(select(BatchApproval)).one()
        assert (approval.period, approval.approved_by) == ("2026-W49", STAFF_EMAIL)
    result = _send(str(ON))
    assert result.exit_code == 0, result.output
    assert smtp_server.handler.count_by_recipient() == {"anna@example.se": 1, "john@example.se": 1,
                                                        "carl@example.se": 1}
    assert _told(engine, "anna@example.se") == sorted([world["c1"], world["c3"]])
    assert _told(engine, "carl@example.se") == sorted(world.values())
    assert "svets" not in smtp_server.handler.to("anna@example.se")[0].message.get_body(("html",)).get_content()


@time_machine.travel(MONDAY, tick=False)
def test_without_approval_setting_sending_is_as_before(app, world, engine, smtp_server):
    result = _send(str(ON))
    assert result.exit_code == 0, result.output
    assert "wait for staff approval" not in result.output
    assert len(smtp_server.handler.messages) == 3


@time_machine.travel(MONDAY, tick=False)
def test_grade_is_stored_as_a_label(app, world, engine):
    client, token = logged_in(app)
    url = f"/staff/companies/plast-ab/calls/{world['c1']}/grade"
    assert client.post(url, data={"csrf_token": token, "grade": "7"}).status_code == 303
    assert client.post(url, data={"csrf_token": token, "grade": "2"}).status_code == 302
    with session_scope(engine) as s:
        j = s.scalars(select(Judgement)).one()
        assert (j.profile_id, j.call_id, j.source, j.verdict, j.grade, j.author) == (
            "plast-ab", world["c1"], "staff", "grade", 2, STAFF_EMAIL)
    assert "<dt>Betyg</dt><dd>2</dd>" in client.get("/staff/companies/plast-ab").text


def test_digest_links_carry_signed_urls_and_one_click_headers(world, engine):
    from email import policy
    from email.parser import BytesParser

    from digest.links import read_feedback_token
    from digest.outbox import build_message_for, recipients_of, selection_for
    from hubb.profiles import load_profiles, profiles_dir
    from hubb.settings import get_settings
    from hubb.taxonomy import load_taxonomy

    profiles, _ = load_profiles(profiles_dir(), load_taxonomy())
    r = next(x for x in recipients_of(profiles) if x.email == "john@example.se")
    with session_scope(engine) as s:
        _, _, data = build_message_for(selection_for(s, r, ON, get_settings()), r, ON, get_settings())
    msg = BytesParser(policy=policy.default).parsebytes(data)
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https = msg["List-Unsubscribe"].split(",")[0].strip(" <>")
    assert https == f"http://127.0.0.1:8080/unsubscribe?token={make_token('john@example.se', SECRET)}"
    html = msg.get_body(("html",)).get_content()
    links = re.findall(r'href="(http://127\.0\.0\.1:8080/f/[^"?]+)\?v=(\w+)"', html)
    assert [v for _, v in links] == ["interested", "not_fit"] * 3
    payloads = [read_feedback_token(SECRET, url.rsplit("/", 1)[1], 86400)[0] for url, _ in links[::2]]
    assert [(p["e"], p["p"]) for p in payloads] == [("john@example.se", "exempel-verkstad")] * 3
    assert sorted(p["c"] for p in payloads) == sorted(world.values())
    assert "Interesting – help us apply</a>" in html and "Not a fit</a>" in html
    assert "<img" not in html  # no tracking pixels


def test_staff_add_hashes_the_password_and_the_login_works(world, engine):
    from cli.main import main
    from db.models import StaffUser

    runner = CliRunner()
    result = runner.invoke(main, ["staff", "add", "Ny.Person@Example.se", "--password-stdin"],
                           input="ett-långt-lösenord\n")
    assert (result.exit_code, result.output) == (0, "ny.person@example.se: created\n")
    with session_scope(engine) as s:
        user = s.scalars(select(StaffUser).where(StaffUser.email == "ny.person@example.se")).one()
        assert user.password_hash.startswith("$argon2id$") and "ett-långt" not in user.password_hash
    result = runner.invoke(main, ["staff", "add", "ny.person@example.se", "--password-stdin"], input="annat-lösenord-1\n")
    assert result.output == "ny.person@example.se: password changed\n"
    bad = runner.invoke(main, ["staff", "add", "not-an-address", "--password-stdin"], input="ett-långt-lösenord\n")
    assert bad.exit_code == 2 and bad.output.startswith("EMAIL: ")
    short = runner.invoke(main, ["staff", "add", "a@example.se", "--password-stdin"], input="kort\n")
    assert (short.exit_code, short.output) == (2, "password: at least 10 characters\n")
    from web.app import create_app

    client = create_app().test_client()
    token = csrf_of(client.get("/staff/login"))
    r = client.post("/staff/login", data={"csrf_token": token, "email": "ny.person@example.se",
                                          "password": "annat-lösenord-1"})
    assert r.status_code == 302


def test_serve_refuses_bad_settings_in_one_line(monkeypatch, db_url):
    from cli.main import main

    runner = CliRunner()
    from hubb.settings import reset_settings

    monkeypatch.setenv("HUBB_SECRET_KEY", "short")
    reset_settings()
    result = runner.invoke(main, ["serve"])
    assert result.exit_code == 2 and result.output.startswith("HUBB_SECRET_KEY: not set or shorter than 16")
    assert len(result.output.strip().splitlines()) == 1
    monkeypatch.setenv("HUBB_SECRET_KEY", SECRET)
    monkeypatch.setenv("HUBB_PUBLIC_BASE_URL", "http://bevakning.example.se")
    reset_settings()
    result = runner.invoke(main, ["serve"])
    assert (result.exit_code, result.output) == (
        2, "public_base_url: 'http://bevakning.example.se' must be https:// (plain http only on 127.0.0.1 "
           "or localhost)\n")


@time_machine.travel(MONDAY, tick=False)
def test_leads_open_by_deadline_and_mark_handled(smtp_server, app, world, engine):
    public = app.test_client()
    for email, profile, call in (("anna@example.se", "exempel-verkstad", "c1"), ("carl@example.se", "plast-ab", "c2")):
        token = feedback_token(SECRET, email, profile, world[call])
        page = public.get(f"/f/{token}?v=interested")
        assert public.post(f"/f/{token}", data={"csrf_token": csrf_of(page), "choice": "interested"}).status_code == 200
    assert sorted(m.rcpt_tos[0] for m in smtp_server.handler.messages) == ["info@example.se"] * 2
    client, token = logged_in(app)
    page = client.get("/staff/leads").text
    assert "2 öppna" in page
    # the one closing first (c2, 10 days) comes first
    assert page.index("Plast &lt;i&gt;AB&lt;/i&gt;") < page.index("Exempel Verkstad AB")
    with session_scope(engine) as s:
        first = s.scalar(select(Lead.id).where(Lead.profile_id == "plast-ab"))
    r = client.post(f"/staff/leads/{first}/handled", data={"csrf_token": token})
    assert r.status_code == 302
    with session_scope(engine) as s:
        lead = s.get(Lead, first)
        assert (lead.handled_by, lead.handled_at is not None) == (STAFF_EMAIL, True)
    page = client.get("/staff/leads").text
    assert "1 öppna" in page and "Senast hanterade" in page
