"""Swedish region names to NUTS codes (the codes of ``hubb.vocab.REGION_NAMES``).

Public functions:

- ``region_code(name) -> str | None`` — one name as a tag or heading prints it: "Örebro", "Örebro län",
  "Region Örebro län", "Östergötland", "Region Jönköpings län", "Sörmland", "Östra Mellansverige"
  (SE12), "Övre Norrland" (SE33), "Skåne-Blekinge" (SE22), "Hela Sverige" / "nationell" (SE), "EU".
- ``find_regions(text) -> list[str]`` — every region named in a free text, in order, without repeats
  ("aktörer i Västerbotten och Norrbotten", "i Jönköpings, Kalmar, Kronobergs och Gotlands län").
- ``tag_names(code) -> list[str]`` — the other way: the tags a site like Tillväxtverket prints for a
  code ("SE124" → ["Örebro"], "SE12" → its five counties, "SE" → ["Hela Sverige"]).
- ``collapse_regions(codes) -> list[str]`` — replaces a complete set of counties by their NUTS-2
  region (Norrbotten + Västerbotten → SE33; the five counties of Östra Mellansverige → SE12) and
  drops codes already covered by a wider one.
"""

from __future__ import annotations

import re
import unicodedata

from hubb.vocab import REGION_NAMES

# The everyday names of each county: the landscape name(s) it goes by and its seat.
_COUNTY_ALIASES: dict[str, tuple[str, ...]] = {
    "SE110": ("stockholm", "stockholms"),
    "SE121": ("uppsala",),
    "SE122": ("södermanland", "sörmland", "södermanlands", "sörmlands"),
    "SE123": ("östergötland", "östergötlands"),
    "SE124": ("örebro", "örebros", "närke"),
    "SE125": ("västmanland", "västmanlands"),
    "SE211": ("jönköping", "jönköpings"),
    "SE212": ("kronoberg", "kronobergs"),
    "SE213": ("kalmar",),
    "SE214": ("gotland", "gotlands"),
    "SE221": ("blekinge",),
    "SE224": ("skåne",),
    "SE231": ("halland", "hallands"),
    # ... with the county's four named parts (delregioner) and its landscapes wholly inside it
    "SE232": ("västra götaland", "västra götalands", "västra götalandsregionen", "vgr", "fyrbodal", "sjuhärad",
              "skaraborg", "göteborgsregionen", "bohuslän", "dalsland"),
    "SE311": ("värmland", "värmlands"),
    "SE312": ("dalarna", "dalarnas"),
    "SE313": ("gävleborg", "gävleborgs", "gästrikland", "hälsingland"),
    "SE321": ("västernorrland", "västernorrlands", "medelpad"),
    "SE322": ("jämtland", "jämtlands", "jämtland härjedalen", "jämtland/härjedalen", "härjedalen"),
    "SE331": ("västerbotten", "västerbottens"),
    "SE332": ("norrbotten", "norrbottens"),
}
# NUTS-2 areas, which are also the regional-fund programme areas (Tillväxtverket's "programområden")
_AREA_ALIASES: dict[str, tuple[str, ...]] = {
    "SE11": ("stockholmsregionen", "stockholm-regionen"),
    "SE12": ("östra mellansverige",),
    "SE21": ("småland och öarna", "småland och öarna"),
    "SE22": ("sydsverige", "skåne-blekinge", "skåne och blekinge"),
    "SE23": ("västsverige",),
    "SE31": ("norra mellansverige",),
    "SE32": ("mellersta norrland",),
    "SE33": ("övre norrland",),
    "SE1": ("östra sverige", "eastern sweden"),
    "SE2": ("södra sverige", "southern sweden"),
    "SE3": ("norra sverige", "northern sweden"),
}
# counties named as a group by a standing description: the four northernmost counties
# (transportbidrag: Norrbotten, Västerbotten, Jämtland, Västernorrland)
_GROUP_ALIASES: dict[str, tuple[str, ...]] = {
    "fyra nordligaste länen": ("SE332", "SE331", "SE322", "SE321"),
    "fyra nordligaste län": ("SE332", "SE331", "SE322", "SE321"),
    "four northernmost counties": ("SE332", "SE331", "SE322", "SE321"),
}
_GROUP_RE = re.compile(r"(?<![\wåäö-])(?:" + "|".join(re.escape(n) for n in _GROUP_ALIASES) + r")(?![\wåäö])",
                       re.IGNORECASE)
_NATIONAL = ("hela sverige", "hela landet", "nationell", "nationellt", "sverige", "sweden", "all of sweden",
             "national", "riksomfattande", "alla län", "alla regioner",
             # every municipality or region of the country: "alla Sveriges kommuner", "landets samtliga regioner"
             *(f"{a} {b} {c}" for a, b in (("alla", "sveriges"), ("samtliga", "sveriges"), ("alla", "landets"),
                                           ("samtliga", "landets"), ("sveriges", "alla"), ("sveriges", "samtliga"),
                                           ("landets", "alla"), ("landets", "samtliga"))
               for c in ("kommuner", "regioner", "län")),
             "all swedish municipalities", "all municipalities in sweden",
             # the English of "i hela Sverige" / "över hela landet": "employment throughout Sweden", "companies across the country"
             *(f"{a} {b}" for a in ("throughout", "across", "all over", "the whole of", "the entire")
               for b in ("sweden", "the country")), "nationwide")
_EU = ("eu", "europeiska unionen", "european union", "europa", "europe", "eu-länder", "eu member states",
       "eu:s medlemsländer", "horizon europe")

_EXACT: dict[str, str] = {}
for _code, _names in _COUNTY_ALIASES.items():
    for _n in _names:
        _EXACT[_n] = _code
for _code, _names in _AREA_ALIASES.items():
    for _n in _names:
        _EXACT[_n] = _code
for _code, _name in REGION_NAMES.items():
    _EXACT.setdefault(_name.lower(), _code)
# a county's seat as a region ("Örebroregionen", "Jönköpingsregionen", "Uppsalaregionen"): the county (the named areas,
# "Stockholmsregionen", "Göteborgsregionen", keep their own codes)
for _code, _names in _COUNTY_ALIASES.items():
    for _n in _names:
        if " " not in _n and "/" not in _n and _n != "vgr":
            _EXACT.setdefault(f"{_n}regionen", _code)
for _n in _NATIONAL:
    _EXACT[_n] = "SE"
for _n in _EU:
    _EXACT[_n] = "EU"


def _clean(name: str) -> str:
    name = unicodedata.normalize("NFC", name).lower().strip(" \t\n.,;:•-–")
    name = re.sub(r"\s+", " ", name)
    return name


def region_code(name: str) -> str | None:
    """The NUTS code of one region name, else None."""
    name = _clean(name or "")
    if not name:
        return None
    if name in _EXACT:
        return _EXACT[name]
    # "Region Örebro län", "Örebro läns landsting", "Länsstyrelsen i Örebro län", "Örebro County"
    stripped = re.sub(r"^(?:region|regionen|länsstyrelsen i|länsstyrelsen|landstinget i|landstinget)\s+", "", name)
    stripped = re.sub(r"\s+(?:läns?|county|region|regionen|landsting|kommun)(?:\s.*)?$", "", stripped)
    stripped = re.sub(r"s$", "", stripped) if stripped + "s" not in _EXACT and stripped not in _EXACT else stripped
    for candidate in (stripped, stripped + "s"):
        if candidate in _EXACT:
            return _EXACT[candidate]
    return None


# For free text, every alias as a whole word; longest first so "västra götaland" beats "götaland"
# and "östra mellansverige" beats "sverige".
_TEXT_ALIASES = sorted(
    # the EU by name is a place only after a place word ("i Europeiska unionen", see _EU_RE): "en garanti från
    # Europeiska unionen", "with support from the European Union" name a guarantor or funder
    # ... and a programme named after Europe ("co-funded by the European Union through Horizon Europe") is a funder,
    # not a place: only its countries are ("any Horizon Europe country", see _EU_RE)
    {n: c for n, c in _EXACT.items() if n not in ("eu", "europa", "europe", "sverige", "sweden", "national",
                                                  "europeiska unionen", "european union", "horizon europe")}.items(),
    key=lambda kv: len(kv[0]),
    reverse=True,
)
_TEXT_RE = re.compile(
    # a genitive -s is the same place ("Östra Mellansveriges utmaningar", "Stockholmsregionens")
    r"(?<![\wåäö-])(?:" + "|".join(re.escape(n) for n, _ in _TEXT_ALIASES) + r")s?(?![\wåäö])",
    re.IGNORECASE,
)
# EU as a place applicants are in ("i EU", "EU:s medlemsländer"), not EU rules, funds or money
# ... and only where the words before "i/inom/in EU" name applicants or partners ("företag inom EU", "legal entities in
# the EU", "SMEs across the European Union"): trade, rules or unemployment "inom EU" / "i EU" say nothing of where
# applicants are ("påverka handeln inom EU", "lägst arbetslöshet i EU")
_EU_ACTORS = (r"(?:företag\w*|bolag\w*|organisation\w*|aktör\w*|sökande|parter\w*|partner\w*|universitet\w*|lärosäte\w*|"
              r"institut\w*|forskare|SMF|SMEs?|compan\w*|business\w*|enterprises?|organi[sz]ations?|applicants?|participants?|"
              r"entit(?:y|ies)|actors?|stakeholders?|start-?ups?|researchers?|medborgare|citizens?)")
_EU_PLACE = r"(?:i|inom|in|within|across|from|från)\s+(?:hela\s+)?(?:the\s+)?"
_EU_RE = re.compile(rf"\b{_EU_ACTORS}\b(?:\s+[\wåäö-]+){{0,3}}?\s+{_EU_PLACE}(?:EU\b(?![-:’'])|Europeiska unionen|European Union)|"
                    r"\bEU[:’']s\s+medlems\w+|\bEU-(?:länder\w*|land)|\bEU\s+(?:member states|countries)|"
                    r"\b(?:Horizon Europe|Horisont Europa)(?:[- ]associated)?\s+(?:countr(?:y|ies)|länder\w*|land)\b",
                    re.IGNORECASE)
# "svenska aktiebolag", "Swedish startups", "företag i Sverige": applicants in Sweden
_SWEDISH_APPLICANTS = re.compile(
    # (an adjective or two coordinated ones between: "svenska små och medelstora företag", "Swedish small and medium-sized
    # enterprises")
    r"\b(?:svenska|svenskt|svensk|swedish)\s+(?:[\w-]+\s+(?:och|eller|and|or)\s+)?(?:[\w-]+\s+)?"
    r"(?:\w*företag|aktiebolag|\w*bolag|start[- ]?ups?|organisationer|"
    # "Swedish actors from academia, ...", "svenska aktörer": the applicants as a whole are in Sweden
    r"aktörer|sökande|parter|actors|applicants|parties|participants|"
    # "de svenska projektdeltagarna", "svenska projektparter", "de svenska parterna"
    r"(?:projekt)?deltagar\w*|projektpart\w*|parterna|"
    # "ett svenskt universitet, högskola", "svenska lärosäten och forskningsinstitut"
    r"universitet\w*|högskol\w*|lärosäte\w*|forskningsinstitut\w*|myndighet\w*|universit(?:y|ies)|research institutes?|"
    r"organisationsnummer|companies|businesses|enterprises|SMEs|organi[sz]ations|juridiska personer|juridisk person|"
    r"legal entit(?:y|ies)|legal persons?)\b|\bsvenskregistrera\w*\b|"
    # (not a person's residence: "kvinnor och män ... som bott i Sverige i tio år")
    r"\b(?:företag|bolag|companies|businesses|enterprises|SMEs|organi[sz]ations)\b"
    # ... nor a person's registration or citizenship: "drivs av utländsk medborgare som är skriven i Sverige")
    r"(?:(?!\b(?:bott|bor|bosatt\w*|födda?|lived|born|skrivna?|folkbokförda?|mantalsskrivna?|medborgar\w*|"
    r"residents?|residing|citizens?)\b)[^.;]){0,60}\b(?:i Sverige|in Sweden)\b|"
    r"\b(?:driftställe|säte|arbetsställe|filial|registrerad\w*|established|establishment|based|located|registered)\s+(?:\w+\s+)?"
    r"(?:i Sverige|in Sweden)\b|"
    # the funded activity in Sweden: "söka ekonomiskt stöd till utveckling av en industrialiseringshubb i Sverige", "tillverka nya
    # produkter i Sverige", "manufacturing in Sweden"
    r"\b(?:söka|sökas|ansöka|apply)\s+(?:[\w-]+\s+){1,8}?(?:i Sverige|in Sweden)\b|"
    r"\b(?:tillverk\w*|produktion\w*|producera\w*|industrialisera\w*|manufactur\w*|production)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:i Sverige|in Sweden)\b|"
    # a rule on where the funded work is done: "Insatserna ska genomföras i Sverige", "Projects must be carried out in Sweden"
    # (not a description: "Den forskning som bedrivs i Sverige håller hög kvalitet")
    r"\b(?:ska|skall|måste|must|shall|should|has to|have to)\s+(?:[\w-]+\s+){0,2}?(?:genomföras|bedrivas|utföras|äga rum|"
    r"ske|be carried out|be conducted|be performed|be implemented|take place)\s+(?:[\w-]+\s+){0,2}?(?:i Sverige|in Sweden)\b",
    re.IGNORECASE,
)


# a report of who applied or took part before ("Tidigare ansökningar har framförallt inkommit från svenska
# företag", "Swedish participants have so far been successful"): no rule on where applicants must be
# the Swedish parties bound by their national funder's rules ("Swedish parties must follow Vinnova's rules for funding",
# "de svenska parterna ska följa Vinnovas villkor"): a rule for Sweden's share of an international project, which
# says nothing of where the project's applicants must be
# ... or as the ones the national funder contacts ("therefore Swedish participants may hear from Vinnova if additional
# information is required", "svenska parter kan bli kontaktade av Vinnova"): the same share, no rule on where applicants are
_BOUND_BY_RULES = re.compile(
    r"[^.;:]{0,30}?\b(?:follow|följa|följer|comply with|tillämpa|tillämpar|are subject to|omfattas av)\s+"
    r"(?:[\w'’:-]+\s+){0,3}?(?:rules|regler|regelverk\w*|villkor\w*|guidelines|riktlinjer\w*|terms)\b|"
    r"\s+(?:may|will|can|might|kan|kommer att|får)\s+(?:\w+\s+)?(?:hear from|be contacted|bli kontaktade?|kontaktas|"
    r"be asked|ombeds|få en förfrågan)\b",
    re.IGNORECASE,
)


# Swedish parties negated: "a maximum of SEK 2 million if no Swedish small and medium-sized companies participate", "om inga
# svenska företag deltar": what holds without them, no rule that applicants must be in Sweden
_NONE_BEFORE = re.compile(r"\b(?:no|inga|inget|ingen)\s+$", re.IGNORECASE)


def _swedish_applicants(text: str) -> bool:
    """Applicants said to be Swedish or in Sweden, not as the parties a national funder's rules bind."""
    return any(not _BOUND_BY_RULES.match(text, m.end()) and not _NONE_BEFORE.search(text, max(0, m.start() - 10), m.start())
               for m in _SWEDISH_APPLICANTS.finditer(text))


# a cross-border programme's area: "ett gränsregionalt samarbetsprogram mellan Sverige, Finland inklusive Åland, Estland och
# Lettland", "a cooperation programme between Sweden and Norway": Sweden's part of the programme area is a place (a bare
# "Sverige" elsewhere is too often a residence or a comparison to count)
_PROGRAMME_BETWEEN = re.compile(
    r"\b[\wåäö-]*(?:program|programmet|programme|samarbete|samarbetet|cooperation|co-operation)\b\s+(?:[\wåäö-]+\s+){0,2}?"
    r"(?:mellan|between)\s+(?:[A-ZÅÄÖ][\wåäö]+(?:\s+inklusive\s+[A-ZÅÄÖ][\wåäö]+)?,?\s+(?:(?:och|and)\s+)?){0,4}?"
    r"(?:Sverige|Sweden)\b"
)

_RETROSPECT = re.compile(r"^\W*(?:tidigare|previously)\b|\b(?:so far|to date|hittills|hitintills)\b", re.IGNORECASE)


# a county or area as an adjective: "skånska företag", "östgötskt näringsliv", "västsvenska företag"
_ADJECTIVES = {"skånsk": "SE224", "östgötsk": "SE123", "värmländsk": "SE311", "gotländsk": "SE214",
               "halländsk": "SE231", "jämtländsk": "SE322", "sörmländsk": "SE122", "västmanländsk": "SE125",
               "blekingsk": "SE221", "norrbottnisk": "SE332", "västerbottnisk": "SE331", "västsvensk": "SE23",
               "gävleborgsk": "SE313", "dalsk": "SE312"}
_ADJECTIVE_RE = re.compile(r"(?<![\wåäö-])(" + "|".join(_ADJECTIVES) + r")(?:a|t)?(?![\wåäö])", re.IGNORECASE)


# "nationell" that is no scope: national co-financing (money from a national source) and the national
# level among others ("på regional, nationell eller europeisk nivå")
_NATIONAL_NOT_SCOPE = re.compile(
    r"\bnationell(?:a|t)?\s+(?:med)?finansiering\w*|\bnational\s+co-?financing\b|"
    r"\b(?:lokal|regional)(?:a|t)?,\s+nationell(?:a|t)?\s+(?:eller|och|samt)\s+(?:europeisk|internationell|global)\w*|"
    r"\b(?:local|regional),\s+national\s+(?:or|and)\s+(?:european|international|global)\b|"
    # the national level of government or action ("lagförändringar behövs på nationell nivå", "på regional och nationell nivå",
    # "at the national level"): where something is decided, not where applicants are
    r"\bnationell(?:a|t)?\s+(?:(?:och|eller|samt)\s+[\wåäö]+\s+)?nivå\w*|"
    r"\bnational\s+(?:(?:and|or)\s+\w+\s+)?levels?\b|"
    # what something matters for across the country ("Industrin är viktig för sysselsättning ... i hela landet", "Företag är
    # nyckeln till att det ska gå att bo och jobba i hela Sverige"): a claim of importance, not the offer's scope
    r"\b(?:viktig[at]?|nyckeln|avgörande|betydelsefull[at]?|important|key|crucial|vital)\s+(?:för|till|for|to)\b[^.;]{0,80}?"
    r"\b(?:i|över|in|across|throughout)\s+hela\s+(?:Sverige|landet)\b|"
    r"\b(?:important|key|crucial|vital)\s+(?:for|to)\b[^.;]{0,80}?\b(?:across|throughout|in|all\s+over)\s+"
    r"(?:all\s+of\s+|the\s+whole\s+of\s+|the\s+entire\s+)?(?:Sweden|the\s+(?:whole\s+|entire\s+)?country)\b|"
    # a national body ("nationell kontaktmyndighet för EU:s ramprogram", "national contact point"): the agency's role, no
    # scope for applicants
    r"\bnationell(?:a|t)?\s+(?:kontakt\w*|[\wåäö]*myndighet\w*|samordnare|expert\w*)|"
    r"\bnational\s+(?:contact\s+points?|NCPs?|agenc(?:y|ies)|authorit(?:y|ies)|coordinators?)\b|"
    # all regions as the organisations one talks or works with ("telefonintervjuer med alla regioner",
    # "dialog med samtliga regioner"), not a scope; "i alla regioner" stays national
    r"\b(?:med|with)\s+(?:alla|samtliga|all)\s+(?:(?:the|landets|Sveriges)\s+)?(?:regioner|regions|län|kommuner)\b",
    re.IGNORECASE,
)


def find_regions(text: str, *, include_eu: bool = False) -> list[str]:
    """The regions named in ``text``, in order of first mention. Mentions of "EU" in running text
    (EU funds, EU rules) do not restrict applicants, so EU is only returned on request."""
    if not text:
        return []
    text = _NATIONAL_NOT_SCOPE.sub(lambda m: " " * len(m.group(0)), text)
    found: list[str] = []
    for m in _TEXT_RE.finditer(text):
        name = _clean(m.group(0))
        code = _EXACT.get(name) or (_EXACT.get(name[:-1]) if name.endswith("s") else None)
        if code and code not in found:
            found.append(code)
    for m in _GROUP_RE.finditer(text):
        for code in _GROUP_ALIASES[_clean(m.group(0))]:
            if code not in found:
                found.append(code)
    for m in _ADJECTIVE_RE.finditer(text):
        code = _ADJECTIVES[m.group(1).lower()]
        if code not in found:
            found.append(code)
    if "SE" not in found and _PROGRAMME_BETWEEN.search(text):
        found.append("SE")
    if "SE" not in found and _swedish_applicants(text) and not _RETROSPECT.search(text):
        found.append("SE")
    if include_eu and _EU_RE.search(text) and "EU" not in found:
        found.append("EU")
    return found


def _children(code: str) -> list[str]:
    return [c for c in REGION_NAMES if c != code and c.startswith(code) and len(c) == len(code) + 1
            and c != "EU"]


def collapse_regions(codes: list[str]) -> list[str]:
    """Merge complete sets of sub-regions into their parent and drop covered codes, keeping order."""
    result = list(dict.fromkeys(c.strip().upper() for c in codes if c and c.strip()))
    changed = True
    while changed:
        changed = False
        for code in list(result):
            parent = code[:-1]
            if len(code) < 4 or parent not in REGION_NAMES:
                continue
            kids = _children(parent)
            if kids and all(k in result for k in kids):
                first = min(result.index(k) for k in kids)
                result = [c for c in result if c not in kids]
                if parent not in result:  # "Småland och Öarna, det vill säga Jönköpings, ... län": once
                    result.insert(min(first, len(result)), parent)
                changed = True
                break
    # a code inside another listed code adds nothing ("SE124" next to "SE12")
    covered = [c for c in result if any(o != c and c.startswith(o) and o != "EU" for o in result)]
    if "EU" in result and len(result) > 1:
        covered += [c for c in result if c != "EU"]
    return [c for c in result if c not in covered]


def tag_names(code: str) -> list[str]:
    """The region tags a listing prints for ``code``: a county by its everyday name, a NUTS-2
    area by its counties, Sweden as "Hela Sverige" (what Tillväxtverket's pages show)."""
    code = code.strip().upper()
    if code == "SE":
        return ["Hela Sverige"]
    if code == "EU":
        return ["EU"]
    if code in _COUNTY_ALIASES:
        return [_COUNTY_ALIASES[code][0].title()]
    kids = _children(code)
    if kids:
        return [name for kid in kids for name in tag_names(kid)]
    return [REGION_NAMES.get(code, code)]


_COUNTY_NAMES = "|".join(sorted({n[0].upper() + n[1:] for names in _COUNTY_ALIASES.values() for n in names
                                  if n[0].isalpha() and not n.isupper() and n != "vgr"}, key=len, reverse=True))
# words that may stand capitalised before a county at a sentence's start without naming anything
_NOT_A_NAME = ("I|Inom|Hela|För|Över|Utanför|Utöver|Alla|Samtliga|Från|Till|Med|Mot|Och|Eller|Samt|Även|Både|Bara|"
               "Endast|Enbart|Runt|Kring|Mellan|Utan|Av|Om|Vid|Ur|Där|Här|Nu|In|Within|Across|Throughout|From|To|Of|"
               "For|And|Or|All|The|Entire|Whole|Östra|Västra|Norra|Södra|Region|Regionen|Länsstyrelsen|Landstinget")


# "Region Västmanland kommer att prioritera ...", "ansökan inkommit till Region Örebro": the funder
# named by its organisation, which says nothing about where applicants must be. A name after a
# place word ("i Region Örebro län") or standing alone (a listing's region tag) is geography.
_ORG_NAME = re.compile(
    r"\b(?:Region|Regionförbundet|Länsstyrelsen(?:\s+i)?)\s+[A-ZÅÄÖ][\wåäö-]+(?:\s+(?:län|läns|Härjedalen)\b)?s?|"
    # an administrative region named by its seat after its kind ("verksamhetsregion Uppsala" of the ethics review, "sjukvårdsregion
    # Mellansverige"): a body's district, not where applicants are; "i sjukvårdsregion ..." is a place
    r"\b[a-zåäö]+region\s+[A-ZÅÄÖ][\wåäö-]+|"
    # the one region organisation named as a compound: Västra Götalandsregionen (VGR)
    r"\bVästra Götalandsregionen\w*|"
    # "Västernorrland Innovation Council", "Örebro Science Park": a body named after its county
    r"\b[A-ZÅÄÖ][\wåäö]+\s+(?:Innovation\s+)?(?:Council|Agency|Science Park|Innovationsråd)\b|"
    r"\b[A-ZÅÄÖ][\wåäö]+s\s+Innovationsråd\b|"
    # an organisation named after its county ("Coompanion Örebro län erhåller ...", "Företagarna Västmanlands län"): a
    # capitalised name right before the county, which is no preposition or determiner ("I Örebro län", "Hela Örebro län")
    rf"\b(?!(?:{_NOT_A_NAME})\b)[A-ZÅÄÖ][\w&-]*\s+(?:{_COUNTY_NAMES})\s+läns?\b|"
    # a municipality named as an organisation ("Regionerna och Gotlands kommun" may apply); "i Gotlands
    # kommun" is a place
    r"\b[A-ZÅÄÖ][\wåäö]+\s+kommun\b",
)
# "från Region Örebro län" is the funder as a source (money, staff), not a place: "från" is not here
_PLACE_BEFORE = re.compile(r"\b(?:i|inom|för|hela|utanför|in|within|across|outside)\s+$", re.IGNORECASE)
# ... but "för" after the organisation's own governing documents or an assembly's decision ("Verksamhetsplan med budget 2023 för
# Region Örebro län", "som regionfullmäktige antog den 22 juni 2023 för Region Örebro län", "årsredovisning för Region Gävleborg"):
# the plan or accounts of the organisation, not a place
_ORG_DOCUMENT_FOR = re.compile(
    r"\b(?:verksamhetsplan\w*|verksamhetsberättelse\w*|årsredovisning\w*|delårsrapport\w*|bokslut\w*|budget\w*|reglemente\w*|"
    r"delegationsordning\w*|internkontrollplan\w*|antog|antogs|antagen|antagit|fastställde|fastställdes|fastställt|fastställd)\b"
    r"[^.;:!?]{0,100}?\bför\s+$",
    re.IGNORECASE,
)


def without_funder_names(text: str) -> str:
    """``text`` with region organisations named as actors blanked out (their spans kept, so
    positions hold); a name after a place word or on a line of its own is left as geography."""
    out = text
    for m in _ORG_NAME.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if _PLACE_BEFORE.search(text[max(0, m.start() - 12):m.start()]) and not _ORG_DOCUMENT_FOR.search(
                text[max(0, m.start() - 140):m.start()]):
            continue
        if re.fullmatch(r"[\s•*–-]*" + re.escape(m.group(0)) + r"[\s.,;]*", line):
            continue  # "Region Gotland" as a tag of its own
        out = out[:m.start()] + " " * (m.end() - m.start()) + out[m.end():]
    return out
