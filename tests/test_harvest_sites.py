"""The local site servers: real paths per host, validators and 304, injected errors and
hangs, request counts, URL rewriting and the sources file pointing at them."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest

from hubb.record import CallRecord
from scrapers.sites import renderers
from scrapers.sites import vinnova as vinnova_site
from scrapers.sites.server import SiteFarm, SiteServer
from scrapers.sources import load_sources


def get(url, headers=None, timeout=5):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def server():
    srv = SiteServer("www.example.se")
    yield srv
    srv.stop()


def test_validators_and_304(server):
    server.set("/a.html", b"<p>ett</p>")
    status, headers, body = get(server.base_url + "/a.html")
    assert (status, body) == (200, b"<p>ett</p>")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert get(server.base_url + "/a.html", {"If-None-Match": etag})[0] == 304
    assert get(server.base_url + "/a.html", {"If-Modified-Since": modified})[0] == 304
    server.set("/a.html", b"<p>tva</p>")
    status, headers, body = get(server.base_url + "/a.html", {"If-None-Match": etag})
    assert (status, body) == (200, b"<p>tva</p>")
    assert headers["ETag"] != etag
    assert server.requests["/a.html"] == 4


def test_missing_failing_and_hanging_paths(server):
    server.set("/x", b"x")
    assert get(server.base_url + "/nope")[0] == 404
    server.fail("/x", 503)
    assert get(server.base_url + "/x")[0] == 503
    server.heal("/x")
    assert get(server.base_url + "/x")[0] == 200
    server.hang("/x", 5)
    with pytest.raises((socket.timeout, TimeoutError, urllib.error.URLError)):
        get(server.base_url + "/x", timeout=0.3)
    server.heal()


def test_wildcard_paths_answer_every_path_below(server):
    server.set("/api/utlysningar/*", b"[]")
    assert get(server.base_url + "/api/utlysningar/2023-11-28")[:3:2] == (200, b"[]")
    assert get(server.base_url + "/api/program/2023-11-28")[0] == 404


def test_farm_serves_each_host_and_rewrites_real_urls(tmp_path):
    record = CallRecord(source="vinnova", id="2026-00101",
                        url="https://www.vinnova.se/e/innovativa-startups/innovativa-startups-2026-00101/",
                        title="Innovativa Startups", text="Vem kan söka?\nSmå företag.")
    with SiteFarm.start({"vinnova": vinnova_site.render([record])}) as farm:
        api = farm.local_base("https://data.vinnova.se")
        site = farm.local_base("https://www.vinnova.se")
        assert api != site
        assert get(api + "/robots.txt")[0] == 200 and get(site + "/robots.txt")[0] == 200
        status, headers, body = get(api + "/api/ansokningsomgangar/2023-11-28")
        assert status == 200 and headers["Content-Type"].startswith("application/json")
        assert get(site + "/e/innovativa-startups/innovativa-startups-2026-00101/")[0] == 200
        # the listing links the page at the record's url (the spider takes urls from it)
        status, _, listing = get(site + "/sok-finansiering/hitta-finansiering/")
        assert status == 200 and b'href="/e/innovativa-startups/innovativa-startups-2026-00101/"' in listing
        farm.set("https://www.vinnova.se/om.html", '<a href="https://data.vinnova.se/api/">api</a>')
        assert get(site + "/om.html")[2] == f'<a href="{api}/api/">api</a>'.encode()
        assert farm.requests("vinnova")[("data.vinnova.se", "/robots.txt")] == 1
        assert farm.total_requests("vinnova") == 6
        path = farm.write_sources_file(tmp_path / "sources.yaml", download_timeout=2, retry_times=1)
        local = load_sources(path)
        assert local["vinnova"].base_urls == {"site": site, "api": api}
        assert local["vinnova"].download_timeout == 2.0 and local["vinnova"].retry_times == 1
        assert local["vinnova"].options["since_days"] == 1095
        farm.publish("vinnova", {"/robots.txt": b"User-agent: *\n"})
        assert get(api + "/api/ansokningsomgangar/2023-11-28")[0] == 404


def test_renderers_are_found():
    assert "vinnova" in renderers()
