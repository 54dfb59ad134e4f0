"""A source fetched through a copy (the demo's local snapshots) stores the public page
address of each call, so digests and reports link to the funder, not to the copy."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from scrapers.pipelines import NormalisePipeline
from scrapers.sources import Source, SourcesError, load_sources, write_sources

LOCAL = {"site": "http://127.0.0.1:40001", "utveckling": "http://127.0.0.1:40002"}
REAL = {"site": "https://www.regionorebrolan.se", "utveckling": "https://utveckling.regionorebrolan.se"}


def source(**extra) -> Source:
    return Source(name="region_orebro", funder="Region Örebro län", base_urls=dict(LOCAL), **extra)


@pytest.mark.parametrize("url, public", [
    ("http://127.0.0.1:40001/sv/stod-och-bidrag/foretagsstod/exportcheck/",
     "https://www.regionorebrolan.se/sv/stod-och-bidrag/foretagsstod/exportcheck/"),
    ("http://127.0.0.1:40002/sv/regionala-utvecklingsstrategin/projektfinansiering/",
     "https://utveckling.regionorebrolan.se/sv/regionala-utvecklingsstrategin/projektfinansiering/"),
    ("http://127.0.0.1:40001", "https://www.regionorebrolan.se"),
    # a port that merely starts like the base is another site
    ("http://127.0.0.1:400011/x/", "http://127.0.0.1:400011/x/"),
    ("https://example.se/x/", "https://example.se/x/"),
])
def test_public_replaces_the_fetched_base(url, public):
    assert source(public_urls=dict(REAL)).public(url) == public


def test_without_public_urls_the_fetched_address_is_kept():
    url = "http://127.0.0.1:40001/sv/x/"
    assert source().public(url) == url


def test_public_urls_survive_writing_and_loading(tmp_path):
    path = write_sources({"region_orebro": source(public_urls=dict(REAL))}, tmp_path / "sources.yaml")
    loaded = load_sources(path)["region_orebro"]
    assert loaded.public_urls == REAL
    assert loaded.base_urls == LOCAL


def test_public_urls_must_name_base_urls(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  iuc:\n    base_urls: {site: 'http://127.0.0.1:1'}\n"
                    "    public_urls: {other: 'https://iuc.se'}\n", encoding="utf-8")
    with pytest.raises(SourcesError, match=r"sources\.iuc\.public_urls"):
        load_sources(path)


def test_the_normalise_pipeline_stores_the_public_address():
    spider = SimpleNamespace(source=source(public_urls=dict(REAL)))
    item = NormalisePipeline().process_item(
        {"id": "exportcheck", "url": "http://127.0.0.1:40001/sv/stod-och-bidrag/foretagsstod/exportcheck/",
         "title": "  Exportcheck  "}, spider)
    assert item["url"] == "https://www.regionorebrolan.se/sv/stod-och-bidrag/foretagsstod/exportcheck/"
    assert item["title"] == "Exportcheck"
