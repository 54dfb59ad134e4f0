"""`hubb demo --serve` as the README shows it: the demo's data stays, the web service starts
on 127.0.0.1, and the printed staff login and digest link work."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from tests.helpers.smtp import free_port

pytestmark = [pytest.mark.slow]


def test_demo_serve_prints_a_login_and_links_that_work(tmp_path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "demo", "--serve", "--port", str(port),
                             "--dir", str(tmp_path / "demo")], env=dict(os.environ),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    try:
        for line in proc.stdout:  # until gunicorn listens: no sleeping
            lines.append(line)
            if "Listening at" in line:
                break
        out = "".join(lines)
        assert f"Listening at: http://127.0.0.1:{port}" in out, out
        email, password = re.search(r"staff login\s+(\S+)\s+password (\S+)", out).groups()
        link = re.search(r"its first link\s+(\S+)", out).group(1)
        assert link.startswith(f"http://127.0.0.1:{port}/f/")
        digest = re.search(r"a digest\s+python3 -m webbrowser file://(\S+)", out).group(1)
        assert link.replace("&", "&amp;") in open(digest, encoding="utf-8").read()

        with urllib.request.urlopen(link, timeout=10) as answer:
            assert "Vad tycker ni om utlysningen?" in answer.read().decode()
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"http://127.0.0.1:{port}/staff/login", timeout=10).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password,
                                       "next": "/staff/companies"}).encode()
        with opener.open(f"http://127.0.0.1:{port}/staff/login", data=body, timeout=10) as answer:
            assert answer.url == f"http://127.0.0.1:{port}/staff/companies"
            html = answer.read().decode()
        assert html.count('href="/staff/companies/') >= 5  # the demo's example companies
    finally:
        proc.terminate()
        proc.wait(timeout=30)
