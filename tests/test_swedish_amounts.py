"""hubb.swedish.amounts: sums, shares and budget vs. max grant, on phrasings from real call pages
(Tillväxtverket, Vinnova, Formas, ESF, Region Örebro län, RE:Source)."""

from __future__ import annotations

import pytest

from hubb.swedish.amounts import budget_and_max_grant, find_amounts, find_shares, parse_amount


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2 mkr", 2_000_000),
        ("2 Mkr", 2_000_000),
        ("1,5 mkr", 1_500_000),
        ("2 miljoner kronor", 2_000_000),
        ("1 miljon kronor", 1_000_000),
        ("57,7 miljoner", 57_700_000),
        ("500 000 kr", 500_000),
        ("500\u00a0000 kr", 500_000),
        ("8 000 000 kr", 8_000_000),
        ("744 000 kronor", 744_000),
        ("25 000:-", 25_000),
        ("10 MSEK", 10_000_000),
        ("MSEK 10", 10_000_000),
        ("1,5 miljarder", 1_500_000_000),
        ("10,2 miljarder kronor", 10_200_000_000),
        ("3 mdkr", 3_000_000_000),
        ("500 tkr", 500_000),
        ("SEK 2 million", 2_000_000),
        ("2 million SEK", 2_000_000),
        ("SEK 1,000,000", 1_000_000),
        ("SEK 500,000", 500_000),
        ("SEK 1.5 billion", 1_500_000_000),
        ("tre miljoner kronor", 3_000_000),
        ("two million SEK", 2_000_000),
        ("upp till 50 procent av kostnaderna", None),  # a share, not an amount
        ("Programmet 2021–2027 har 12 deltagare", None),
        ("40 %", None),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text, low, high, raw",
    [
        ("50 000–250 000 kr och motsvara max hälften", 50_000, 250_000, "50 000–250 000 kr"),
        ("Ni kan söka mellan 300 000 kr och 1 500 000 kr", 300_000, 1_500_000, "300 000 kr och 1 500 000 kr"),
        ("apply for between SEK 2 and 10 million in funding", 2_000_000, 10_000_000, "SEK 2 and 10 million"),
        ("Preliminary SEK 600,000-5,000,000 depending on the type", 600_000, 5_000_000, "SEK 600,000-5,000,000"),
        ("2-10 mkr", 2_000_000, 10_000_000, "2-10 mkr"),
    ],
)
def test_ranges_share_their_unit(text, low, high, raw):
    (a,) = find_amounts(text)
    assert (a.low, a.value, a.raw, a.kind) == (low, high, raw, "max_grant")


def test_och_without_mellan_is_two_sums():
    amounts = find_amounts("Maximal finansiering är 2 miljoner kronor och 1 miljon kronor per år.")
    assert [(a.value, a.kind) for a in amounts] == [(2_000_000, "max_grant"), (1_000_000, None)]


@pytest.mark.parametrize(
    "text, budget, max_grant",
    [
        ("Ett projekt kan maximalt beviljas 50 procent av sin totala budget i stöd. Budget för utlysningen "
         "är 30 miljoner kronor.", 30_000_000, None),
        ("Max 40 procent av ett projekts kostnader. Totalt finns cirka 57,7 miljoner för alla delutlysningar "
         "för Skåne-Blekinge.", 57_700_000, None),
        ("Max 40 procent av ett projekts kostnader. Förstudier kan max få 744 000 kronor. Totalt finns "
         "preliminärt cirka 57,7 miljoner för alla delutlysningar.", 57_700_000, 744_000),
        ("Utlysningen omfattar 70 miljoner kronor. Projekten kan beviljas max 90 procent i stöd.", 70_000_000, None),
        ("Det går att söka upp till 2 mkr i bidrag per projekt. Utlysningens preliminära budget är 10 mkr.",
         10_000_000, 2_000_000),
        ("Projekt kan söka bidrag upp till 700 000 kronor per projekt.", None, 700_000),
        ("Upp till 3 miljoner kronor per projekt, dock max 50 procent av projektets budget.", None, 3_000_000),
        ("Up to 2 million SEK or 50 percent av the total eligible costs.", None, 2_000_000),
        ("Up to SEK 1 million per project. Projects can last up to one year. Preliminary budget for the call "
         "is SEK 11 million.", 11_000_000, 1_000_000),
        ("In stage 1, the projects can apply for a maximum of SEK 1,000,000 and the project duration is a "
         "maximum of six months.", None, 1_000_000),
        ("It is possible to apply for between SEK 2 and 10 million in funding per project. The call's "
         "preliminary budget is SEK 50 million.", 50_000_000, 10_000_000),
        ("Formas utlyser 20 miljoner kronor under två år för projekt. Maximal finansiering är 2 miljoner "
         "kronor och 1 miljon kronor per år.", 20_000_000, 2_000_000),
        ("Det produktionsstrategiska programmet utlyser 27 miljoner kronor. Konsortier kan ansöka om "
         "maximalt 5 miljoner kronor i bidragsfinansiering.", 27_000_000, 5_000_000),
        ("Den totala budgeten för utlysningen är cirka 3 miljoner kronor.", 3_000_000, None),
        ("Det finns 7,4 miljoner kronor i avsatta pengar för dessa checkar.", 7_400_000, None),
        ("Det totala stödbeloppet är 500 000 kronor. Föreningar kan söka upp till 30 000 kronor.",
         500_000, 30_000),
        ("Det högsta beloppet som går att söka är 25 000 kronor.", None, 25_000),
        ("Varje förslagsställare kan ansöka om upp till 75 000 kr.", None, 75_000),
        ("I detta steg kan ni söka 300 000 kronor.", None, 300_000),
        ("Svenska ESF-rådet avsätter 8 miljoner för denna utlysning.", 8_000_000, None),
        ("Stödbelopp 50 000 kronor med stödnivån 45 procent.", None, 50_000),
        # turnover and de-minimis ceilings are not funding
        ("Företaget ska ha en omsättning på minst 3 miljoner kronor.", None, None),
        ("företag får sammanlagt inte ta emot mer än 200 000 euro (cirka 1,8 miljoner kronor) under 3 år i "
         "försumbart stöd", None, None),
        ("10,2 miljarder kronor har fördelats sedan starten 2015.", None, None),
        ("Inga belopp nämns.", None, None),
    ],
)
def test_budget_and_max_grant(text, budget, max_grant):
    assert budget_and_max_grant(text) == (budget, max_grant)


def test_default_reads_sums_without_telling_words():
    text = "5 miljoner kronor"
    assert budget_and_max_grant(text) == (None, None)
    assert budget_and_max_grant(text, default="max_grant") == (None, 5_000_000)
    assert budget_and_max_grant(text, default="budget") == (5_000_000, None)


def test_grant_larger_than_budget_is_dropped():
    assert budget_and_max_grant("Totalt 2 mkr. Upp till 5 mkr per projekt.") == (2_000_000, None)


@pytest.mark.parametrize(
    "text, percents",
    [
        ("upp till 50 procent av kostnaderna", [50.0]),
        ("Regionalfonden kan finansiera maximalt 40 procent av de totala kostnaderna", [40.0]),
        ("Max 40 % av ett projekts kostnader", [40.0]),
        ("50 percent of the total eligible costs", [50.0]),
        ("motsvara max hälften av kostnaderna", [50.0]),
        ("stödnivån 45 procent och 12,5 procent", [45.0, 12.5]),
        ("2 mkr", []),
    ],
)
def test_find_shares(text, percents):
    assert [s.percent for s in find_shares(text)] == percents


# --- kinds of phrasing the blind batches 11–12 found failing (issue 12) ---------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # the costs as the subject: a cost ceiling, not what the funder gives
        ("Kostnaderna kan uppgå till maximalt 200 000 kr och får innehålla högst 50 procent eget arbete.",
         (None, None)),
        ("Kostnaderna får uppgå till högst 100 000 kr, vilket ger ett maximalt stöd på 50 000 kronor.",
         (None, 50_000)),
        # a sum allocated, a sum a fund invests: the whole pot
        ("20 million is allocated for each assessment round.", (20_000_000, None)),
        ("Under perioden investerar regionalfonden cirka 450 miljoner kronor i Västsverige.", (450_000_000, None)),
    ],
)
def test_costs_allocations_and_investments_of_the_blind_batches(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the project's own budget and sums already paid out are not what the call offers
        ("För att bli beviljat 100 000 kronor måste företaget bidra med 100 000 för en total projektbudget om "
         "200 000 kronor.", (None, None)),
        ("De organisationer som fick finansiering under 2025 fick mellan 500 000 och 2 500 000 kr.", (None, None)),
        ("Företag kan beviljas stöd mellan 50 000 och 250 000 kronor.", (None, 250_000)),
    ],
)
def test_project_budgets_and_past_sums_of_batch_13(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sum after "över" is a threshold, not a ceiling ("förfogar över" still disposes of a pot)
        ("Alla projekt som beviljas över 300 000 kronor måste redovisa med en huvudbok.", (None, None)),
        ("Under 2027 förfogar regionen över 40 miljoner för fördelning.", (40_000_000, None)),
        # the size of the investment is no grant
        ("Större investering (minst 500 000 kr i stöd) där hela investeringen är max 25 miljoner.", (None, None)),
        # words that name the pot
        ("Preliminär fördelning är 5 miljoner kronor per år.", (5_000_000, None)),
        ("Regionen får disponera omkring 11 miljoner kronor årligen.", (11_000_000, None)),
        ("Det totala stödbeloppet är 800 000 kronor.", (800_000, None)),
        # "Stödbeloppet är på minst X och som mest Y": the floor and the ceiling of one grant
        ("Stödbeloppet är på minst 20 000 kr och som mest 300 000 kronor.", (None, 300_000)),
    ],
)
def test_thresholds_investments_and_pots_of_batch_14(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "omfatta" with a per-project subject is what one project gets
        ("Projektbidrag kan maximalt omfatta 1,5 miljoner kronor per år.", (None, 1_500_000)),
        ("Utlysningen omfattar 30 miljoner kronor.", (30_000_000, None)),
        ("Tillgänglig budget 9 600 000 kronor.", (9_600_000, None)),
        # sums already distributed, quotes and fees, expenditures are not what the call offers
        ("Totalt fördelades 70 500 000 kronor till 10 projekt.", (None, None)),
        ("Konsulten ska lämna offert om max 20 000 kronor.", (None, None)),
        ("Stöd lämnas för investeringar där de godkända utgifterna uppgår till minst 40 000 kr och högst 60 000 kr.",
         (None, None)),
        ("Stöd beviljas inte till ansökningar som har mindre än 100 000 kronor i stödberättigande utgifter.", (None, None)),
    ],
)
def test_per_project_words_past_sums_and_expenditures_of_batch_15(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a pot changed, announced, paid out or simply there
        ("I budgeten för 2027 minskades stödet till 750 miljoner kronor.", (750_000_000, None)),
        ("Regeringen har aviserat 600 miljoner kronor årligen till satsningen.", (600_000_000, None)),
        ("Regionen planerar att betala ut drygt 20 miljoner kronor i företagsstöd.", (20_000_000, None)),
        ("I år finns 1,2 miljarder kronor som företag och kommuner kan söka.", (1_200_000_000, None)),
        # the size of the investments is no grant
        ("Prioriterat för nystartad verksamhet med investeringar upp till 60 000 kr.", (None, None)),
    ],
)
def test_pots_changed_announced_or_paid_and_investment_sizes_of_batch_16(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the sums of a later effort are not this call's
        ("Funding for subsequent demonstration projects is expected to be at most SEK 10 million per project.", (None, None)),
        ("Det efterföljande steget kan ge upp till 5 miljoner kronor per projekt.", (None, None)),
        ("Funding is at most SEK 1 million per project.", (None, 1_000_000)),
    ],
)
def test_sums_of_a_subsequent_effort_of_batch_17(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a share of the project budget names no sum: the ceiling after it is the grant
        ("Vi finansierar upp till 70 procent av projektets budget, dock högst 500 000 kronor.", (None, 500_000)),
        ("We fund up to 60 % of the project budget, with a maximum of SEK 2 million.", (None, 2_000_000)),
        # the project's own budget is still no grant
        ("Projektbudgeten får vara högst 5 miljoner kronor.", (None, None)),
    ],
)
def test_a_share_of_the_project_budget_of_batch_18(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sum that is preferred is no ceiling
        ("Projekt som söker högst 50 000 kronor prioriteras.", (None, None)),
        ("Applications of up to SEK 1 million will be prioritised.", (None, None)),
        ("Projekt som prioriteras kan få upp till 2 miljoner kronor.", (None, 2_000_000)),
    ],
)
def test_a_preferred_sum_of_batch_19(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a named grant as the subject of "är" is what one applicant gets; a total of it is not
        ("Hemsändningsbidraget är 5 000 kr per år och hushåll.", (None, 5_000)),
        ("Det sammanlagda stödet är 20 miljoner kronor.", (20_000_000, None)),
        # a pot in the infinitive: lent out or allocated over a period
        ("Fonden ska under tre år låna ut 500 miljoner kronor till småföretag.", (500_000_000, None)),
        ("Myndigheten har i uppdrag att under 2027 fördela 40 miljoner kronor.", (40_000_000, None)),
        # a yearly sum followed by the words that name the pot
        ("Cirka 8 miljoner kronor per år av anslaget går till utlysningar.", (8_000_000, None)),
        ("Ytterligare 3 miljoner kronor per år kommer att fördelas senare.", (3_000_000, None)),
    ],
)
def test_named_grants_lent_or_allocated_pots_and_yearly_pots_of_batch_21(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # one named body's application, reported in minutes: its sums are no call's
        ("Örebro universitet ansöker om 40 procent av kostnaderna, dock högst 1 500 000 kronor för projektet.", (None, None)),
        ("Nu ansöker Coompanion om ett verksamhetsstöd på totalt 600 000 kronor.", (None, None)),
        ("Region Värmland har ansökt om 3 miljoner kronor för perioden.", (None, None)),
        # ... a general subject describes how one applies
        ("Du ansöker om högst 200 000 kronor.", (None, 200_000)),
        ("Företaget ansöker om stöd på högst 500 000 kronor.", (None, 500_000)),
        # an initiative by its size is the pot
        ("En kompetenssatsning på 4 miljoner kronor ska stärka industrin.", (4_000_000, None)),
        ("Regeringens satsning om 100 miljoner kronor fördelas av länsstyrelserna.", (100_000_000, None)),
    ],
)
def test_one_named_application_and_an_initiatives_size_of_batch_20(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the sum of each grant: a unit price ("á", "à") or "varje stöd", even after words naming the pot
        ("Kommunen delar ut tre bidrag à 25 000 kronor.", (None, 25_000)),
        ("Vi utlyser sex checkar á 100 000 kr vardera.", (None, 100_000)),
        ("Varje bidrag uppgår till 15 000 kronor.", (None, 15_000)),
        ("Each grant is SEK 50,000.", (None, 50_000)),
        # ... while calls of a given size each are still pots
        ("Utlysningarna kommer att omfatta omkring 3 miljoner kronor vardera.", (3_000_000, None)),
    ],
)
def test_the_sum_of_each_grant_of_batch_23(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "mellan"/"between" starts a range of sums, not a division between two parts
        ("Pengarna fördelas mellan kommunerna som 3 miljoner kronor till skolor och 2 miljoner kronor till vården.",
         (3_000_000, None)),
        ("Nämnden beslutade om en fördelning mellan bidrag och lån med 4 miljoner kronor till bidrag.", (None, None)),
        ("Stödet ligger mellan ca 100 000 och 200 000 kr.", (None, 200_000)),
        ("Grants of between SEK 2 and 10 million are available.", (None, 10_000_000)),
    ],
)
def test_between_two_parts_is_no_range_of_sums(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a total sum is the pot, not one project's
        ("Utlysningen har en sammanlagd summa på 5 miljoner kronor.", (5_000_000, None)),
        ("Det totala beloppet är 12 miljoner kronor.", (12_000_000, None)),
        ("Stödsumman är 50 000 kronor.", (None, 50_000)),
        # a sum set aside ("ska avsättas") is the pot, though "högst" stands before it
        ("Under 2027 ska högst 6 000 000 kronor avsättas för satsningen.", (6_000_000, None)),
        # a body's decision to grant named recipients is an award, not an offer
        ("Nämnden beslutade i dag att bevilja fyra projekt en sammanlagd summa på 3 200 000 kronor.", (None, None)),
        ("Styrelsen beslutar att bevilja föreningen 80 000 kronor.", (None, None)),
    ],
)
def test_total_sums_sums_set_aside_and_decisions_to_grant(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a named grant "är på/om" a sum is what one gets
        ("Bidraget är på 40 000 kronor.", (None, 40_000)),
        # the budget of a year or of the offer is the pot; a project's budget is no funding
        ("Budgeten för 2028 är 4,5 miljoner kronor.", (4_500_000, None)),
        ("Budgeten för utlysningen uppgår till 12 miljoner kronor.", (12_000_000, None)),
        ("Budgeten för projektet är 3 miljoner kronor.", (None, None)),
        # a call by its size is the pot
        ("Nämnden gör en öppen utlysning på 800 000 kronor till kulturskapare i länet.", (800_000, None)),
    ],
)
def test_a_grant_that_is_on_a_sum_and_the_budget_of_a_year_or_a_call(text, expected):
    assert budget_and_max_grant(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the krona as machine-translated English pages spell it
        ("Up to 450 000 Swedish kronor per project.", (None, 450_000)),
        ("The maximum grant is 80,000 kroner.", (None, 80_000)),
        ("The total budget is 12 million kroner.", (12_000_000, None)),
        # ... and still no kind without telling words (only the heading above a bare sum tells, see ``default``)
        ("300 000 Swedish kronor.", (None, None)),
    ],
)
def test_the_krona_spelt_as_in_machine_translated_english(text, expected):
    assert budget_and_max_grant(text) == expected
