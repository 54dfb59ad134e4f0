"""hubb.swedish.eligibility: "Vem kan söka?" texts from real call pages → applicant types,
exclusions, target groups, head-count and company-age limits."""

from __future__ import annotations

import pytest

from hubb.swedish.eligibility import parse_applicants, parse_company_age, parse_eligibility, parse_employees

C, SME, START, LARGE = "company", "sme", "startup", "large_company"
ACAD, INST, PUB, NPO, IND = "academia", "research_institute", "public_sector", "nonprofit", "individual"
ALL_COMPANIES = [C, SME, START, LARGE]


@pytest.mark.parametrize(
    "text, applicants",
    [
        # Tillväxtverket, regional fund calls
        ("Offentliga aktörer, universitet/högskolor, forskningsinstitut, företagsfrämjande aktörer ekonomiska "
         "föreningar och civilsamhället.", [ACAD, INST, PUB, NPO]),
        ("Organisationer med små och medelstora företag som målgrupp. Även offentlig sektor, såsom kommuner, "
         "regioner och statliga myndigheter.", [PUB, NPO]),
        ("Regioner och regionalt utvecklingsansvarig aktör eller annan statlig myndighet.", [PUB]),
        ("Energikontor, offentlig sektor och samverkansorganisationer i form av exempelvis "
         "företagsorganisationer kan söka stöd", [PUB, NPO]),
        ("Företagsfrämjande organisationer, regioner och kommuner", [PUB, NPO]),
        ("Företagsfrämjande aktörer som exempelvis samverkansorganisationer, offentlig sektor och lärosäten. "
         "Stöd kan inte ges direkt till företag för utveckling av egen verksamhet.", [ACAD, PUB, NPO]),
        ("Aktörer som främjar innovation och företagande, samt regioner, kommuner, idéburen sektor, "
         "utbildningsaktörer med flera.", [PUB, NPO]),
        ("Denna utlysning riktar sig enbart till de organisationer som är utsedda att vara regionalt "
         "utvecklingsansvariga av regeringen.", [PUB]),
        ("Enbart regionalt utvecklingsansvariga aktörer kan söka.", [PUB]),
        ("Ni som söker stöd ska vara en juridisk person, privat- eller offentligrättslig.\n"
         " • Exempel på offentligrättsliga juridiska personer är universitet och högskolor, regionförbund, "
         "kommuner, landsting och statliga myndigheter.\n"
         " • Exempel på privata juridiska personer är aktiebolag och ideella och ekonomiska föreningar.\n"
         "Enskilda näringsidkare och privatpersoner kan inte ansöka om stödet.", [C, ACAD, PUB, NPO]),
        # companies directly
        ("Checkarna riktar sig till företag som har: • 2-49 anställda • omsättning på minst 3 miljoner kronor",
         [SME]),
        ("Små och medelstora företag i Örebro län.", [SME]),
        ("Små och medelstora tillverkande företag med minst 3 anställda.", [SME]),
        ("Insatser för företag i länet. Stöd till företag kan sökas av kommuner.", [PUB]),
        ("Stärka små och medelstora företags konkurrenskraft", []),
        ("SMF med verksamhet i Sverige", [SME]),
        ("Små, nystartade företag som är yngre än fem år, har en årsomsättning lägre än två miljoner kronor "
         "och inte har delat ut vinst.", [START]),
        ("Limited companies (so called \"aktiebolag\") with up to 249 employees and permanent establishment "
         "in Sweden.", [SME]),
        ("Detta innebär att utlysningen endast vänder sig till större privata företag, med fler än 250 "
         "anställda.", [LARGE]),
        ("Företag, universitet, högskolor, forskningsinstitut, offentliga aktörer och ideella organisationer "
         "kan delta som projektparter.", [C, ACAD, INST, PUB, NPO]),
        ("Föreningar, folkbildningen, kommuner, kulturinstitutioner, företag och andra organisationer som "
         "genomför aktiviteter i Örebro län kan söka upp till 30 000 kronor", [C, PUB, NPO]),
        ("Stora företag kan inte söka, men små och medelstora företag kan söka.", [SME]),
        ("Du som är författare och bor i Örebro län kan söka.", [IND]),
        # English
        ("Who can apply? Companies, universities and research institutes. Large companies are not eligible.",
         [C, ACAD, INST]),
        ("Established companies that are at least five years old with at least five employees.", [C]),
        ("SMEs established in an EU Member State", [SME]),
        ("Non-profit organisations and public authorities", [PUB, NPO]),
        ("", []),
    ],
)
def test_applicants(text, applicants):
    assert parse_applicants(text) == applicants


@pytest.mark.parametrize(
    "text, excluded",
    [
        ("Stöd kan inte ges direkt till företag.", ALL_COMPANIES),
        ("Företag kan inte söka.", ALL_COMPANIES),
        ("Enskilda näringsidkare och privatpersoner kan inte ansöka om stödet.", [IND]),
        ("Privatpersoner kan inte ansöka om stöd.", [IND]),
        ("Stora företag kan inte söka.", [LARGE]),
        ("Large companies are not eligible.", [LARGE]),
        ("Företag som söker stöd får inte ha fler än 249 anställda", []),  # a limit, not a refusal
    ],
)
def test_excluded(text, excluded):
    assert parse_eligibility(text).excluded == excluded


def test_companies_as_target_group_are_not_applicants():
    e = parse_eligibility(
        "Energikontor, offentlig sektor och samverkansorganisationer kan söka stöd. "
        "Små och medelstora företag är slutlig målgrupp för insatserna."
    )
    assert e.applicants == [PUB, NPO]
    assert e.beneficiaries == [SME]
    assert e.companies_can_apply is False
    assert e.organisations_only is True


def test_organisation_only_call_with_direct_refusal():
    e = parse_eligibility("Företagsfrämjande aktörer och offentlig sektor. Stöd kan inte ges direkt till företag.")
    assert e.applicants == [PUB, NPO]
    assert e.organisations_only is True


def test_company_call_is_not_organisation_only():
    e = parse_eligibility("Små och medelstora företag i Örebro län kan söka.")
    assert e.companies_can_apply is True
    assert e.organisations_only is False


@pytest.mark.parametrize(
    "text, limits",
    [
        ("Företaget får ha högst 49 anställda.", (None, 49)),
        ("Företag med färre än 250 anställda", (None, 249)),
        ("färre än 250", (None, None)),  # no unit and no word about staff: not a head count
        ("Företag med färre än 0 anställda", (None, None)),  # no head count is below 0 (found by the property test)
        ("Företag som har färre än 250 anställda och en omsättning under 50 miljoner euro", (None, 249)),
        ("Utlysningen vänder sig till större privata företag, med fler än 250 anställda.", (251, None)),
        ("Företag som söker stöd får inte ha fler än 249 anställda", (None, 249)),
        ("• 2-49 anställda", (2, 49)),
        ("• har 2-100 anställda", (2, 100)),
        ("• Ha mellan 1-50 anställda (räknat per 1 januari 2022)", (1, 50)),
        ("mellan 10 och 249 anställda", (10, 249)),
        ("gäller för företag upp till 50 anställda", (None, 50)),
        ("Företaget ska ha minst två anställda.", (2, None)),
        ("Två anställda innebär minst två heltidstjänster, där marknadsmässiga löner utbetalas.", (2, None)),
        ("250 anställda eller fler", (250, None)),
        # a question put to the applicant describes who may apply (Vinnova's English call pages);
        # an FAQ question asked by one ("... kan jag söka?") states nothing
        ("Are you a limited company with up to 249 employees?", (None, 249)),
        ("Mitt företag har mer än 49 anställda, kan jag söka?", (None, None)),
        ("Limited companies with up to 249 employees.", (None, 249)),
        ("Established companies that are at least five years old with at least five employees.", (5, None)),
        ("Companies with fewer than 50 employees", (None, 49)),
        ("Mitt företag ingår i en koncern med mer än 49 anställda, kan jag söka?", (None, None)),
        ("Projektet ska nå minst 20 företag.", (None, None)),
        ("", (None, None)),
    ],
)
def test_employees(text, limits):
    assert parse_employees(text) == limits


@pytest.mark.parametrize(
    "text, limits",
    [
        ("Företaget ska vara högst 5 år gammalt.", (None, 5)),
        ("Företaget ska ha funnits i minst fem år.", (5, None)),
        ("Företaget ska vara registrerat för högst 3 år sedan.", (None, 3)),
        ("Små, nystartade företag som är yngre än fem år", (None, 5)),
        ("Companies younger than 5 years", (None, 5)),
        ("Established companies that are at least five years old", (5, None)),
        ("Företaget ska ha varit verksamt i minst två år.", (2, None)),
        ("Bolaget ska vara grundat de senaste 7 åren", (None, 7)),
        ("Projektet får pågå i högst 3 år.", (None, None)),  # a project period, not an age
        ("Företaget ska ha funnits i minst fem år. Projektet får pågå i högst 3 år.", (5, None)),
        ("Projects can last up to one year.", (None, None)),
        ("omsättningen de senaste 3 åren", (None, None)),
        ("", (None, None)),
    ],
)
def test_company_age(text, limits):
    assert parse_company_age(text) == limits


def test_young_companies_are_startups():
    e = parse_eligibility("Företag som är registrerade för högst 3 år sedan kan söka.")
    assert (e.applicants, e.company_age_max) == ([START], 3)


# --- kinds of phrasing the blind batches 11–12 found failing (issue 12) ---------------------------


@pytest.mark.parametrize(
    "text, applicants",
    [
        # one organisation named (the funder, a foundation) or public money is no applicant type
        ("Region Jönköpings län har ett krav på medfinansiering från sökande.", []),
        ("Projekt som Region Gävleborg stödjer ska vara innovativa.", []),
        ("Representanter för Stiftelsen Framtid bedömer alla ansökningar.", []),
        ("Regionen gör endast utbetalningar till den sökande som är ekonomiskt ansvarig.", []),
        ("Det går att söka nu, men länsstyrelsens beslut kommer i februari.", []),
        ("Statliga medel fördelas till kommuner och föreningar.", [PUB, NPO]),
        # ... while the plural types stay types
        ("Regioner, kommuner och stiftelser kan söka.", [PUB, NPO]),
        # an offer at the head of a sentence names its applicants
        ("Stöd till små företag på landsbygden som bedriver turism.", [SME]),
        ("Stöd till stora företag får endast beviljas för nyetablering.", [LARGE]),
        ("Bidrag till idrottsorganisationer som har distriktsverksamhet.", [NPO]),
        ("Stöd till företag kan sökas av kommuner.", [PUB]),
        # whom an offer is meant for
        ("Checken är avsedd för små och medelstora företag i ett tidigt skede.", [SME]),
        # business-support actors apply; the companies they work in are beneficiaries
        ("Nu kan företagsfrämjare söka stöd för insatser i små och medelstora företag.", [NPO]),
    ],
)
def test_actors_and_offers_of_the_blind_batches(text, applicants):
    assert parse_stated(text) == applicants


def parse_stated(text: str) -> list[str]:
    from hubb.swedish.eligibility import parse_stated_applicants

    return [a.value for a in parse_stated_applicants(text).applicants]


@pytest.mark.parametrize(
    "text, applicants",
    [
        # plain "organisationer" is any organisation; with a purpose or field it is the nonprofit kind
        ("Ett projekt kan ha flera organisationer som söker stöd.", []),
        ("Vi ger bara finansiering till organisationer, och ofta vill vi att flera parter samarbetar.", []),
        ("I utlysningen anges vilka typer av organisationer som kan söka bidrag.", []),
        ("Bidrag kan ges till organisationer som arbetar med företagsrådgivning.", [NPO]),
        ("Organisationer med små och medelstora företag som målgrupp.", [NPO]),
        # "utgå till": a verb of giving
        ("Bidrag kan utgå till föreningar och offentliga verksamheter.", [PUB, NPO]),
        # public money, also with a second adjective
        ("Vi ser gärna en blandning av offentliga och privata medel.", []),
        # a report of what happened names no applicants
        ("Under 2023 sökte ungefär 400 företag checkar.", []),
        ("Därför verkar vi över hela länet för att främja näringslivet.", []),
    ],
)
def test_organisations_and_reports_of_batch_13(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # a refusal in parentheses refuses only what the parentheses name
        ("Kan sökas av företag och föreningar i kommunerna Berg, Åre (undantaget Hede församling) eller Krokom.",
         [C, NPO]),
        ("Stödet kan sökas av föreningar (dock inte av privatpersoner).", [NPO]),
        ("Privatpersoner (och enskilda firmor) kan inte söka.", []),
        # municipal and state-owned companies are public bodies, though "bolag"
        ("Kommunala bolag och förvaltningar", [PUB]),
        ("En kommun eller ett kommunalförbund ska vara koordinator.", [PUB]),
        # "business" as the companies' sector, not "business model"
        ("Actors from the public sector, business and civil society can apply.", [C, PUB, NPO]),
        ("Companies can apply for projects that test a new business model.", [C]),
        # compound offer heads name the offer's applicants
        ("Projektstöd till företag som är till nytta för flera företag i bygden.", [C]),
        ("Investeringsbidrag till föreningar som äger en samlingslokal.", [NPO]),
        # passive "riktas till", English "designed for" / "aimed at", applying said with the noun
        ("Kommunens stöd riktas till ideella föreningar.", [NPO]),
        ("The loan is designed for companies that want to develop a new product.", [C]),
        ("The programme is aimed at SMEs in the manufacturing industry.", [SME]),
        ("Sedan måste företag som anmält intresse göra en ansökan i e-tjänsten.", [C]),
        # a municipality or region after "i" is a place
        ("Företaget ska ha minst en anställd som är folkbokförd i en kommun i länet.", [C]),
    ],
)
def test_parentheses_public_companies_and_places_of_batch_14(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # research funders' words: a research performer is a university or an institute; the
        # administrator and the main applicant are applying roles
        ("Forskningsutförare och företag kan söka.", [C, ACAD, INST]),
        ("Medelsförvaltare ska vara ett universitet eller en högskola.", [ACAD]),
        ("Huvudsökande ska vara verksam vid ett forskningsinstitut.", [INST]),
        # a participle before the noun is no verb: the line is a "Vem kan söka?" fragment
        ("Disputerade forskare vid lärosäten och forskningsinstitut.", [ACAD, INST]),
        # a definite subject with a present-tense verb is a statement, not a fragment
        ("Regionen värdesätter företagare som arbetar med export.", []),
        # a passive in -s is a verb too
        ("För lärosäten krävs ett intyg om firmatecknare.", []),
        # the company measured, not applying
        ("Stöd får beviljas med olika stödnivåer beroende på storlek på företaget.", []),
        # addressed to the applicant; "vänder sig" with an adverbial before "till"
        ("Stödet är till för dig som vill utveckla ditt trädgårdsföretag.", [C]),
        ("Checken vänder sig i första hand till små och medelstora företag.", [SME]),
        # any organisation: "som uppfyller" and "med olika" name no purpose
        ("Företag och andra organisationer som uppfyller kraven kan söka.", [C]),
    ],
)
def test_research_words_fragments_and_statements_of_batch_15(text, applicants):
    assert parse_stated(text) == applicants


def test_a_career_age_is_no_company_age():
    assert parse_company_age("Huvudsökande ska ha en karriärålder på minst fyra år.") == (None, None)


@pytest.mark.parametrize(
    "text, applicants",
    [
        # the refusal of a predicate noun refuses a sub-kind, not the subject
        ("Företaget ska drivas med vinstsyfte och kan inte vara ett hobbyföretag.", [C]),
        ("Företag kan inte söka stödet.", []),
        # an offer made for someone, or given with two objects, names its applicants
        ("Regionen har tagit fram ett nytt stöd till ideella föreningar.", [NPO]),
        ("Regionen har länge erbjudit de lokala företagen utvecklingscheckar.", [C]),
        # a farm as a unit and a cooperative that runs a business are companies
        ("Lantbruk med minst 100 djurenheter kan få stöd.", [C]),
        ("Ekonomiska föreningar med aktiv näringsverksamhet kan söka.", [C]),
        ("Stödet kan sökas av företag inom lantbruk.", [C]),
        # a definition names no applicant
        ("Företag som ingår i koncern ses som ett företag.", []),
        # the target group of the grant itself is who may apply; of a service it is not
        ("Målgruppen för stödet är föreningar och stiftelser.", [NPO]),
        ("Målgruppen för rådgivningen är hushåll och företag.", []),
    ],
)
def test_predicates_offers_farms_definitions_and_target_groups_of_the_known_failures(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # "utom" leaves out what follows it, without refusing the kind before it
        ("Bidraget kan ges till alla utom privatpersoner.", []),
        ("Företag utom jordbruksföretag kan söka.", [C]),
        # an answer with its subject elided names the applicants
        ("Det kan vara till företag, kommuner och föreningar.", [C, PUB, NPO]),
        ("Det kan exempelvis vara en kommun eller ett universitet.", [ACAD, PUB]),
        ("Det kan vara svårt att hitta finansiering.", []),
        # a classification defines, it names no applicant
        ("Organisationer som inte klassificeras som företag kan få upp till hälften i stöd.", []),
        # English authorities
        ("national, regional and local authorities;", [PUB]),
    ],
)
def test_exceptions_elided_answers_and_authorities_of_batch_16(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # the English name of the idéburen sektor
        ("Companies, universities and organisations in the idea-driven sector.", [C, ACAD, NPO]),
        ("Idea-based organisations and municipalities can apply.", [PUB, NPO]),
        # organisations with a field of their own after "med" beside another list item
        ("Organisationer med främst små företag som målgrupp samt lärosäten.", [ACAD, NPO]),
        ("Organisationer som är regionalt utvecklingsansvariga kan söka.", [PUB]),
        # municipalities counted after "i" are places
        ("Föreningar med verksamhet i minst tre av Värmlands kommuner kan söka stöd.", [NPO]),
        ("Föreningar som är aktiva i fem kommuner kan ansöka.", [NPO]),
        # the grant's own purpose names whom it is for
        ("Bidraget syftar till att stötta ungdomsorganisationer som har distriktsverksamhet.", [NPO]),
        # a call announced for the projects of some actors
        ("Regionen utlyser nu medel för projekt där minst två klusterorganisationer samverkar.", [NPO]),
        # the aim of a strategy, the state-aid rules, companies as a share of the economy: no applicants
        ("Målet med programmet är att fler företag ska få tillgång till riskkapital.", []),
        ("Support for companies is governed by rules on state aid.", []),
        ("Stöd till företag omfattas av reglerna om statsstöd.", []),
        ("Small companies make up most of the Swedish economy.", []),
        ("Små företag utgör en stor del av näringslivet i länet.", []),
        ("Företag som utgör en del av en koncern kan söka.", [C]),
        # a fragment naming what is funded, a thing as subject, a passive without -as
        ("Aktiviteter som stärker samarbetet mellan företag och lärosäten.", []),
        ("Det verktyg som företaget tar fram ska vara öppet för andra.", []),
        ("Stort fokus läggs på små och medelstora företag.", []),
    ],
)
def test_fields_purposes_announcements_and_statements_of_batch_17(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # new companies are start-ups; new and existing ones are any company
        ("Stödet riktar sig till nya företag i länet.", [START]),
        ("Stödet kan sökas av befintliga och nya företag.", [C]),
        # an English size word with an adjective before the noun
        ("The programme is open to small and medium-sized manufacturing companies.", [SME]),
        # companies the applicants are to reach out to are their target group
        ("Kommuner som beviljas stöd ska nå ut till småföretag på landsbygden.", [PUB]),
        # the owners of a company are meant, not the company
        ("Lånet kan ges med lägre säkerheter för ägare till aktiebolag.", []),
        ("Du som är ägare till ett aktiebolag kan söka stödet.", [C]),
        # one organisation's legal form described; a required legal form still names the kind
        ("Organisationen, som drivs i form av en ekonomisk förening, är öppen för alla juridiska personer.", []),
        ("Sökande ska drivas i form av ekonomisk förening.", [NPO]),
        # an offer that "får ges" to some actors
        ("Stöd till ett regionalt energikontor får ges endast om kontoret uppfyller kraven.", [PUB]),
        # applications from some actors, an application made by them, an application submitted
        ("Ansökningar från kommuner i glesbygd prioriteras.", [PUB]),
        ("Ansökan kan lämnas av en förening eller ett studieförbund.", [NPO]),
        ("You may submit your application even if the company has no turnover.", [C]),
        # a state not reached yet is no refusal
        ("You can apply even if your company is not yet registered.", [C]),
        # a funder's offer in English
        ("We provide funding for small companies that want to export.", [SME]),
        # "Som ..." opening as an adverbial, a subject pronoun, a short passive in -s: statements, not fragments
        ("Som grund för arbetet används en metod från företag i regionen.", []),
        ("Varje år träffar vi hundratals företagare i länet.", []),
        ("Ni som driver ett företag i Örebro län.", [C]),
        ("Alla deltagande företag väljs ut av en jury.", []),
        # what the one applying may be, said to them
        ("Du kan vara både ny och etablerad företagare.", [C]),
        ("You can be a sole trader or a limited company.", [C]),
    ],
)
def test_offers_applications_owners_and_statements_of_batch_19(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # a question put to the one applying
        ("Är du ett nystartat bolag med en idé som kan växa?", [START]),
        ("Är ni en förening som vill ordna aktiviteter för unga?", [NPO]),
        # the one addressed by what a business does, a trader
        ("Stödet kan sökas av dig som tillverkar livsmedel i länet.", [C]),
        ("Bidraget kan beviljas till näringsidkare på landsbygden.", [C]),
        # newly started companies in English; a programme's capitalised name is no type
        ("The offer targets newly founded companies with a scalable idea.", [START]),
        ("Companies that took part in Swedish Startups Week can apply.", [C]),
        # who coordinates and who takes part in a consortium
        ("Projektet ska koordineras av ett universitet och i konsortiet ska ett stort företag ingå.", [LARGE, ACAD]),
        # an organisation having the regional development responsibility
        ("Organisationer som har det regionala utvecklingsansvaret kan söka.", [PUB]),
        # what those granted get later; an allocation reported with its sum
        ("Föreningar som beviljats stöd kommer att erbjudas en utbildning under hösten.", []),
        ("Varje region tilldelas 2 miljoner kronor för perioden.", []),
        # history of a programme
        ("Inkubatorverksamheten startade som ett försök hos regionen 2010.", []),
        # the companies a supporting organisation or a project helps, the applicants' own business community
        ("Klusterorganisationer som vill hjälpa små företag (SMF) att exportera kan söka.", [NPO]),
        ("Ni kan söka medel för projekt som ger företag tillgång till ny teknik.", []),
        ("Stöd ges till kommuner så att de kan stärka sitt lokala näringsliv.", [PUB]),
    ],
)
def test_questions_traders_consortia_grantees_and_supporters_of_batch_18(text, applicants):
    assert parse_stated(text) == applicants


def test_an_age_limit_beside_a_turnover_limit():
    assert parse_company_age("Företag som är yngre än tre år, har en omsättning under en miljon och ...") == (None, 3)


@pytest.mark.parametrize(
    "text, applicants",
    [
        # a legal form required of the company; the company's figures as the subject; the company inside the sentence
        ("Företaget är ett aktiebolag med säte i länet.", [C]),
        ("The company's equity or turnover must be at least SEK 1 million.", [C]),
        ("The grant covers half the costs and the company must have an office in Sweden.", [C]),
        # a condition to meet is no refusal
        ("Sökande företag får inte ha skulder hos Kronofogden.", [C]),
        # a question to the applicant in English; the funder's wish and reach; giving in English
        ("Are you a newly started company with an idea that can grow abroad?", [START]),
        ("Med erbjudandet vill vi stödja föreningar som arbetar med unga.", [NPO]),
        ("Vi riktar oss till kommuner och regioner som vill ställa om.", [PUB]),
        ("We also provide funding to small companies that want to export.", [SME]),
        # a financier, a company's attribute, a project's target group, one named organisation's application
        ("A municipality may take part as a co-financier of the project.", []),
        ("You can apply for a grant for a project that improves the company's production.", []),
        ("Projektet ska stötta projektets målgrupp - länets kommuner - i arbetet.", []),
        ("Örebro universitet ansöker om 20 procent av projektets kostnader.", []),
        # an outcome for the companies a project serves, a pseudo-cleft, statements with verbs the list lacked
        ("Företagen ska få ökad kunskap om digitalisering.", []),
        ("Those who benefit from the project are small companies in the region.", []),
        ("The advice shall be offered to companies on equal terms.", []),
        ("På grund av pandemin bjuder regionen in föreningar till möten senare.", []),
        ("Detta uppnås genom att stötta deltagande kommuner i arbetet.", []),
    ],
)
def test_legal_forms_conditions_givers_financiers_and_statements_of_batch_20(text, applicants):
    assert parse_stated(text) == applicants


def test_an_age_limit_in_english_words():
    assert parse_company_age("Limited companies, maximum 7 years old.") == (None, 7)


@pytest.mark.parametrize(
    "text, applicants",
    [
        # companies that benefit from what others do
        ("Insatsen ska leda till att små företag i länet gynnas.", []),
        # what the application must contain
        ("Föreningarna ska i sin ansökan beskriva hur aktiviteterna når unga.", []),
        # a lender's borrowers, in the infinitive
        ("Banken kommer att kunna låna ut pengar till små företag i hela landet.", [SME]),
        # those who take up an offer
        ("De kommuner som tackar ja till inbjudan kan få stöd till en samordnare.", [PUB]),
        # an authority a condition is put on (not the company the condition is on)
        ("Stöd kan beviljas endast om kommunen medfinansierar projektet.", []),
        ("Stöd får lämnas om företaget har färre än 50 anställda.", [SME]),
    ],
)
def test_beneficiaries_application_contents_lenders_offers_taken_up_and_conditions_of_batch_21(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # companies developed, brought together or cooperated with by the applicant
        ("Stödet riktar sig till inkubatorer som arbetar med utveckling av idéer och företag.", [NPO]),
        ("Are you an organisation that can build contacts between startups and large companies?", []),
        ("The call is aimed at intermediaries with experience of bringing large companies and startups together.", [NPO]),
        ("Actors who see the value of collaboration with innovative companies can take part as partners.", []),
        # ... but the applying company stays the applicant
        ("Insatserna ska stödja den tekniska utvecklingen av sökande företag.", [C]),
        # what is listed with a target is a target too
        ("Projekten ska stärka konkurrenskraften i tillverkande företag och industrinära tjänsteföretag.", []),
        # a subject with a phrase of its own before a relative clause; a definition in English
        ("The size of the grant that each company gets depends on its costs.", []),
        ("In this call, the applicant is considered an intermediary.", []),
        # any legal person, of private or public law
        ("Sökanden ska vara en juridisk person, privat- eller offentligrättslig.", []),
        # research centres; what a support area covers
        ("Ni som är verksamma vid forskningscentra kan söka medel.", [INST]),
        ("Området omfattar idrottsföreningar och hembygdsföreningar.", [NPO]),
        # the applicants' own operations are no company type
        ("Companies with the will to grow their business can apply.", [C]),
    ],
)
def test_developed_and_matched_companies_lists_of_targets_definitions_and_legal_persons_of_batch_23(text, applicants):
    assert parse_stated(text) == applicants


def test_a_persons_age_is_no_company_age():
    assert parse_company_age("Du som är konstnär över 20 år och bor i länet kan söka.") == (None, None)
    assert parse_company_age("Företaget ska ha funnits i minst två år.") == (2, None)


@pytest.mark.parametrize(
    "text, applicants",
    [
        # a named investor's investees are who applies
        ("Fonden investerar i små företag med hög tillväxtpotential.", [SME]),
        ("We invest in young innovative companies in the Nordics.", [START]),
        # ... not what a company invests in, nor a share of the companies counted
        ("Stöd kan ges till företag som investerar i ny teknik.", [C]),
        ("Fonden investerar i cirka fem procent av alla bolag som den granskar.", []),
    ],
)
def test_investees_and_shares_of_companies(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # a sentence adverb, a verb and its subject make a statement, not a "Vem kan söka?" fragment
        ("Dessutom arrangerar vi träffar för företag i länet.", []),
        ("Vidare undersöker projektet vilka tjänster som kan erbjudas till länets företag.", []),
        # ... but a cue of applying still says who applies
        ("Vidare kan företag i länet söka stödet.", [C]),
    ],
)
def test_statements_opened_by_a_sentence_adverb(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # sized companies in a compound; what the companies get as an outcome, with an article
        ("Projekten ska stärka konkurrenskraften i små och medelstora tillverkningsföretag i länet.", []),
        ("Små och medelstora industriföretag kan söka stödet.", [SME]),
        ("Genom insatsen ska företag få en bättre tillgång till kapital.", []),
        ("Ni kan söka medel för projekt som ska leda till att små företag växer.", []),
        # collaborations between companies, business as an adjective, the rules funding is limited by
        ("The call funds activities that stimulate collaborations between startups and large companies.", []),
        ("Business-driven projects are welcome.", []),
        ("Vinnova's funding to companies is limited by the rules for state aid.", []),
        # what the funder has done before; a definite subject with a relative clause
        ("Regionen har tidigare genomfört utbildningar riktade till små företag.", []),
        ("Resultaten som projektet tar fram sprids sedan till fler företag.", []),
    ],
)
def test_compounds_outcomes_collaborations_rules_and_reports_of_batch_23_pages(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # an activity head in a compound names what is funded
        ("Innovations- och utvecklingsprojekt som stärker föreningar i länet.", []),
        # what a consortium must hold
        ("Projekten ska ha minst två deltagare, varav minst ett företag.", [C]),
        # a relative clause that runs into the main verb is no "Vem kan söka?" fragment ...
        ("Bidrag i form av försumbart stöd som ett företag kan ta emot får inte överstiga 300 000 euro.", []),
        # ... but coordinated relative clauses are, and so is a sentence opened by a kind of applicant
        ("Föreningar som är verksamma i länet och har minst tio medlemmar.", [NPO]),
        ("Föreningar som sedan tidigare beviljats stöd får förlängt ett år.", [NPO]),
    ],
)
def test_compound_activity_heads_consortia_and_relative_clauses_running_into_the_verb(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # an item opened by an infinitive names an aim, not who applies
        ("Skapa mötesplatser för små företag och forskare i regionen.", []),
        ("Develop services for young companies in the region.", []),
        # ... unless it says who applies
        ("Utveckla er verksamhet: små företag i länet kan söka checken.", [SME]),
    ],
)
def test_items_opened_by_an_infinitive(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # a role defined with the subject after the verb names no kind of applicant
        ("I programmet betraktas den som söker stödet som en mellanhand.", []),
        # a claim about a kind of actor: a main verb of its own after the relative clause
        ("Företag som samarbetar med akademin blir mer innovativa.", []),
        ("Kommuner som inte planerar för klimatet riskerar höga kostnader.", []),
        # ... not a verb of requirement, nor an infinitive after the relative clause's modal
        ("Företag som får stöd ska redovisa sina kostnader.", [C]),
        ("Företag som vill utvecklas inom hållbarhet.", [C]),
        # the kind that may be granted the aid, with what the application needs, is who applies (the table's convention:
        # "För att ditt företag ska ha rätt till stödet ställer Energimyndigheten vissa krav ...")
        ("För att ett litet företag ska kunna få checken behöver en offert bifogas ansökan.", [SME]),
    ],
)
def test_roles_defined_after_the_verb_and_claims_about_kinds_of_actors(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # private or public sector entities are any legal person, as "privat- eller offentligrättslig"
        ("Applicants must be legal persons: public sector or private sector organisations.", []),
        # companies whose capacity or ability is built are the target, not the applicants
        ("Ansökningar om stöd för insatser som ska stärka förmågan hos små företag att exportera tas emot nu.", []),
        # a call opened to some actors names its applicants
        ("Nu öppnar en utlysning till kommuner som vill arbeta med näringslivsfrågor.", [PUB]),
        # "may be granted" (English) is a verb of applying; a negation inside a condition after the types refuses nothing
        ("Aid to small enterprises may be granted only if the project is one that is not already under way.", [SME]),
        ("Företag kan söka om de inte har skulder hos Kronofogden.", [C]),
        # ... but a refusal before the condition still refuses
        ("Företag kan inte söka om de har skulder hos Kronofogden.", []),
        # study associations are civil society; an application for a grant to some actors names them; what is run on
        # a funder's grants names its recipients
        ("Ansökan om bidrag till studieförbund görs i e-tjänsten.", [NPO]),
        ("Föreningarna bedriver sin verksamhet med bidrag från regionen.", [NPO]),
    ],
)
def test_legal_persons_capacities_calls_conditions_and_study_associations_of_batch_25(text, applicants):
    assert parse_stated(text) == applicants


def test_an_operations_compound_is_no_age_context():
    # "de senaste 6 åren haft ett verksamhetsanslag": history of a grant, not a company-age limit
    assert parse_company_age("Föreningen har de senaste 6 åren haft ett verksamhetsanslag från regionen.") == (None, None)
    assert parse_company_age("Företaget ska ha bedrivit verksamhet i minst 2 år.") == (2, None)


@pytest.mark.parametrize(
    "text, applicants",
    [
        # a check goes to the one it is for, whatever the words before it
        ("Satsningen med innovationscheckar för små företag i länet fortsätter under nästa år.", [SME]),
        ("Regionen har beslutat om nya checkar till företag som vill digitalisera.", [C]),
    ],
)
def test_a_check_goes_to_the_one_it_is_for(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # an adverb of focus between a verb of aiming and its preposition still says whom the offer is for
        ("The programme is aimed mainly at small companies in the manufacturing industry.", [SME]),
        ("Stödet är avsett i första hand för små och medelstora företag.", [SME]),
        ("The loan is intended primarily for newly started companies.", [START]),
        ("The offer is open only to small businesses.", [SME]),
        ("Erbjudandet är riktat i första hand till mindre företag.", [SME]),
    ],
)
def test_an_adverb_of_focus_after_a_verb_of_aiming(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # persons named by a creative or inventive role are individuals
        ("Bidraget kan sökas av konstnärer, formgivare och musiker bosatta i länet.", [IND]),
        ("The call invites designers, artists and inventors to apply for funding for their ideas.", [IND]),
        ("Till exempel kreatörer, fotografer eller innovatörer.", [IND]),
        ("Stipendiet kan sökas av kulturarbetare, dansare och skådespelare i länet.", [IND]),
        # ... not the adjective of art
        ("Stöd kan sökas av föreningar för konstnärliga projekt.", [NPO]),
    ],
)
def test_persons_named_by_role(text, applicants):
    assert parse_stated(text) == applicants


def test_a_roles_age_is_no_company_age():
    assert parse_company_age("Kreatörer och designers över 18 år kan söka.") == (None, None)


@pytest.mark.parametrize(
    "text, applicants",
    [
        # kinds named only inside a condition on a sum name no applicant
        ("At most SEK 1 million, or SEK 3 million if at least two small companies take part.", []),
        ("Högst 2 miljoner kronor om inga små och medelstora företag deltar.", []),
        # ... but a kind named before the condition still does
        ("Små företag i länet, om de uppfyller villkoren.", [SME]),
        ("Högst 2 miljoner kronor för små företag, om projektet pågår i två år.", [SME]),
    ],
)
def test_kinds_named_in_a_condition_on_a_sum(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, applicants",
    [
        # "som" before bare kinds and a modal verb means "such as": the verb is the sentence's own, no fragment's
        ("Lärosäten och offentliga aktörer som regioner får ta ut en overhead på högst 20 procent av lönekostnaderna.", []),
        # ... but a list after "som" with no verb is still a "Vem kan söka?" fragment, and a relative clause stays one
        ("Offentliga aktörer som kommuner och regioner.", [PUB]),
        ("Organisationer som arbetar med företagsutveckling i länet.", [NPO]),
    ],
)
def test_som_meaning_such_as(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, expected",
    [
        # a negation further before "fler än N anställda" makes it a ceiling, not a floor
        ("Företaget ska inte ha en personalstyrka på fler än 10 anställda.", (None, 10)),
        ("Stödet ges inte till företag med fler än 250 anställda.", (None, 250)),
        # ... but a comma ends the negation's reach
        ("Företaget behöver inte vara registrerat, men det ska ha fler än 5 anställda.", (6, None)),
        # the head count of a group the company is part of is not the company's own
        ("Företaget får inte ingå i en koncern med fler än 250 anställda.", (None, None)),
        ("The company must not be part of a group with more than 500 employees.", (None, None)),
        ("Företaget får ha högst 49 anställda och får inte ingå i en koncern med fler än 250 anställda.", (None, 49)),
    ],
)
def test_negated_and_group_head_counts(text, expected):
    assert parse_employees(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # months that make whole years are an age in years; others state none
        ("Bolaget ska ha varit verksamt i minst 24 månader.", (2, None)),
        ("Företaget får ha funnits i högst 60 månader.", (None, 5)),
        ("Företaget ska ha funnits i minst 6 månader.", (None, None)),
        ("Projektet får pågå i högst 36 månader.", (None, None)),
        # operating for a span is an age context
        ("Small businesses that have been operating for at least three years can apply.", (3, None)),
        # in existence over the last years is at least that old; registered within them at most
        ("Företaget ska ha bedrivit verksamhet de senaste 4 åren.", (4, None)),
        ("Företaget ska ha registrerats inom de senaste 4 åren.", (None, 4)),
    ],
)
def test_ages_in_months_operating_and_existing_over_the_last_years(text, expected):
    assert parse_company_age(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the kind of employment before the staff word
        ("Företaget ska ha högst 19 årsanställda.", (None, 19)),
        ("Sökande ska ha minst 3 fast anställda.", (3, None)),
        ("Företag med högst 49 tillsvidareanställda kan söka.", (None, 49)),
        ("The company may have at most 10 full-time equivalents.", (None, 10)),
    ],
)
def test_staff_words_with_the_kind_of_employment(text, expected):
    assert parse_employees(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "no more than"/"no older than" is one ceiling, not also the floor inside it
        ("Applicants must be limited companies registered no more than five years ago.", (None, 5)),
        ("Companies that are no older than 4 years.", (None, 4)),
        # a negated comparison turns round
        ("The company must not be older than 8 years.", (None, 8)),
        ("Stöd ges inte till företag som är äldre än 6 år.", (None, 6)),
        ("Företaget får inte vara yngre än 3 år.", (3, None)),
        # both limits in one phrase
        ("Companies between 3 and 9 years old can apply.", (3, 9)),
        ("Företaget ska vara mellan två och sex år gammalt.", (2, 6)),
        ("Företag som har funnits 1–4 år.", (1, 4)),
        # ... but not a project's span
        ("Projektet pågår i 2-3 år och företaget ska vara registrerat i Sverige.", (None, None)),
    ],
)
def test_age_ceilings_negations_and_ranges(text, expected):
    assert parse_company_age(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a negated "fewer than" is a floor
        ("The company must not have fewer than 4 employees.", (4, None)),
        ("Stöd lämnas inte till företag med färre än 2 anställda.", (2, None)),
        # both limits joined by "men"/"but"
        ("Företaget ska ha minst 5 men högst 49 anställda.", (5, 49)),
        # "eller fler"/"or fewer" before the staff word; a count in pieces
        ("Företag med 3 eller fler anställda kan söka.", (3, None)),
        ("Companies with 20 or fewer employees may apply.", (None, 20)),
        ("Företaget får ha högst 9 st anställda.", (None, 9)),
    ],
)
def test_negated_floors_joined_limits_and_counts_in_pieces(text, expected):
    assert parse_employees(text) == expected


@pytest.mark.parametrize(
    "text, applicants",
    [
        # an award handed out names whom it goes to
        ("Stipendiet delas ut till unga författare i länet.", [IND]),
        ("Regionen delar varje år ut bidrag till ideella föreningar.", [NPO]),
        ("The grant is awarded to small companies with export plans.", [SME]),
        # ... and a refusal to hand it out refuses
        ("Regionen delar inte ut stöd till privatpersoner.", []),
    ],
)
def test_awards_handed_out(text, applicants):
    assert parse_stated(text) == applicants


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations with a period, a count with a plus
        ("Företag med max. 19 anställda.", (None, 19)),
        ("Companies with min. 3 employees.", (3, None)),
        ("Företag med 20+ anställda kan delta.", (20, None)),
        # both limits exclusive
        ("Företag med fler än 9 men färre än 100 anställda.", (10, 99)),
        # the staff word first: a floor, and a ceiling not to be exceeded
        ("Antalet anställda ska vara minst 4.", (4, None)),
        ("The number of employees must not exceed 99.", (None, 99)),
        ("Antalet anställda får inte understiga 2.", (2, None)),
    ],
)
def test_abbreviated_plus_exclusive_and_staff_first_head_counts(text, expected):
    assert parse_employees(text) == expected


def test_active_for_years_is_an_age():
    assert parse_company_age("Företaget ska ha varit aktivt i minst tre år.") == (3, None)


@pytest.mark.parametrize(
    "text, applicants",
    [
        # organisations named by their field are the nonprofit kind ("turismorganisationer", "kulturorganisationer")
        ("Stödet riktar sig till kommuner och lokala kulturorganisationer.", [PUB, NPO]),
        # promoting actors by what they promote ("främjandeaktörer", "innovationsfrämjande aktörer")
        ("Även regioner och innovationsfrämjande aktörer kan söka.", [PUB, NPO]),
        ("Besöksnäringens främjandeaktörer kan ansöka om medel.", [NPO]),
        # ... and actors defined by that purpose
        ("Aktörer som arbetar för att stärka landsbygdens näringsliv kan söka.", [NPO]),
        # an association of municipalities is a public body
        ("The lead applicant must be an association of local authorities.", [PUB]),
        # private actors are companies
        ("Både offentliga och privata aktörer kan söka stöd.", [C, PUB]),
        # companies an organisation offers something to, or that the funding helps, are its target group
        ("Organisationer som ger unga företag rådgivning kan söka.", [NPO]),
        ("Du kan söka bidrag för att stötta drabbade handelsföretag.", []),
        # what a project group must consist of names who takes part, in English as in Swedish ("ska bestå av")
        ("The partnership must consist of at least three municipalities and one university.", [ACAD, PUB]),
    ],
)
def test_field_organisations_promoters_private_actors_and_helped_companies(text, applicants):
    assert parse_stated(text) == applicants
