"""config/sources.yaml: the shipped file loads, bad files fail at start-up with the place."""

from __future__ import annotations

import pytest

from scrapers.sources import SourcesError, get_source, load_sources, sources_file


def test_shipped_sources():
    sources = load_sources()
    assert list(sources) == ["vinnova", "tillvaxtverket", "region_orebro", "iuc", "eu", "energimyndigheten", "almi"]
    v = sources["vinnova"]
    assert v.base_url == "https://www.vinnova.se"
    assert v.url("/api/utlysningar/2026-01-01", base="api") == "https://data.vinnova.se/api/utlysningar/2026-01-01"
    assert v.download_timeout == 180.0 and v.retry_times == 3
    assert sources["iuc"].hosts == ["iucindustrihubb.se", "iuc.se"]


def test_sources_file_env(tmp_path, monkeypatch):
    path = tmp_path / "s.yaml"
    path.write_text("sources:\n  vinnova:\n    base_urls: {site: 'http://127.0.0.1:1'}\n")
    monkeypatch.setenv("HUBB_SOURCES_FILE", str(path))
    assert sources_file() == path
    assert get_source("vinnova").base_url == "http://127.0.0.1:1"
    with pytest.raises(SourcesError, match="no source named 'iuc'"):
        get_source("iuc")


@pytest.mark.parametrize("text, message", [
    ("[]", "expected a mapping with a 'sources' mapping"),
    ("sources:\n  v: {}\n", "sources.v.base_urls: expected a mapping"),
    ("sources:\n  v:\n    base_urls: {site: 'ftp://x'}\n", "sources.v.base_urls.site: 'ftp://x' is not an http"),
    ("sources:\n  v:\n    base_urls: {site: 'https://x'}\n    min_fill: {title: 1}\n", "unknown field"),
    ("sources:\n  v:\n    base_urls: {site: 'https://x'}\n    download_timeout: soon\n", "sources.v"),
    ("sources: [\n", "not valid YAML"),
])
def test_bad_files(tmp_path, text, message):
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    with pytest.raises(SourcesError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_sources(path)
