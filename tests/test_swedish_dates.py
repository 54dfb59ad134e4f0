"""hubb.swedish.dates: dates, times, periods and deadline sentences, as printed on real call
pages (Tillväxtverket status lines, Region Örebro län deadline sentences, Vinnova, ESF, EU)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from hubb.clock import TZ
from hubb.swedish.dates import (
    find_dates,
    find_deadline,
    infer_year,
    parse_date,
    parse_deadline,
    parse_period,
    parse_time,
    split_sentences,
)
from hubb.vocab import Status

REF = date(2026, 11, 27)  # the capture date the fixtures are frozen at


def dt(y, mo, d, h, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("19 mars 2024", date(2024, 3, 19)),
        ("den 25 augusti 2023", date(2023, 8, 25)),
        ("Sök senast den 25 augusti 2023.", date(2023, 8, 25)),
        ("19 dec. 2025", date(2025, 12, 19)),
        ("19 dec 2025", date(2025, 12, 19)),
        ("3 sept. 2026", date(2026, 9, 3)),
        ("1 okt 2026", date(2026, 10, 1)),
        ("31 maj 2022", date(2022, 5, 31)),
        ("24 mars 2026 kl 14:00", dt(2026, 3, 24, 14)),
        ("24 mars 2026 kl. 14.00", dt(2026, 3, 24, 14)),
        ("24 mars 2026, kl. 14.00.", dt(2026, 3, 24, 14)),
        ("24 mars 2026 klockan 14", dt(2026, 3, 24, 14)),
        ("den 13 oktober 2026 kl 23:59", dt(2026, 10, 13, 23, 59)),
        ("2024-05-20", date(2024, 5, 20)),
        ("Observera att det 2024-05-20 skett ändringar i utlysningen", date(2024, 5, 20)),
        ("2026-10-13T14:00:00", dt(2026, 10, 13, 14)),
        ("2026-10-13 kl 14:00", dt(2026, 10, 13, 14)),
        ("12/3 2027", date(2027, 3, 12)),
        ("12/03/2027", date(2027, 3, 12)),
        ("15 January 2027", date(2027, 1, 15)),
        ("January 15, 2027", date(2027, 1, 15)),
        ("Deadline: 16 Sep 2025 17:00", dt(2025, 9, 16, 17)),
        ("closes on 12 March 2026 at 2 pm", dt(2026, 3, 12, 14)),
        ("1st October 2026", date(2026, 10, 1)),
        ("the 15th of January 2027", date(2027, 1, 15)),
        ("Sista dag är den 3:e mars 2027", date(2027, 3, 3)),
        ("Sista dag för ansökan är fredag 15 januari 2027", date(2027, 1, 15)),
        ("Deadline 16 September 2025 17:00:00 Brussels time", dt(2025, 9, 16, 17)),
        ("Ansökningstiden går ut den 28 februari 2027 klockan 12.00", dt(2027, 2, 28, 12)),
        ("Utlysningen är öppen till 12:e september 2024.", date(2024, 9, 12)),
        ("kl 24:00 den 1 mars 2027", date(2027, 3, 1)),  # a time before the date is not the date's
        ("Inga datum här", None),
        ("1/3 av finansieringen", None),  # a fraction, not 1 March
        ("Supporten är öppen 24/7", None),
        ("årsskiftet 2020/2021", None),
        ("Programmet 2021–2027", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, REF) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # no year: the occurrence nearest the reference date (27 November 2026)
        ("12/3", date(2027, 3, 12)),
        ("15 januari", date(2027, 1, 15)),
        ("12:e september", date(2026, 9, 12)),
        ("den 1 december", date(2026, 12, 1)),
        ("20 juni", date(2026, 6, 20)),
        ("20 maj", date(2027, 5, 20)),  # 174 days ahead is nearer than 191 days back
        ("13 februari", date(2027, 2, 13)),
    ],
)
def test_year_is_inferred_from_the_reference_date(text, expected):
    (found,) = find_dates(text, REF)
    assert found.value == expected
    assert found.has_year is False


def test_infer_year():
    assert infer_year(1, 15, date(2026, 12, 20)) == 2027
    assert infer_year(12, 20, date(2027, 2, 1)) == 2026
    assert infer_year(6, 1, date(2026, 5, 1)) == 2026
    assert infer_year(2, 29, date(2027, 11, 1)) == 2028


def test_unreadable_time_keeps_the_date_and_warns():
    (found,) = find_dates("Sista dag 24 mars 2026 kl. lunch", REF)
    assert found.value == date(2026, 3, 24)
    assert found.raw == "24 mars 2026 kl."
    assert "unreadable time 'lunch'" in found.warning
    d = parse_deadline("Sista ansökningsdag 24 mars 2026 kl. 25.00", REF)
    assert d.deadline == date(2026, 3, 24)
    assert len(d.warnings) == 1


def test_find_dates_keeps_raw_text_and_order():
    text = "Utlysningen öppnar den 30 augusti 2019 och stänger den 26 september 2019 kl 14:00."
    found = find_dates(text, REF)
    assert [f.raw for f in found] == ["den 30 augusti 2019", "den 26 september 2019 kl 14:00"]
    assert [f.value for f in found] == [date(2019, 8, 30), dt(2019, 9, 26, 14)]
    assert text[found[1].start:found[1].end] == found[1].raw


@pytest.mark.parametrize(
    "text, expected",
    [
        ("kl 14:00", time(14, 0)), ("kl. 14.00", time(14, 0)), ("klockan 9", time(9, 0)),
        ("14", time(14, 0)), ("2 pm", time(14, 0)), ("12 am", time(0, 0)), ("kl 24:00", time(23, 59)),
        ("kl 25:00", None), ("lunch", None),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("våren 2026", date(2026, 1, 1), date(2026, 6, 30)),
        ("hösten 2025", date(2025, 8, 1), date(2025, 12, 31)),
        ("Utlysningen planeras att öppna under sommaren 2027", date(2027, 6, 1), date(2027, 8, 31)),
        ("Beslut förväntas fattas sommar 2024.", date(2024, 6, 1), date(2024, 8, 31)),
        ("spring 2026", date(2026, 3, 1), date(2026, 5, 31)),
        ("Planerad öppning augusti 2026", date(2026, 8, 1), date(2026, 8, 31)),
        ("Stödet är pausat under 2024", date(2024, 1, 1), date(2024, 12, 31)),
    ],
)
def test_parse_period(text, start, end):
    period = parse_period(text, REF)
    assert (period.start, period.end) == (start, end)


def test_parse_period_none():
    assert parse_period("Ansökan är öppen", REF) is None


@pytest.mark.parametrize(
    "text, deadline, opens, status",
    [
        # Tillväxtverket status lines
        ("Stängd 19 mars 2024", date(2024, 3, 19), None, Status.CLOSED),
        ("Stängd 16 mars 2023", date(2023, 3, 16), None, Status.CLOSED),
        ("Stänger 12 december 2026", date(2026, 12, 12), None, Status.OPEN),
        ("Stänger 30 september 2024", date(2024, 9, 30), None, Status.CLOSED),  # the page is stale
        ("Öppnar 12 augusti 2027", None, date(2027, 8, 12), Status.UPCOMING),
        ("Öppnar 12 augusti 2026", None, date(2026, 8, 12), Status.OPEN),  # has opened since
        # Region Örebro län and other free-text sentences
        ("Sista ansökningsdag är 31 maj 2022.", date(2022, 5, 31), None, Status.CLOSED),
        ("Sista ansökningsdag är 31 maj 2027.", date(2027, 5, 31), None, Status.OPEN),
        ("Sök senast den 25 augusti 2023.", date(2023, 8, 25), None, Status.CLOSED),
        ("Ansökan är öppen fram till och med den 25 augusti 2027.", date(2027, 8, 25), None, Status.OPEN),
        ("Ansökan ska vara inne senast 15 januari 2027 kl 14.00", dt(2027, 1, 15, 14), None, Status.OPEN),
        ("Projekteringsstödet kan sökas fram till 31 oktober 2020 och Energimyndigheten beviljar "
         "ansökningarna löpande", date(2020, 10, 31), None, Status.CLOSED),
        ("Utlysningen öppnar den 30 augusti 2019 och stänger den 26 september 2019",
         date(2019, 9, 26), date(2019, 8, 30), Status.CLOSED),
        ("Utlysningen är öppen 21 november-12 december. Beslut fattas i vår.",
         date(2026, 12, 12), date(2026, 11, 21), Status.OPEN),
        ("Utlysningen är öppen 20 februari - 19 mars 2027.", date(2027, 3, 19), date(2027, 2, 20), Status.UPCOMING),
        ("Ansökan är endast öppen 3–30 november", date(2026, 11, 30), date(2026, 11, 3), Status.OPEN),
        ("Mellan 3 och 30 november 2021 är det möjligt att ansöka", date(2021, 11, 30), date(2021, 11, 3),
         Status.CLOSED),
        ("En ansökan ska ha kommit in senast vid utgången av november 2021.", date(2021, 11, 30), None,
         Status.CLOSED),
        ("Ansökan öppnar 1 mars 2027", None, date(2027, 3, 1), Status.UPCOMING),
        ("Ansökningsperioden är 1 mars–15 april 2027", date(2027, 4, 15), date(2027, 3, 1), Status.UPCOMING),
        ("Ansökan stänger 31/1", date(2027, 1, 31), None, Status.OPEN),
        ("Sista ansökningsdag: 1 april", date(2027, 4, 1), None, Status.OPEN),
        ("The call closes on 12 March 2027 at 14:00 CET", dt(2027, 3, 12, 14), None, Status.OPEN),
        ("Deadline: 16 September 2025", date(2025, 9, 16), None, Status.CLOSED),
        ("Öppnar hösten 2027", None, date(2027, 8, 1), Status.UPCOMING),
        # no date
        ("Stödet är pausat under 2026", None, None, Status.CLOSED),  # a pause in the current year
        ("Det går bra att söka under hela året", None, None, Status.ROLLING),
        ("Vi tar emot och beslutar om ansökningar löpande.", None, None, Status.ROLLING),
        ("Ansökan sker löpande", None, None, Status.ROLLING),
        ("Du kan söka när som helst.", None, None, Status.ROLLING),
        ("Applications are accepted on a rolling basis.", None, None, Status.ROLLING),
        ("The deadline for this call has expired", None, None, Status.CLOSED),
        ("Det går inte längre att söka stödet.", None, None, Status.CLOSED),
        ("Mer information kommer.", None, None, None),
        ("", None, None, None),
    ],
)
def test_parse_deadline(text, deadline, opens, status):
    result = parse_deadline(text, REF)
    assert (result.deadline, result.opens, result.status) == (deadline, opens, status)
    assert result.raw == " ".join(text.split())


def test_find_deadline_picks_the_sentence_with_a_closing_date():
    text = (
        "Vem kan söka?\nFöretag i Örebro län.\n"
        "När kan vi söka?\nAnsökan öppnar 1 februari 2027. Sista ansökningsdag är 15 mars 2027 kl 14:00.\n"
    )
    d = find_deadline(text, REF)
    assert d.deadline == dt(2027, 3, 15, 14)
    assert d.raw == "Sista ansökningsdag är 15 mars 2027 kl 14:00."
    assert d.status is Status.OPEN


def test_find_deadline_falls_back_to_wording():
    assert find_deadline("Om stödet\nDet går bra att söka under hela året.", REF).status is Status.ROLLING
    assert find_deadline("Inget om datum.", REF).status is None


def test_split_sentences():
    assert split_sentences("Sista dag 19 dec. 2025 kl. 14. Se t.ex. Vinnova. Nästa!\n • Punkt") == [
        "Sista dag 19 dec. 2025 kl. 14.", "Se t.ex. Vinnova.", "Nästa!", "Punkt",
    ]


# --- kinds of phrasing the blind batches 11–12 found failing (issue 12) ---------------------------


@pytest.mark.parametrize(
    "text, ref, deadline, opens, status",
    [
        # a range printed without years ends in its start's year (the end alone would land a year early)
        ("Ansökningsperioden är 1 april – 31 augusti.", date(2027, 2, 7), date(2027, 8, 31), date(2027, 4, 1),
         Status.UPCOMING),
        # "sista ansökningsdatum" as one compound word
        ("Sista ansökningsdatum: 30 oktober", date(2027, 9, 1), date(2027, 10, 30), None, Status.OPEN),
        # the sentence's one year serves its year-less dates
        ("Sista ansökningsdatum under 2025 är det 24 november", date(2026, 12, 3), date(2025, 11, 24), None,
         Status.CLOSED),
        ("Ansökningsperioden för 2027 är 1 mars – 30 april.", date(2026, 12, 3), date(2027, 4, 30),
         date(2027, 3, 1), Status.UPCOMING),
        # an opening cue followed by "no longer possible to apply" names the close
        ("Från och med 15 oktober 2025 går det inte längre att söka stödet.", date(2026, 12, 3),
         date(2025, 10, 15), None, Status.CLOSED),
        # "från" right before a date opens, "räknat från" does not
        ("Från 15 januari kan kommuner ansöka om medel.", date(2026, 12, 3), None, date(2027, 1, 15),
         Status.UPCOMING),
        ("Verksamheten ska ha bedrivits i minst ett år (räknat från 2025-01-01).", date(2026, 12, 3), None, None,
         None),
        # day.month.year with dots
        ("Ansökan öppnas igen den 8.1.2027.", date(2026, 12, 3), None, date(2027, 1, 8), Status.UPCOMING),
    ],
)
def test_worded_dates_of_the_blind_batches(text, ref, deadline, opens, status):
    result = parse_deadline(text, ref)
    assert (result.deadline, result.opens, result.status) == (deadline, opens, status)


@pytest.mark.parametrize(
    "text",
    [
        "Sista dag för att få beslut under 2026 är 31 oktober 2026.",
        "Besked 4 februari 2027",
        "Slutrapport och utbetalning: 31 mars 2027",
    ],
)
def test_decision_and_payment_dates_are_not_deadlines(text):
    result = parse_deadline(text, date(2026, 12, 3))
    assert (result.deadline, result.opens, result.status) == (None, None, None)


def test_a_project_period_stays_the_window():
    # an IUC offer runs for its project period; the spider reads it through parse_deadline
    result = parse_deadline("Projektperiod: 2026-12-01 – 2028-12-31", date(2026, 12, 3))
    assert (result.opens, result.deadline, result.status) == (date(2026, 12, 1), date(2028, 12, 31), Status.OPEN)


def test_a_decision_date_does_not_hide_the_deadline_before_it():
    result = parse_deadline("Sök senast 7 december – Besked 4 februari 2027", date(2026, 10, 1))
    assert (result.deadline, result.status) == (date(2026, 12, 7), Status.OPEN)


@pytest.mark.parametrize(
    "text, status",
    [
        # "löpande" about applications is rolling; about meetings or letters it says nothing of the call
        ("Ansökningar behandlas löpande.", Status.ROLLING),
        ("Dialogmöten bokas löpande när intresseanmälan kommer in.", None),
        ("Beslutsbrev med avslag skickas ut löpande under april.", None),
        # "Ansökan för X är öppen"
        ("Ansökan för affärsutvecklingscheckar är öppen och går att söka via webbplatsen.", Status.OPEN),
    ],
)
def test_status_words_of_batch_13(text, status):
    assert parse_deadline(text, date(2026, 12, 3)).status == status


@pytest.mark.parametrize(
    "text, expected",
    [
        # an application for a payment is not the call's deadline
        ("Ansökan om förskottsutbetalning var öppen fram till och med den 30 oktober 2026.", (None, None, None)),
        # a pause in decisions or payments is not a window for applying
        ("Under perioden 6 juli – 10 augusti 2027 fattas inga beslut om stöd eller utbetalningar.", (None, None, None)),
        # the system one applies in is not a system's downtime
        ("Företagen gör en ansökan i det nya systemet mellan 22-31 januari 2027.",
         (date(2027, 1, 22), date(2027, 1, 31), Status.UPCOMING)),
        # "fortlöpande" is rolling; calls to come and a clause of time state no status
        ("Ansökningar tas emot fortlöpande och behandlas av styrelsen.", (None, None, Status.ROLLING)),
        ("Nya utlysningar öppnas löpande.", (None, None, None)),
        ("Ni kan endast ansöka under den period som utlysningen är öppen.", (None, None, None)),
    ],
)
def test_payments_pauses_systems_and_status_words_of_batch_14(text, expected):
    result = parse_deadline(text, date(2026, 12, 3))
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # a rule on the applicant's degree: no deadline
        ("Du ska ha avlagt doktorsexamen tidigast 1 januari 2017 och senast 31 december 2020.", date(2020, 1, 1),
         (None, None, None)),
        # a month span opens with its first month
        ("Tidigast februari-mars 2027 beräknas stödet kunna öppnas.", date(2026, 12, 3),
         (date(2027, 2, 1), None, Status.UPCOMING)),
        ("Stödet kan sökas igen 1 augusti 2027", date(2026, 12, 3), (date(2027, 8, 1), None, Status.UPCOMING)),
        # "från och med" about something other than the call opens nothing
        ("Det råder eldningsförbud i länet från och med den 23 maj 2027.", date(2026, 12, 3), (None, None, None)),
        # status words without a usable date
        ("Stängd: Beslutsdatum: 2027-11-05 14:00.", date(2026, 12, 3), (None, None, Status.CLOSED)),
        ("Stödet är stängt för nya ansökningar.", date(2026, 12, 3), (None, None, Status.CLOSED)),
        ("I dagsläget är medlen för stödet slut.", date(2026, 12, 3), (None, None, Status.CLOSED)),
        ("Beslut fattas löpande tills pengarna är slut.", date(2026, 12, 3), (None, None, None)),
        ("De ansökningar som inte är behöriga avslås löpande.", date(2026, 12, 3), (None, None, None)),
    ],
)
def test_degree_dates_month_spans_and_status_words_of_batch_15(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # the verb after the date
        ("Den 24 augusti öppnar årets tredje ansökningsfönster.", date(2027, 6, 1),
         (date(2027, 8, 24), None, Status.UPCOMING)),
        ("Den 9 september stänger ansökan.", date(2027, 6, 1), (None, date(2027, 9, 9), Status.OPEN)),
        # "sista tidpunkt"
        ("Sista tidpunkt för ansökan är den 9 september 2027.", date(2027, 6, 1), (None, date(2027, 9, 9), Status.OPEN)),
        # the measure's own completion is no deadline
        ("Ansökningar för investeringar som kan genomföras senast i juni 2027 hanteras först.", date(2026, 12, 3),
         (None, None, None)),
        # preparing an application all year is not applying all year
        ("Det går bra att arbeta med ansökan under hela året.", date(2026, 12, 3), (None, None, None)),
        ("Det går bra att söka under hela året.", date(2026, 12, 3), (None, None, Status.ROLLING)),
    ],
)
def test_dates_before_verbs_completions_and_preparation_of_batch_16(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # a running project's planned end is no deadline
        ("Projekt som pågår med planerat slutdatum senast den 30 juni 2027 kan förlängas.", date(2026, 12, 3),
         (None, None, None)),
        # any time until the last day is a window with an end, not a rolling call
        ("You can submit your application at any time until the last application date.", date(2026, 12, 3),
         (None, None, None)),
        ("Ansökningar tas emot när som helst.", date(2026, 12, 3), (None, None, Status.ROLLING)),
        # an offer ended before its time is closed
        ("Projektet Robotlyft Norr avslutas i förtid.", date(2026, 12, 3), (None, None, Status.CLOSED)),
    ],
)
def test_planned_ends_bounded_any_time_and_early_ends_of_batch_17(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # closing words inside a clause of time describe a later step, not the call's status
        ("När utlysningen har stängt skickas en bekräftelse till projektledaren.", date(2026, 12, 3), (None, None, None)),
        ("Once the call has closed, all applications are assessed by external experts.", date(2026, 12, 3),
         (None, None, None)),
        ("Utlysningen har stängt.", date(2026, 12, 3), (None, None, Status.CLOSED)),
        # "löpande" about payment applications or about decisions is no rolling call
        ("Ni kan skicka in ansökan om utbetalning löpande under projekttiden.", date(2026, 12, 3), (None, None, None)),
        ("Myndigheten tar emot ansökningar i två omgångar och fattar beslut löpande.", date(2026, 12, 3),
         (None, None, None)),
        ("Ansökningar tas emot löpande.", date(2026, 12, 3), (None, None, Status.ROLLING)),
        # something unnamed that opens again is a service after an outage; a call that opens again is not
        ("Den öppnar igen måndagen den 3 mars kl 9:00.", date(2026, 12, 3), (None, None, None)),
        ("Utlysningen öppnar igen den 3 mars 2027.", date(2026, 12, 3), (date(2027, 3, 3), None, Status.UPCOMING)),
    ],
)
def test_time_clauses_decisions_payments_and_reopenings_of_batch_18(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # a decision or rule taking effect is no opening
        ("Det nya beslutet gäller från och med den 1 juli 2027.", date(2026, 12, 3), (None, None, None)),
        ("The new rules apply from 1 March 2027.", date(2026, 12, 3), (None, None, None)),
        ("Stödet kan sökas från och med den 1 juli 2027.", date(2026, 12, 3), (date(2027, 7, 1), None, Status.UPCOMING)),
    ],
)
def test_a_decision_taking_effect_of_batch_19(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # the infinitive of closing is a closing cue
        ("Programmet är öppet nu och kommer att stänga 3 mars 2027 kl. 14.00.", date(2026, 12, 3),
         (None, datetime(2027, 3, 3, 14, 0, tzinfo=TZ), Status.OPEN)),
        # the handling of applications done continuously is no rolling call
        ("Bedömningen av ansökningarna görs kontinuerligt.", date(2026, 12, 3), (None, None, None)),
        ("Myndigheten fattar beslut kontinuerligt.", date(2026, 12, 3), (None, None, None)),
        ("Ansökningar tas emot kontinuerligt.", date(2026, 12, 3), (None, None, Status.ROLLING)),
    ],
)
def test_closing_infinitive_and_continuous_processing_of_batch_21(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # the project period of one named body's application, reported in minutes, is no call window
        ("Örebro kommun ansöker om 50 procent av kostnaderna för projekt Ny kraft under perioden 2025-03-01—2027-02-28.",
         date(2026, 12, 3), (None, None, None)),
        ("Nu ansöker Almi om förlängt stöd under perioden 1 januari 2027 – 31 december 2028.", date(2026, 12, 3),
         (None, None, None)),
        # ... a general subject applies within the call's window
        ("Du ansöker om stöd under perioden 1 februari 2027 – 31 mars 2027.", date(2026, 12, 3),
         (date(2027, 2, 1), date(2027, 3, 31), Status.UPCOMING)),
    ],
)
def test_a_named_application_s_project_period_of_batch_20(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # a submission of another kind than an application (nominations, comments) has no call deadline
        ("Nomineringar ska lämnas till kansliet senast den 30 maj.", date(2027, 4, 1), (None, None, None)),
        ("Remissvar ska ha inkommit senast 15 mars 2027.", date(2026, 12, 3), (None, None, None)),
        # a limit on what one may apply for is no closed call
        ("Det går inte att söka stöd för redan genomförda insatser.", date(2026, 12, 3), (None, None, None)),
        ("Stödet kan inte sökas i efterhand.", date(2026, 12, 3), (None, None, None)),
        ("Det går inte att söka stöd.", date(2026, 12, 3), (None, None, Status.CLOSED)),
        # an offer that started on a day opened then
        ("Satsningen startade 1 mars 2027 och pågår till 30 juni 2028.", date(2026, 12, 3),
         (date(2027, 3, 1), date(2028, 6, 30), Status.UPCOMING)),
    ],
)
def test_other_submissions_limits_on_applying_and_starts_of_batch_22(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # a range of dotted day.month pairs in a sentence about the application period
        ("Ansökningsperioden är 1.9-30.9 varje år.", date(2027, 6, 1),
         (date(2027, 9, 1), date(2027, 9, 30), Status.UPCOMING)),
        ("Stödet kan sökas 1.2-31.3.", date(2027, 3, 1), (date(2027, 2, 1), date(2027, 3, 31), Status.OPEN)),
        # ... not sums, shares or hours, nor a pair outside such a sentence
        ("Ansökningstiden är 1.5-2.5 timmar.", date(2027, 3, 1), (None, None, None)),
        ("Projekt kan söka 1.5-2.5 miljoner kronor.", date(2027, 3, 1), (None, None, None)),
        ("Räntan ligger på 1.5-2.5 i år.", date(2027, 3, 1), (None, None, None)),
    ],
)
def test_dotted_day_month_ranges_of_an_application_period_of_batch_12(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a funder opening a call now, with no time named
        ("Nu öppnar vi en ny utlysning för små företag.", (None, None, Status.OPEN)),
        ("The agency opens a call for proposals for regional testbeds.", (None, None, Status.OPEN)),
        # ... a time named is an opening; a later time or a clause of time is none
        ("Vi öppnar ansökningsomgången i april 2027.", (date(2027, 4, 1), None, Status.UPCOMING)),
        ("Vinnova opens a new call later this year.", (None, None, None)),
        ("När utlysningen öppnar kan ni söka.", (None, None, None)),
    ],
)
def test_a_funder_opening_a_call_now_of_batch_24(text, expected):
    result = parse_deadline(text, date(2026, 12, 3))
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a pause bound to a time that has passed says nothing of the status now; a current one or one "since" a time closes
        ("Utlysningen är pausad under våren 2025.", (None, None, None)),
        ("Stödet är vilande under 2026.", (None, None, Status.CLOSED)),
        ("Stödet är pausat sedan hösten 2023.", (None, None, Status.CLOSED)),
        # the period a report or the accounts cover is no window
        ("Rapporten avser perioden 1 januari–30 juni 2025.", (None, None, None)),
        ("Bokslutet för perioden januari till och med augusti redovisas.", (None, None, None)),
        # a window of whole months for applying: the first month's first day to the last month's last day
        ("Utlysningen är öppen mars–april 2027.", (date(2027, 3, 1), date(2027, 4, 30), Status.UPCOMING)),
        ("Applications are open from October to November 2026.", (date(2026, 10, 1), date(2026, 11, 30), Status.CLOSED)),
        ("Under perioden januari–juli 2022 beviljades 30 projekt.", (None, None, None)),
        # a date for supplementing what was sent is not the application's
        ("Sökande kan komplettera med intyg senast den 1 mars 2027.", (None, None, None)),
        ("Kompletteringar ska ha kommit in senast 15 februari 2027.", (None, None, None)),
        ("Ansökan och eventuella kompletteringar ska vara inne senast 15 mars 2027.",
         (None, date(2027, 3, 15), Status.OPEN)),
        ("Kompletteringar kan lämnas till 1 mars, men ansökan ska vara inne senast 15 februari 2027.",
         (None, date(2027, 2, 15), Status.OPEN)),
    ],
)
def test_past_pauses_report_periods_month_windows_and_supplements_of_batch_25(text, expected):
    result = parse_deadline(text, date(2026, 12, 3))
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a decision, payment or final report as the clause's subject: its date, though "senast" stands before it
        ("Beslut om bidrag fattas senast i maj 2027.", (None, None, None)),
        ("Besked lämnas senast den 20 april 2027.", (None, None, None)),
        ("Utbetalning sker senast 30 september 2027.", (None, None, None)),
        # ... unless the clause names the application, or an application cue stands first
        ("Efter beslut kan ansökan lämnas in senast 1 mars 2027.", (None, date(2027, 3, 1), Status.OPEN)),
        ("Ansökan ska vara inne senast 1 april 2027, beslut fattas i juni.", (None, date(2027, 4, 1), Status.OPEN)),
        # "stoppdatum" is a closing word
        ("Stoppdatum för ansökningar är 1 mars 2027.", (None, date(2027, 3, 1), Status.OPEN)),
        ("Nästa stopp-datum är 15/8 2026 för mötet i september.", (None, date(2026, 8, 15), Status.CLOSED)),
    ],
)
def test_a_decisions_date_as_subject_and_stop_dates(text, expected):
    result = parse_deadline(text, date(2026, 12, 3))
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "Applications close <date>", "the call will close on"
        ("Applications close 4 May 2027 at 14:00.", (None, dt(2027, 5, 4, 14), Status.OPEN)),
        # an opening in the infinitive after a verb of expectation
        ("Ansökningsomgången planeras att öppna i mars 2027.", (date(2027, 3, 1), None, Status.UPCOMING)),
        ("The call is expected to open on 1 February 2027.", (date(2027, 2, 1), None, Status.UPCOMING)),
        # "i slutet av <month>" as an opening: late in the month
        ("Utlysningen öppnar i slutet av februari 2027.", (date(2027, 2, 28), None, Status.UPCOMING)),
        # a rule on when the project starts is no deadline
        ("Projekten ska starta senast 1 september 2027.", (None, None, None)),
        ("The project must begin no later than 1 June 2027.", (None, None, None)),
        # "före"/"innan" after applying: the day named is the first one too late
        ("Sök före den 1 mars 2027.", (None, date(2027, 2, 28), Status.OPEN)),
        ("Ansökan ska vara inlämnad innan 15 april 2027.", (None, date(2027, 4, 14), Status.OPEN)),
        ("Ansökan ska lämnas in före utgången av april 2027.", (None, date(2027, 4, 30), Status.OPEN)),
        # ... a bare "före" is any time before
        ("Kostnader före 1 mars 2027 ersätts inte.", (None, None, None)),
    ],
)
def test_closing_and_opening_verbs_project_starts_and_before_a_day(text, expected):
    result = parse_deadline(text, date(2026, 12, 3))
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "by <date>" after submitting
        ("Please submit the full proposal by 3 May 2027.", (None, date(2027, 5, 3), Status.OPEN)),
        # a call said to be closed or paused now, with a word of time
        ("The programme is currently closed.", (None, None, Status.CLOSED)),
        ("The scheme has been suspended until further notice.", (None, None, Status.CLOSED)),
        ("Erbjudandet är tillfälligt stängt.", (None, None, Status.CLOSED)),
        ("Vi tar inte emot nya ansökningar för närvarande.", (None, None, Status.CLOSED)),
        ("Checken går inte att söka för tillfället.", (None, None, Status.CLOSED)),
        # ... not a channel or a kind of project one may not apply for
        ("Vi tar inte emot ansökningar per post.", (None, None, None)),
        ("Det går inte att söka stöd för avslutade projekt.", (None, None, None)),
    ],
)
def test_submit_by_and_closed_or_paused_now(text, expected):
    result = parse_deadline(text, date(2026, 12, 3))
    assert (result.opens, result.deadline, result.status) == expected


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # "öppningsdatum" / "opening date" is an opening cue
        ("Öppningsdatum flyttat till 3 mars.", date(2027, 1, 10), (date(2027, 3, 3), None, Status.UPCOMING)),
        ("Opening date: 2 September 2027.", date(2026, 12, 3), (date(2027, 9, 2), None, Status.UPCOMING)),
        # the period the support is for is no application window when another date closes the applications
        ("Stöd för månaderna under perioden 1 mars-31 maj 2027 ska sökas senast 30 juni 2027.", date(2026, 12, 3),
         (None, date(2027, 6, 30), Status.OPEN)),
        # ... while an application period alone stays the window; "perioden" is no "den" before a date
        ("Ansökningsperioden 1 mars-31 maj 2027 gäller alla sökande.", date(2026, 12, 3),
         (date(2027, 3, 1), date(2027, 5, 31), Status.UPCOMING)),
        # a call said to be open by another of its names, or in the neuter
        ("Ansökningsomgången är öppen för förstudier inom energi.", date(2026, 12, 3), (None, None, Status.OPEN)),
        ("Erbjudandet är öppet för små och medelstora företag.", date(2026, 12, 3), (None, None, Status.OPEN)),
        ("Programmet är öppet till och med 30 juni 2027.", date(2026, 12, 3), (None, date(2027, 6, 30), Status.OPEN)),
        # open now, said of applying: "Nu är det öppet för att ansöka", "tar nu emot ansökningar"
        ("Nu är det öppet för att söka stöd för kompetensutveckling.", date(2026, 12, 3), (None, None, Status.OPEN)),
        ("Fonden tar nu emot ansökningar om projektstöd.", date(2026, 12, 3), (None, None, Status.OPEN)),
        ("The programme is now accepting new applications.", date(2026, 12, 3), (None, None, Status.OPEN)),
        # ... not when it is refused
        ("Vi tar inte emot ansökningar just nu.", date(2026, 12, 3), (None, None, Status.CLOSED)),
    ],
)
def test_opening_date_word_and_a_support_period_beside_a_deadline(text, ref, expected):
    result = parse_deadline(text, ref)
    assert (result.opens, result.deadline, result.status) == expected
