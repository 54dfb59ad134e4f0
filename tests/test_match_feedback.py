"""Feedback becomes training data: judgements in the database enter bench/train_matcher.py."""

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from db.engine import session_scope
from db.feedback import judged_grades, training_pairs
from db.models import Judgement
from tests.helpers.web_data import world  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _judge(s, profile, call, source, verdict, grade=None, minutes=0):
    s.add(Judgement(profile_id=profile, call_id=call, source=source, verdict=verdict, grade=grade,
                    author="x@example.se", comment="", created_at=T0 + timedelta(minutes=minutes)))


def test_staff_grades_win_and_the_latest_answer_counts():
    rows = [("p", "a", "company", "interested", None), ("p", "a", "company", "not_fit", None),
            ("p", "b", "staff", "grade", 3), ("p", "b", "company", "not_fit", None),
            ("q", "a", "company", "interested", None)]
    assert judged_grades(rows) == {("p", "a"): 0, ("p", "b"): 3, ("q", "a"): 2}


def test_training_pairs_read_the_judgements_with_their_calls_and_profiles(world, engine):  # noqa: F811
    with session_scope(engine) as s:
        _judge(s, "exempel-verkstad", world["c1"], "company", "interested")
        _judge(s, "exempel-verkstad", world["c2"], "company", "not_fit", minutes=1)
        _judge(s, "plast-ab", world["c3"], "staff", "grade", grade=1, minutes=2)
        _judge(s, "gone-company", world["c3"], "staff", "grade", grade=3, minutes=3)  # no profile
    records, profiles, pairs = training_pairs(engine)
    assert pairs == [("exempel-verkstad", "c1", 2), ("exempel-verkstad", "c2", 0), ("plast-ab", "c3", 1)]
    assert [p.id for p in profiles] == ["exempel-verkstad", "plast-ab"]
    assert [r.id for r in records] == ["c1", "c2", "c3"]
    assert records[0].title == "Automatisering i små företag"


def test_the_training_command_learns_from_the_database(world, engine, db_url, tmp_path):  # noqa: F811
    with session_scope(engine) as s:
        for n, (pid, call, grade) in enumerate([("exempel-verkstad", "c1", 3), ("exempel-verkstad", "c2", 0),
                                                ("exempel-verkstad", "c3", 1), ("plast-ab", "c1", 2),
                                                ("plast-ab", "c2", 0), ("plast-ab", "c3", 0)]):
            _judge(s, pid, world[call], "staff", "grade", grade=grade, minutes=n)
    sys.path.insert(0, str(ROOT / "bench"))
    import train_matcher

    out = tmp_path / "model.json"
    empty = tmp_path / "no-labels"
    empty.mkdir()
    assert train_matcher.main(["--labels", str(empty), "--db", db_url, "--out", str(out)]) == 0
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["trained_on"]["labels"] == ["database (6 judgements)"]
    assert model["trained_on"]["profiles"] == 2 and model["trained_on"]["calls"] == 3
    # the same judgements give the same file
    again = tmp_path / "again.json"
    assert train_matcher.main(["--labels", str(empty), "--db", db_url, "--out", str(again)]) == 0
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
