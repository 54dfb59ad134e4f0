"""The gap report's numbers on the fixed database of tests/helpers/report_data.py (five
companies, seven calls, matches, digests and sent items written directly, as of 27 November
2026; its docstring lists them). Every kompetens need is unserved."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.report_data import AS_OF


def test_open_calls_exclude_closed_and_vanished(fixed_db):
    from reports.gaps import open_calls

    session, calls = fixed_db
    got = sorted(c.external_id for c in open_calls(session, AS_OF).values())
    assert got == ["digi", "energi", "export", "kompweak", "robot"]


def test_one_row_per_need_with_its_serving_calls(report):
    got = [(r.profile_id, r.index, r.area, r.priority, r.branch.code, [(h.external_id, h.score) for h in r.calls])
           for r in report.needs]
    assert got == [
        ("bageri", 0, "kompetens", "high", "10", []),
        ("bageri", 1, "marknad", "medium", "10", [("export", 0.7)]),
        ("elektronik", 0, "digitalisering", "high", "26", [("digi", 0.85), ("robot", 0.55)]),
        ("elektronik", 1, "kompetens", "low", "26", []),
        ("mek", 0, "kompetens", "medium", "25", []),
        ("mek", 1, "hallbarhet", "low", "25", [("energi", 0.5)]),
        ("svets", 0, "automation", "high", "25", [("robot", 0.9)]),
        ("svets", 1, "kompetens", "high", "25", []),
        ("svets", 2, "produktion", "medium", "25", [("robot", 0.6)]),
        ("verkstad", 0, "kompetens", "high", "25", []),
        ("verkstad", 1, "digitalisering", "medium", "25", [("digi", 0.8)]),
    ]
    first = report.needs[2].calls[0]
    assert (first.deadline, first.source, first.title) == (date(2027, 3, 1), "tillvaxtverket", "Digitalisera mera")
    assert report.needs[0].company == "Bageri AB"
    assert report.needs[0].area_label == "Kompetensförsörjning och kompetensutveckling"
    assert report.needs[0].text == "Behov inom kompetens hos Bageri AB."
    assert (report.companies, len(report.needs), report.served) == (5, 11, 6)
    assert report.share_served == pytest.approx(6 / 11)


def test_unserved_need_is_an_application_candidate_with_its_company_count(report):
    got = [(c.area, c.branch.code, c.company_count, c.needs, c.priorities) for c in report.candidates]
    assert got == [
        ("kompetens", "25", 3, 3, {"high": 2, "medium": 1, "low": 0}),
        ("kompetens", "10", 1, 1, {"high": 1, "medium": 0, "low": 0}),
        ("kompetens", "26", 1, 1, {"high": 0, "medium": 0, "low": 1}),
    ]
    top = report.candidates[0]
    assert top.companies == ["Mek AB", "Svets AB", "Verkstad AB"]
    assert top.sentence == ("3 företag inom metallvaruindustri (SNI 25) har behov inom kompetensförsörjning "
                            "och kompetensutveckling som ingen öppen utlysning täcker")


def test_needs_per_area_and_share_served(report):
    got = [(a.area, a.needs, a.served, a.unserved) for a in report.areas]
    assert got == [
        ("kompetens", 5, 0, 5), ("produktion", 1, 1, 0), ("automation", 1, 1, 0),
        ("digitalisering", 2, 2, 0), ("hallbarhet", 1, 1, 0), ("innovation", 0, 0, 0),
        ("marknad", 1, 1, 0), ("finansiering", 0, 0, 0), ("ledarskap", 0, 0, 0), ("logistik", 0, 0, 0),
    ]
    assert report.areas[0].share == 0.0
    assert report.areas[5].share is None


def test_needs_per_area_and_branch(report):
    m = report.matrix
    assert [b.code for b in m.branches] == ["10", "25", "26"]
    assert [b.name for b in m.branches] == ["livsmedelsindustri", "metallvaruindustri",
                                            "dator-, elektronik- och optikindustri"]
    assert [(key, row) for (key, _), row in zip(m.areas, m.counts, strict=True)] == [
        ("kompetens", [1, 3, 1]), ("produktion", [0, 1, 0]), ("automation", [0, 1, 0]),
        ("digitalisering", [0, 1, 1]), ("hallbarhet", [0, 1, 0]), ("marknad", [1, 0, 0]),
    ]
    assert (m.total, [m.column_total(j) for j in range(3)]) == (11, [2, 7, 2])
    u = report.unserved_matrix
    assert [(key, row) for (key, _), row in zip(u.areas, u.counts, strict=True)] == [("kompetens", [1, 3, 1])]


def test_calls_per_source_and_per_area(report):
    assert [(s.source, s.stored, s.open, s.serving) for s in report.sources] == [
        ("iuc", 1, 1, 1), ("region_orebro", 1, 0, 0), ("tillvaxtverket", 2, 2, 1), ("vinnova", 2, 2, 2),
    ]
    assert {a.area: a.calls for a in report.area_calls} == {
        "kompetens": 0, "produktion": 1, "automation": 1, "digitalisering": 2, "hallbarhet": 1,
        "innovation": 0, "marknad": 1, "finansiering": 0, "ledarskap": 0, "logistik": 0,
    }


def test_matches_and_digests_per_company_over_the_period(report):
    assert report.since == date(2026, 10, 28)
    got = [(a.profile_id, a.matches, a.digests, a.calls_sent) for a in report.activity]
    # bageri's match on digi covers no need but is still a worth-sending match; verkstad's closed and
    # vanished calls were matched too
    assert got == [
        ("bageri", 2, 0, 0), ("elektronik", 1, 0, 0), ("mek", 1, 0, 0),
        ("svets", 2, 2, 3), ("verkstad", 3, 0, 0),
    ]


def test_a_longer_period_counts_earlier_matches_and_digests(fixed_db, profiles, taxonomy):
    from reports.build import build_gap_report

    session, _ = fixed_db
    r = build_gap_report(session, profiles, taxonomy, AS_OF, since=date(2026, 10, 1))
    got = [(a.profile_id, a.matches, a.digests, a.calls_sent) for a in r.activity]
    assert got == [
        ("bageri", 2, 0, 0), ("elektronik", 2, 0, 0), ("mek", 1, 0, 0),
        ("svets", 2, 2, 3), ("verkstad", 3, 1, 1),
    ]


def test_closing_calls_serving_a_high_priority_need_no_digest_reached(report):
    # robot closes 10 Dec and serves svets' automation (high; sent to svets) and
    # elektronik's digitalisering (high; its digest failed): only elektronik is listed.
    got = [(c.external_id, c.deadline, c.days_left, c.profile_id, c.area_label) for c in report.closing]
    assert got == [("robot", date(2026, 12, 10), 13, "elektronik", "Digitalisering")]


def test_closing_horizon_is_a_parameter(fixed_db, profiles, taxonomy):
    from reports.build import build_gap_report

    session, _ = fixed_db
    assert build_gap_report(session, profiles, taxonomy, AS_OF, closing_days=12).closing == []


def test_a_call_closed_on_the_as_of_date_serves_nothing(fixed_db, profiles, taxonomy):
    from reports.build import build_gap_report

    session, _ = fixed_db
    r = build_gap_report(session, profiles, taxonomy, date(2026, 12, 11))
    assert [(row.profile_id, row.index) for row in r.needs if row.served] == [
        ("bageri", 1), ("elektronik", 0), ("mek", 1), ("verkstad", 1),
    ]
    assert [(c.area, c.branch.code, c.company_count) for c in r.candidates] == [
        ("kompetens", "25", 3), ("kompetens", "10", 1), ("automation", "25", 1),
        ("produktion", "25", 1), ("kompetens", "26", 1),
    ]


@pytest.mark.parametrize("reasons, areas, expected", [
    ({"needs": {"0": 0.3, "1": 0.29, "2": 0.9}}, [], {0: 0.3, 2: 0.9}),
    ({"needs": {"0": 0.5, "7": 0.9, "x": 1}}, ["kompetens"], {0: 0.5}),  # unknown index / key ignored
    ({"needs": {}}, ["kompetens"], {}),  # per-need scores given: the areas are not consulted
    ({"sv": []}, ["kompetens", "produktion"], {1: 0.6, 2: 0.6}),  # no per-need scores: by area
])
def test_which_needs_a_match_covers(profiles, reasons, areas, expected):
    from db.models import Match
    from reports.gaps import covered_needs

    svets = next(p for p in profiles if p.id == "svets")
    match = Match(profile_id="svets", call_id=1, score=0.6, rank=1, areas=areas, reasons=reasons)
    assert covered_needs(match, svets, need_served=0.3) == expected


def test_the_need_served_bar_comes_from_the_matching_config(report):
    from matcher.config import load_matching_config

    assert report.need_served == load_matching_config().need_served
