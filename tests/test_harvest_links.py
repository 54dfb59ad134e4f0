"""`hubb harvest --check` asks every stored open call's link whether it answers (issue 12)."""

import os
import socket
import subprocess
import sys
from datetime import date

from db.engine import session_scope
from scrapers.links import check_link, check_links
from scrapers.sites.server import SiteServer
from tests.helpers.digest_data import add_call


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_each_link_gets_its_answer_in_order():
    site = SiteServer()
    try:
        site.set("/ok", "<html><body>Utlysning</body></html>")
        site.fail("/gone", 404)
        site.fail("/broken", 500)
        base = site.base_url
        dead = f"http://127.0.0.1:{_closed_port()}/x"
        results = check_links([f"{base}/ok", f"{base}/gone", f"{base}/broken", dead, "javascript:alert(1)"])
        assert [(r.url, r.status, r.problem) for r in results] == [
            (f"{base}/ok", 200, ""),
            (f"{base}/gone", 404, "HTTP 404"),
            (f"{base}/broken", 500, "HTTP 500"),
            (dead, None, "connection refused"),
            ("javascript:alert(1)", None, "not an http(s) link"),
        ]
        assert site.requests  # HEAD requests reached the server
    finally:
        site.stop()


def test_a_server_that_refuses_head_is_asked_for_the_page():
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    class NoHead(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_HEAD(self):
            self.send_response(405)
            self.end_headers()

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), NoHead)
    Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        r = check_link(f"http://127.0.0.1:{httpd.server_address[1]}/sida")
        assert (r.status, r.problem, r.ok) == (200, "", True)
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_check_names_the_broken_links_of_stored_open_calls(engine, db_url, tmp_path):
    site = SiteServer()
    try:
        site.set("/finns", "<html><body>Utlysning</body></html>")
        with session_scope(engine) as s:
            for ext_id, path, deadline in (("c1", "/finns", "2027-01-15"), ("c2", "/borta", "2027-01-15"),
                                           ("c3", "/stangd", "2020-01-15")):  # c3 closed: not checked
                add_call(s, ext_id, deadline=deadline).url = f"{site.base_url}{path}"
        from cycle import broken_links

        checked, bad = broken_links(engine, ["vinnova"], on=date(2026, 12, 1))["vinnova"]
        assert checked == 2
        assert [(r.url, r.problem) for r in bad] == [(f"{site.base_url}/borta", "HTTP 404")]
    finally:
        site.stop()


def test_check_without_a_database_creates_none(tmp_path):
    env = {**os.environ, "HUBB_DATABASE_URL": f"sqlite:///{tmp_path}/none.sqlite3",
           "HUBB_SOURCES_FILE": str(tmp_path / "sources.yaml")}
    (tmp_path / "sources.yaml").write_text("sources: {}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cli.main", "harvest", "--check"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2  # no enabled sources
    assert not (tmp_path / "none.sqlite3").exists()
