"""matcher.eligibility: one table row per rule — (profile, call, expected failed rules)."""

from datetime import date

import pytest

from hubb.profiles import Profile
from hubb.record import CallRecord
from matcher.eligibility import failed_rules, text_facts

AS_OF = date(2026, 11, 27)


def profile(**kw) -> Profile:
    data = dict(id="p", company="Exempel AB", municipality="Örebro", sni=["25.620"], founded=1987,
                employees=35, size="small",
                needs=[{"area": "automation", "text": "Robotsvetsning.", "priority": "high"}])
    data.update(kw)
    return Profile.model_validate(data)


def call(**kw) -> CallRecord:
    data = dict(source="t", id="c1", url="https://example.se/c1", title="Stöd till företag",
                summary="", text="", status="open", applicants=["company"], regions=["SE"])
    data.update(kw)
    return CallRecord.model_validate(data)


SMALL, LARGE, YOUNG = profile(), profile(employees=900, size="large"), profile(founded=2024, employees=3, size="micro")

CASES = [
    # status
    ("open call", SMALL, call(), []),
    ("rolling call", SMALL, call(status="rolling"), []),
    ("deadline passed", SMALL, call(deadline="2026-11-26"), ["status"]),
    ("deadline today", SMALL, call(deadline="2026-11-27"), []),
    ("closed by the site", SMALL, call(status="closed"), ["status"]),
    ("upcoming allowed", SMALL, call(status="upcoming", opens="2027-01-10"), []),
    # region
    ("Örebro län", SMALL, call(regions=["SE124"]), []),
    ("Östra Mellansverige", SMALL, call(regions=["SE12"]), []),
    ("EU", SMALL, call(regions=["EU"]), []),
    ("not stated", SMALL, call(regions=[]), []),
    ("Sörmland", SMALL, call(regions=["SE122"]), ["region"]),
    ("Övre Norrland", SMALL, call(regions=["SE33"]), ["region"]),
    # who may apply
    ("municipalities only", SMALL, call(applicants=["public_sector"]), ["applicant"]),
    ("universities and associations", SMALL, call(applicants=["academia", "nonprofit"]), ["applicant"]),
    ("persons only", SMALL, call(applicants=["individual"]), ["applicant"]),
    ("SME call, small company", SMALL, call(applicants=["sme"]), []),
    ("SME call, large company", LARGE, call(applicants=["sme"]), ["sme"]),
    ("any company, large company", LARGE, call(applicants=["company"]), []),
    ("large only, small company", SMALL, call(applicants=["large_company"]), ["large"]),
    ("large only, large company", LARGE, call(applicants=["large_company"]), []),
    ("start-ups, old company", SMALL, call(applicants=["startup"]), ["startup"]),
    ("start-ups, young company", YOUNG, call(applicants=["startup"]), []),
    ("start-ups, founding year unknown", profile(founded=None), call(applicants=["startup"]), []),
    # head count and age limits
    ("at most 49, has 35", SMALL, call(employees_max=49), []),
    ("at most 49, has 140", profile(employees=140, size="medium"), call(employees_max=49), ["employees"]),
    ("more than 250, has 140", profile(employees=140, size="medium"), call(employees_min=251), ["employees"]),
    ("at most 49, size class micro", profile(employees=None, size="micro"), call(employees_max=49), []),
    ("at least 250, size class small", profile(employees=None, size="small"), call(employees_min=250), ["employees"]),
    ("at most 5 years, 39 years old", SMALL, call(company_age_max=5), ["age"]),
    ("at least 5 years, 2 years old", YOUNG, call(company_age_min=5), ["age"]),
    ("at least 5 years, age unknown", profile(founded=None), call(company_age_min=5), []),
    # exclude words
    ("exclude word in text", profile(exclude=["jordbruk"]), call(text="Stöd till jordbruket i länet."), ["exclude"]),
    ("exclude word absent", profile(exclude=["jordbruk"]), call(text="Stöd till industrin."), []),
    # the text, where the fields are silent
    ("text: only municipalities", SMALL,
     call(applicants=[], text="Vem kan söka?\nKommuner och regioner kan söka. Företag kan inte söka."), ["applicant"]),
    ("text: at most 49 employees", profile(employees=140, size="medium"),
     call(applicants=[], text="Vem kan söka?\nFöretag med högst 49 anställda."), ["employees"]),
    ("text: only existing projects", SMALL,
     call(text="Därför öppnar utlysningen endast för redan befintliga projekt som finansieras genom fonden."),
     ["applicant"]),
    ("several rules", LARGE, call(applicants=["sme"], regions=["SE33"], deadline="2026-01-01"),
     ["status", "region", "sme"]),
]


@pytest.mark.parametrize("name,prof,rec,expected", CASES, ids=[c[0] for c in CASES])
def test_rules(name, prof, rec, expected):
    assert failed_rules(prof, rec, AS_OF, startup_max_age=5) == expected


def test_text_facts_are_read_only_when_applicants_are_silent():
    rec = call(applicants=["company"], text="Vem kan söka?\nFöretag med högst 49 anställda.")
    assert text_facts(rec) == {"closed_to_new": False, "divisions": None}
    silent = call(applicants=[], text="Vem kan söka?\nFöretag med högst 49 anställda.")
    assert text_facts(silent)["employees_max"] == 49


def test_a_refusal_with_its_subject_elided_refuses_the_clause_before():
    # "Företag deltar med egna insatser men kan inte söka": companies take part, but the
    # call is for universities only
    from hubb.swedish.eligibility import parse_eligibility

    text = ("Universitet och högskolor. Företag deltar med egna insatser men kan inte söka "
            "eller få finansiering från Vinnova.")
    got = parse_eligibility(text)
    assert [a.value for a in got.applicants] == ["academia"]
    assert "company" in [a.value for a in got.excluded]
    assert failed_rules(SMALL, call(applicants=[], text="Vem kan söka?\n" + text), AS_OF, startup_max_age=5) \
        == ["applicant"]
