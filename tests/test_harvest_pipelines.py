"""Pipelines: normalise, validate (drops and the per-field report), and the store's
rule that an unhealthy run changes no stored call."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from sqlalchemy import select

from db.engine import session_scope
from db.models import Call, HarvestRun
from scrapers.pipelines import NormalisePipeline, StorePipeline, ValidatePipeline, clean_text
from scrapers.spiders.vinnova import VinnovaSpider
from tests.helpers.sites import make_spider


def item(**kw):
    data = {"source": "vinnova", "funder": "Vinnova", "id": "2026-00001", "url": "https://www.vinnova.se/e/utlysning-2026-90001/innovationsprojekt-2026-00001/",
            "title": "  Utlysning\n  ett ", "text": "Rubrik  \r\n\r\n\r\n\r\nText\u00a0här ", "summary": "",
            "deadline": "2027-01-15", "applicants": ["sme", "sme", " academia "], "regions": ["se"],
            "deadline_raw": "  "}
    data.update(kw)
    return data


def test_normalise():
    out = NormalisePipeline().process_item(item())
    assert out["title"] == "Utlysning ett"
    assert out["text"] == "Rubrik\n\nText här"
    assert out["summary"] == ""
    assert out["deadline_raw"] is None
    assert out["applicants"] == ["sme", "academia"]


def test_clean_text_keeps_headings_as_lines():
    assert clean_text("Vem kan söka?\nSmå  företag.\n\n\n\nSlut") == "Vem kan söka?\nSmå företag.\n\nSlut"


def test_validate_drops_invalid_and_duplicate_items_and_reports_per_field():
    spider = make_spider(VinnovaSpider)
    v = ValidatePipeline(spider.crawler.stats)
    norm = NormalisePipeline()
    v.process_item(norm.process_item(item()))
    with pytest.raises(DropItem, match="duplicate"):
        v.process_item(norm.process_item(item()))
    with pytest.raises(DropItem, match="title"):
        v.process_item(norm.process_item(item(id="2026-00002", title="  ")))
    with pytest.raises(DropItem, match="applicants"):
        v.process_item(norm.process_item(item(id="2026-00003", applicants=["foretag"])))
    v.close_spider(spider)
    report = spider.crawler.stats.get_value("hubb/validation")
    assert report == {"valid": 1, "dropped": 3, "errors": {"duplicate id": 1, "title": 1, "applicants": 1},
                      "fill": {"deadline": 1.0, "text": 1.0, "applicants": 1.0}}
    assert spider.crawler.stats.get_value("hubb/dropped") == 3


def _store(spider, items):
    store = StorePipeline(spider.crawler)
    store.open_spider(spider)
    for i in items:
        store.process_item(NormalisePipeline().process_item(i), spider)
    store.close_spider(spider)
    return spider.harvest_result


def test_store_writes_a_healthy_run_and_an_unhealthy_run_changes_nothing(engine, monkeypatch):
    monkeypatch.setenv("HUBB_NOW", "2026-11-27")
    spider = make_spider(VinnovaSpider)
    spider.mark_complete()
    result = _store(spider, [item(), item(id="2026-00002")])
    assert (result.ok, result.new, result.items, result.complete) == (True, 2, 2, True)

    spider = make_spider(VinnovaSpider)
    spider.mark_complete()
    spider.crawler.stats.set_value("retry/max_reached", 1)
    result = _store(spider, [item(title="Ändrad")])
    assert not result.ok
    assert result.reasons == ["1 request(s) failed after retries"]
    assert (result.new, result.changed, result.vanished) == (0, 0, 0)
    with session_scope(engine) as s:
        stored = {c.external_id: (c.title, c.vanished_at) for c in s.scalars(select(Call))}
        runs = [(r.status, r.items, r.errors) for r in s.scalars(select(HarvestRun).order_by(HarvestRun.id))]
    assert stored == {"2026-00001": ("Utlysning ett", None), "2026-00002": ("Utlysning ett", None)}
    assert runs == [("ok", 2, []), ("failed", 1, ["1 request(s) failed after retries"])]


def test_check_mode_stores_nothing(engine, monkeypatch):
    spider = make_spider(VinnovaSpider, check="1")
    result = _store(spider, [item()])
    assert result.ok and result.check
    with session_scope(engine) as s:
        assert s.scalars(select(HarvestRun)).all() == []
