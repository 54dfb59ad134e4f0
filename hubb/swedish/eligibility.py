"""Who may apply, from the "Vem kan söka?" (or "Who can apply?") text of a call.

Public functions:

- ``parse_eligibility(text) -> Eligibility`` — applicant types (``hubb.vocab.Applicant``), the types
  the text rules out, the types that are only the target group, and head-count and company-age limits.
- ``parse_applicants(text) -> list[Applicant]`` — just the applicant types.
- ``parse_employees(text) -> tuple[int | None, int | None]`` — (employees_min, employees_max):
  "högst 49 anställda" → (None, 49), "färre än 250" → (None, 249), "fler än 250 anställda" → (251, None),
  "2-49 anställda" → (2, 49), "up to 249 employees" → (None, 249), "at least five employees" → (5, None).
- ``parse_company_age(text) -> tuple[int | None, int | None]`` — (company_age_min, company_age_max) in
  years: "högst 5 år gammalt" → (None, 5), "minst fem år" → (5, None), "registrerat för högst 3 år
  sedan" → (None, 3), "younger than 5 years" → (None, 5).

Rules the words follow (each seen on real call pages):

- Negation wins: "Stöd kan inte ges direkt till företag", "Företag kan inte söka", "Enskilda
  näringsidkare och privatpersoner kan inte ansöka" put those types in ``excluded``; a company-type
  exclusion of plain "företag" rules out every company type.
- Companies named as the target group ("Organisationer med små och medelstora företag som
  målgrupp", "Små och medelstora företag är slutlig målgrupp", "kompetenshöjning hos företag") are
  ``beneficiaries``, not applicants: many regional-fund calls are for business-support organisations.
- Head counts are whole people, so "färre än 250" is at most 249; ages are spans of time, so "yngre
  än fem år" is read as at most 5 years.
- Questions ("Mitt företag har mer än 49 anställda, kan jag söka?") state no limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hubb.swedish.dates import split_sentences
from hubb.vocab import COMPANY_APPLICANTS, Applicant

A = Applicant

# persons by a creative or inventive role: the kind of applicant a culture grant or a call for ideas names
_PERSON_ROLES = (r"\bkonstnär(?:er|erna|en|s)?\b|författare|kulturskapare|kulturarbetare|\bskådespelare\b|\bdansare\b|"
                 r"\bregissör(?:er|erna)?\b|\bkoreograf(?:er|erna)?\b|\bdancers?\b|\bchoreographers?\b|\bkreatör(?:er|erna|en)?\b|\bformgivare(?:n|na)?\b|"
                 r"\bdesigners?\b|\billustratör(?:er|erna)?\b|\bfotograf(?:er|erna)?\b|\bmusiker(?:n|na)?\b|"
                 r"\btonsättare\b|\bkompositör(?:er|erna)?\b|\bfilm(?:are|skapare)\b|\binnovatör(?:er|erna)?\b|"
                 r"\buppfinnare(?:n|na)?\b|\bfuturist(?:er|erna|s)?\b|\bcreators?\b|\bartists?\b|\bwriters?\b|"
                 r"\bmusicians?\b|\bcomposers?\b|\bphotographers?\b|\bfilm-?makers?\b|\billustrators?\b|"
                 r"\binnovators?\b|\binventors?\b")

# (pattern, applicant type or None). Earlier patterns claim their words first, so "små och medelstora
# företag" is an SME and not also a plain company; a None type claims words that name no type
# ("enskilda näringsidkare" is a sole trader: neither a plain company nor a private person here).
_PATTERNS: list[tuple[str, Applicant | None]] = [
    (r"enskilda? näringsidkare|sole traders?|sole proprietors?", None),
    # "en juridisk person, privat- eller offentligrättslig": any legal person, not a public body
    (r"privat(?:rättslig\w*)?-?\s*(?:eller|och)\s+offentligrättslig\w*|offentlig(?:rättslig\w*)?-?\s*(?:eller|och)\s+"
     r"privaträttslig\w*|private[- ]sector\s+(?:or|and)\s+public[- ]sector\s+(?:entities|organi[sz]ations|bodies|actors)|"
     r"public[- ]sector\s+(?:or|and)\s+private[- ]sector\s+(?:entities|organi[sz]ations|bodies|actors)", None),
    # a cooperative that runs a business is a company ("ekonomisk förening med aktiv näringsverksamhet"),
    # and so is a farm as a unit ("Lantbruk med minst 100 djurenheter", not "inom lantbruk")
    (r"ekonomisk\w* förening\w* med (?:aktiv\w* )?(?:närings|affärs)verksamhet\w*|"
     r"(?<!inom )\blantbruk(?:en)?\b(?=\s+(?:med|som)\b)|"
     # a trader is a company ("beviljas till näringsidkare med försäljningsställen"), and so is the one addressed by
     # what a business does ("kan sökas av dig som förädlar produkter", "du som tillverkar ...")
     r"\bnäringsidkare\w*|\b(?:dig|du|er|ni|you)\s+som\s+(?:\w+\s+)?(?:förädlar|producerar|tillverkar|säljer|odlar|"
     r"exporterar|importerar|bedriver\s+näringsverksamhet|levererar|föder\s+upp)\b", A.COMPANY),
    (r"aktörer som främjar \w+(?: och \w+)?|aktörer som (?:verkar|arbetar) för att (?:stärka|främja|utveckla|stödja)\b|"
     # promoting actors by what they promote ("främjandeaktörer inom besöksnäringen", "innovationsfrämjande aktörer")
     r"\b[a-zåäö]*främja(?:nde|r)aktör\w*|\b[a-zåäö]+främjande\s+(?:aktör|organisation)\w*|idea-(?:driven|based) (?:sector|organi[sz]ations?)|idéburen sektor|idéburna \w+|idéburen|företagsfrämja(?:nde(?: \w+)?|re\w*)|främjaraktör\w*|främjarsystem\w*|företagsorganisation\w*|stödaktör\w*|branschorganisation\w*|"
     r"samverkansorganisation\w*|klusterorganisation\w*|intresseorganisation\w*|business support organi[sz]ations?|"
     r"cluster organi[sz]ations?", A.NONPROFIT),
    (r"forskningsinstitut\w*|research institutes?|forskningscent(?:er|ra|rum|ret|rat|ren|rer)\b|research cent(?:re|er)s?\b|research organi[sz]ations?|forskningsorganisation\w*|"
     r"\binstitut(?:et|en)?\b|\brise\b", A.RESEARCH_INSTITUTE),
    # "nya företag" are start-ups, but "befintliga och nya företag" are any company
    (r"nystarta(?:de|t|d)(?: \w+)? (?:företag|bolag|aktiebolag)|nystartade|start[- ]?ups?|uppstartsföretag|unga (?:innovativa )?företag|"
     r"(?<!och )(?<!eller )(?<!and )(?<!or )\bnya (?:små )?(?:företag|bolag)(?![\wåäö])|"
     r"young (?:innovative )?(?:companies|enterprises|firms)|"
     r"newly[- ](?:started|founded|established|formed)\s+(?:[a-z]+\s+){0,2}(?:companies|company|enterprises?|firms?|businesses)",
     A.STARTUP),
    (r"små\s*-?\s*(?:och|eller) medelstora (?:[a-zåäö]+ ){0,2}[a-zåäö]*(?:företag|bolag)(?![\wåäö])|"
     r"\blit(?:et|en) (?:eller medelstort )?(?:företag|bolag)(?![\wåäö])|\bmedelstor[at]? (?:[a-zåäö]+ )?(?:företag|bolag)(?![\wåäö])|"
     r"\bsmf\b|\bsmes?\b|small and medium[- ]sized (?:[a-z]+ ){0,2}(?:enterprises|companies|businesses|firms)|"
     r"small (?:companies|enterprises|businesses|firms)|småföretag\w*|mindre företag(?![\wåäö])|"
     r"mikroföretag\w*|micro[- ]enterprises?|\bsmå(?:,)? (?:\w+ )?(?:företag|bolag|industriföretag|"
     r"verkstadsföretag|företagare)(?![\wåäö])", A.SME),
    (r"(?<![\wåäö])stor[at] företag(?![\wåäö])|storföretag\w*|större (?:privata )?företag(?![\wåäö])|"
     r"large (?:companies|enterprises|firms)", A.LARGE_COMPANY),
    # a research performer ("forskningsutförare") is a university or an institute: both kinds (_types_in)
    (r"forskningsutförar\w*|universitet\w*|högskol\w*|lärosäte\w*|\bakademi(?:n)?\b|universit(?:y|ies)|higher education|"
     r"\bacademia\b|\bacademic\b|\bcolleges?\b", A.ACADEMIA),
    # "kommunala bolag och förvaltningar", "ett kommunalförbund", "kommunägda bolag": public bodies, though "bolag"
    (r"\bassociations?\s+of\s+(?:municipalities|local\s+authorities|regions|counties)\b|"
     r"\b(?:kommunal[at]?|kommunägd[at]?|statlig[at]?|statsägd[at]?|regionägd[at]?)\s+(?:bolag\w*|aktiebolag\w*|"
     r"företag\w*|förvaltning\w*|verksamhet\w*|stiftelse\w*)|kommunalförbund\w*|"
     r"regionalt utvecklingsansvarig\w*|regionala utvecklingsansvariga|\b(?:det\s+)?regionala\s+utvecklingsansvaret\b|regionförbund\w*|\bkommun(?:er|en|erna)?\b|"
     r"\bregion(?:er|erna|en)?\b|(?<![\wåäö])myndighet\w*|offentlig\w*|landsting\w*|länsstyrelse\w*|\bstatliga?\b|"
     r"energikontor\w*|\b(?:local|national|municipal|county|state)\s+authorit\w+|public (?:sector|authorit\w+|bod(?:y|ies)|organi[sz]ations?|actors?)|municipalit\w+|"
     r"government agenc\w+|regional authorit\w+", A.PUBLIC_SECTOR),
    (r"ideell\w* (?:sektor|organisation|förening)\w*|föreningar\w*|"
     # civil-society organisations by their field ("ungdomsorganisationer", "sociala stödorganisationer")
     r"\b(?:ungdoms|idrotts|frivillig|pensionärs|funktionshinder|hembygds|student|stöd|kvinno|invandrar|turism|"
     r"besöksnärings|kultur|miljö|natur|fritids|handikapp|nykterhets|patient|brukar|arbetsgivar|arbetstagar|"
     r"företagar|närings(?:livs)?|medlems|paraply)organisation\w*|\bförening(?:en)?\b|civilsamhäll\w*|studieförbund\w*|intermediär\w*|intermediar(?:y|ies)\b|stiftelse\w*|non-?profit\w*|\bngos?\b|"
     r"associations?\b|civil society|foundations?\b|trossamfund\w*|folkbildning\w*|inkubator\w*|"
     r"\borganisationer(?:na)?\b|\borgani[sz]ations\b", A.NONPROFIT),
    (r"privatperson\w*|enskilda personer|enskild person|\bindivider\b|\bindividuals\b|private individuals?|natural persons?|"
     r"you as a person|dig som person|"
     # persons named by a creative or inventive role ("konstnärer, formgivare och kreatörer", "creators, artists,
     # designers"); not the adjective ("konstnärliga projekt", "ett konstnärligt uttryck")
     + _PERSON_ROLES, A.INDIVIDUAL),
    (# "\b" first: from inside a long word a bare "[a-zåäö]*" would rescan the rest of the word at every
     # letter (quadratic; 3 s on one 20,000-letter token)
     r"aktiebolag\w*|\bbolag(?:et|en)?\b|\b[a-zåäö]*företag(?:et|en|are)?(?![\wåäö])|\bcompan(?:y|ies)\b|"
     r"\benterprises?\b|\bbusinesses\b|\bfirms?\b|"
     # "from the public sector, business, research organisations": business as the sector of companies
     # (not "business model", "business support", "business plan")
     r"\bbusiness\b(?![\s-]+(?:models?|plans?|ideas?|development|cases?|support|concepts?|opportunit\w+|angels?|"
     r"days?|hours?|travel|activit\w+|driven|relationships?|collaborations?|environment|climate|world|sectors? support|as usual|advis\w+|coach\w*)\b)|näringsliv(?:et)?\b|privata juridiska personer|"
     r"limited compan(?:y|ies)|\bprivata\s+aktörer\b|\bprivate[- ](?:sector\s+)?actors\b", A.COMPANY),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), t) for p, t in _PATTERNS]
_ORG_KINDS = {A.PUBLIC_SECTOR, A.NONPROFIT, A.RESEARCH_INSTITUTE}
_GENERIC_ORG = re.compile(r"^(?:organisationer(?:na)?|organi[sz]ations)$", re.IGNORECASE)
# what makes plain "organisationer" the business-support or civil-society kind: a purpose or field
# after it ("som arbetar med", "som erbjuder", "med små och medelstora företag som målgrupp", "inom
# den sociala ekonomin"); not applying, having or getting, which any organisation does
_ORG_WITH_PURPOSE = re.compile(
    r"\s+(?:(?:som|that|which|who)\s+(?!(?:söker|ansöker|kan|får|fick|fått|har|hade|ingår|är|deltar|uppfyller|apply|applies|can|"
    r"have|has|are|is|receive|received|get|meet|meets)\b)[\wåäö]+|med\b(?!\s+(?:olika|en|ett|flera|högst|minst|max\w*|upp)\b)|inom\b|with\s+(?!economic|financial)\w+|working\b)",
    re.IGNORECASE,
)

_NEGATION = re.compile(
    r"\b(?:kan|får|ska|kommer)\s+(?:\w+\s+){0,2}(?:inte|ej|icke)\b|\binte\s+(?:\w+\s+){0,2}(?:söka|ansöka|sökande|"
    r"beviljas|stödberättigade?)\b|\bej\s+stödberättigade?|\bundantag\w*|\bexkluder\w*|\butesluten?\b|"
    r"\baldrig\b|\binte heller\b|\b(?:ger|ges|lämnas|lämnar|beviljas|beviljar|lånar|delar|delas)\s+(?:\w+\s+)?(?:inte|ej)\b|\bgår\s+(?:inte|ej)\s+att\s+(?:an)?söka|\bnever\b|\bcannot\b|\bcan ?not\b|\bmay not\b|\bnot eligible\b|"
    # ... not a state not reached yet: "even if the company is not yet registered"
    r"\bare not\b(?!\s+yet\b)|\bis not\b(?!\s+yet\b)|\bineligible\b|\bexcluded\b",
    re.IGNORECASE,
)
_LIMIT = re.compile(
    r"\b(?:inte|ej|not)\s+(?:\w+\s+){0,2}(?:fler|mer|över|äldre|yngre|mindre|more|older|younger|less)\b|"
    # a condition the applicant must meet, not a refusal: "the company may not have distributed profits", "Net turnover
    # may not exceed SEK 10 million", "Företaget får inte ha skulder"
    r"\b(?:may|must|shall|should|får|ska|skall|måste)\s+(?:not|inte|ej)\s+(?:have|ha|exceed|överstiga|överskrida)\b",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"målgrupp\w*|slutlig\w* mottagare|\bnytta för\b|target group|end beneficiar\w+|final beneficiar\w+|"
    r"\bbenefit\w*\b|"
    # companies that benefit from what is done: "kommer att innebära att företag gynnas"
    r"\bgynna(?:s|r|t|d|de|des|ts)?\b|\bgagna(?:s|r|t|d|de|des)?\b",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^()]*\)")
_OFFER_TARGET = re.compile(r"\bmålgrupp(?:en)?\s+för\s+(?:stödet|bidraget|checken|checkarna|lånet|utlysningen|erbjudandet|"
                           r"programmet|satsningen)\s+är\b|\btarget group (?:of|for) the (?:grant|call|funding)\s+(?:is|are)\b",
                           re.IGNORECASE)
_CONDITION_AFTER = re.compile(r"\b(?:om|ifall|if|only\s+if|provided\s+that|förutsatt\s+att|under\s+förutsättning\s+att)\s+"
                              r"(?!stöd\w*\b|bidrag\w*|medel\b|finansiering\b|lån\w*|checken\b|checkar\b|support\b|funding\b|"
                              r"grants?\b|aid\b)", re.IGNORECASE)
_EXCEPT = re.compile(r"\b(?:utom|except|excluding|with the exception of)\b", re.IGNORECASE)
_NOT_A = re.compile(r"\b(?:kan|får|ska|skall|bör)\s+(?:inte|ej)\s+vara\s+(?:ett|en)\b|\bär\s+(?:inte|ej)\s+(?:ett|en)\b",
                    re.IGNORECASE)
# a definition names no applicant: "Företag som ingår i koncern ses som ett företag"
_DEFINITION = re.compile(r"\b(?:ses|räknas|betraktas|anses|definieras|klassificeras|klassas)\s+som\b|"
                         # ... with the subject after the verb: "I denna utlysning räknas den som söker bidraget som en
                         # intermediär", "Här betraktas företaget som en sökande"
                         r"\b(?:ses|räknas|betraktas|anses|definieras|klassificeras|klassas)\s+(?:den|det|de|man|[\wåäö]+(?:en|et|na))\s+"
                         r"(?:som\s+(?:[\wåäö]+\s+){1,3}?)?som\s+(?:en|ett)\b|\bis (?:regarded|considered|defined) as\b|"
                         r"\b(?:is|are)\s+(?:regarded|considered|deemed)\s+(?:an?|to\s+be)\b",
                         re.IGNORECASE)
# inside parentheses a bare "not" refuses: "(dock inte av privatpersoner)", "(utom bostadsrättsföreningar)"
_PAREN_NEGATION = re.compile(r"\b(?:inte|ej|icke|utom|förutom|undantag\w*|not|except\w*)\b", re.IGNORECASE)
# a municipality or region as the place something is in: "i en kommun", "inom kommunerna", "utanför regionen"
# ... also counted or of a county: "medlemmar i minst fyra av Örebro läns kommuner", "i minst tre kommuner"
_PLACE_BEFORE = re.compile(r"\b(?:i|inom|utanför|in|within)\s+(?:en|ett|den|de|alla|flera|samtliga|någon|annan|the|a|all)?\s*$|"
                           r"\b(?:i|inom|in|within)\s+(?:minst|högst|at least)?\s*(?:\d+|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s+"
                           r"(?:av\s+(?:[A-ZÅÄÖ][\wåäö]*\s+)?[\wåäö]+s\s+)?$",
                           re.IGNORECASE)
# the opening of a condition: "endast om kommunen har ...", "provided that the municipality ..."
_CONDITION_BEFORE = re.compile(r"\b(?:om|ifall|förutsatt\s+att|under\s+förutsättning\s+att|if|provided\s+that|unless|"
                               r"såvida)\s+(?:inte\s+)?$", re.IGNORECASE)
# what joins the items of one list: "industriföretag och industrinära tjänsteföretag", "små, medelstora eller stora företag"
_COORDINATED = re.compile(r"\s*(?:[,/&]\s*)*(?:(?:och/eller|and/or|och|eller|samt|and|or)\s+)?(?:[\wåäö-]+\s+){0,2}",
                          re.IGNORECASE)
_CAN_APPLY = re.compile(r"kan söka|kan ansöka|får söka|sökande|can apply|may apply|eligible", re.IGNORECASE)
# companies as the object of someone else's work: "stöd till företag", "hos företag", "med ... företag som"
_BENEFICIARY_BEFORE = re.compile(
    # ... and the company measured: "beroende på ... storlek på företaget"
    r"(?:\b(?:hos|(?<!tillsammans )med|bland|åt|inom|i)\b|\bförutsättningar(?:na)?\s+för\b|"
    r"\b(?:storlek\w*|size|typ|type)\s+(?:på|av|of)\b|"
    # ... and whose capacity or ability is to grow: "stödja kapaciteten för små och medelstora företag att satsa på tillväxt"
    r"\b(?:kapacitet(?:en)?|förmåga(?:n)?|capacity|ability)\s+(?:för|hos|of|for)\b|\b(?:stöd|stödet|bidrag|insatser|nytta|tjänster|projekt|stötta|"
    r"stödja|gynna|främja|hjälpa|support|supporting|help|helping|benefit|nå\s+ut|når\s+ut|reach(?:es)?\s+out)\s+(?:direkt\s+)?"
    r"(?:till|för|to|for)\b|"
    # an organisation that supports companies: "branschorganisationer som stöttar eller vill stötta små och medelstora företag"
    r"\b(?:som|that|which|who)\s+(?:\w+\s+){0,3}(?:stöttar|stötta|stödjer|stödja|hjälper|hjälpa|supports?|helps?|assists?|erbjuder|erbjuda|ger|"
    r"offers?|provides?|gives?)\s*$|"
    # E: companies helped as the direct object: "söka stöd för att hjälpa krisdrabbade besöksnäringsföretag"
    r"\bför\s+att\s+(?:hjälpa|stötta|stödja|gynna|stärka|främja)\b|\bto\s+(?:help|support|assist|strengthen)\b|"
    # companies developed, or brought together by the applicant: "urval och utveckling av affärsidéer och företag", "create
    # contacts between startup companies and ...", "experience in bringing startup companies and ... together",
    # "innovation cooperation with new, innovative companies"
    r"\b(?:utveckling|utvecklingen|utvecklandet|development)\s+(?:av|of)\b|"
    r"\b(?:contacts?|kontakter|matchmaking|matchning|bringing|bring|sammanföra|föra\s+samman)\s+(?:(?:between|mellan)\b)?|"
    r"\b(?:cooperation|collaborations?|co-operation|partnerships?)\s+(?:with|between)\b|"
    # an outcome for companies: "projekt som ska leda till att små och medelstora företag bygger kapacitet"
    r"\b(?:leda|leder|ledde|bidra|bidrar|bidrog)\s+till\s+att\b|"
    # what a project gives companies: "projekt som ger företag och andra aktörer bättre förutsättningar"
    r"\b(?:projekt\w*|insatser\w*|aktiviteter\w*|satsningar\w*|projects?|activities)\s+(?:som|that|which)\s+(?:ska\s+|kan\s+)?"
    r"(?:ger|ge|erbjuder|gives?|offers?)\s*$)"
    r"\s*(?:\w+,?\s+){0,2}$",
    re.IGNORECASE,
)

# a sentence that opens by naming the offer and whom it is for: "Stöd till stora företag får endast
# beviljas om ...", "Bidrag till ungdomsorganisationer som ..." (not "Stöd ges inte till", which has a verb)
_OFFER_HEAD = re.compile(
    # compounds too: "Projektstöd till företag som ...", "Investeringsbidrag till ..."
    r"^\W*(?:\w+\s+)?[\wåäö]*(?:stöd|stödet|bidrag|bidraget|lån|lånet|support|grants?|funding|loans?)\s+(?:direkt\s+)?"
    r"(?:till|för|to|for)\s+(?:[\wåäö-]+\s+){0,3}$",
    re.IGNORECASE,
)

# ... unless the sentence names who applies for it: "Stöd till företag kan sökas av kommuner"
_APPLIED_BY = re.compile(r"\b(?:sökas|söks|ansökas|ansöks|sökes)\s+av\b|\bapplied for by\b", re.IGNORECASE)

_NUM_WORDS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
              "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "femton": 15, "tjugo": 20, "one": 1, "two": 2,
              "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
              "twelve": 12, "fifteen": 15, "twenty": 20}
# a count: "249", "1 000" (thousands grouped by a space; a bounded form, so a run of digits and
# spaces cannot make the pattern backtrack), or a number word; "\b" first, so a long run of digits is
# tried from its start only (from every digit it was quadratic: 50 s on 20,000 digits)
# (at most four groups: no head count is larger, and a run of "250 250 250 …" must not be tried
# group by group from every digit: 3.6 s on 5 000 characters)
_N = r"\b(\d{1,3}(?:[ \u00a0]\d{3}){1,3}(?!\d)|\d+|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
# ... with the kind of employment first: "heltidsanställda", "årsanställda", "fast anställda", "tillsvidareanställda"
# ... also counted in pieces: "max 49 st anställda"
_STAFF = r"(?:st\.?\s+)?(?:(?:heltids|deltids|tillsvidare|års)|fast\s+)?(?:anställda|anställd|sysselsatta|sysselsatt|medarbetare|employees|" \
         r"årsarbetskrafter|årsverken|heltidstjänster|heltidsekvivalenter|full-time (?:employees|equivalents)|staff|personer)"


@dataclass
class Eligibility:
    """What a "Vem kan söka?" text says. Types are in ``hubb.vocab.Applicant`` order."""

    applicants: list[Applicant] = field(default_factory=list)
    excluded: list[Applicant] = field(default_factory=list)
    beneficiaries: list[Applicant] = field(default_factory=list)
    employees_min: int | None = None
    employees_max: int | None = None
    company_age_min: int | None = None
    company_age_max: int | None = None

    @property
    def companies_can_apply(self) -> bool:
        return any(a in COMPANY_APPLICANTS for a in self.applicants)

    @property
    def organisations_only(self) -> bool:
        """Companies are the target group or ruled out, and only organisations may apply."""
        return bool(self.applicants) and not self.companies_can_apply and (
            any(a in COMPANY_APPLICANTS for a in self.excluded + self.beneficiaries)
        )


def _num(text: str) -> int | None:
    text = text.strip().lower()
    if text in _NUM_WORDS:
        return _NUM_WORDS[text]
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else None


def _clauses(text: str) -> list[str]:
    """Sentences split further at "men"/"but"/";" so a negation stays in its own clause."""
    result: list[str] = []
    for sentence in split_sentences(text or ""):
        result.extend(p.strip() for p in re.split(r";|\s+men\s+|,\s*but\s+|\s+but\s+", sentence) if p.strip())
    return result


# one organisation named, not a type of applicant: a proper name ("Region Örebro län", "Stiftelsen
# Activa", "Länsstyrelsen i Jämtlands län") or the funder as "the region", "the county board"
# ("Regionen gör utbetalningar", "länsstyrelsens beslut")
_ONE_ORGANISATION = re.compile(r"(?:region|regionen|länsstyrelsen|stiftelsen|föreningen|myndigheten)$", re.IGNORECASE)
_DEFINITE_FUNDER = re.compile(r"(?:regionen|regionens|länsstyrelsen|länsstyrelsens|myndigheten|myndighetens)$",
                              re.IGNORECASE)


_PUBLIC_MONEY = re.compile(r"\s+(?:medel|pengar|stöd|stödet|finansiering|medfinansiering|bidrag|resurser|anslag|"
                           r"funds?|funding|money)\b", re.IGNORECASE)


def _one_organisation(clause: str, m: re.Match) -> bool:
    word = m.group(0)
    if _DEFINITE_FUNDER.match(word):
        return True
    rest = re.sub(r"^\s+(?:och|eller|and|or)\s+[\wåäö]+", "", clause[m.end():])  # "offentliga och privata medel"
    if re.match(r"(?:statlig|offentlig)\w*$", word, re.IGNORECASE) and _PUBLIC_MONEY.match(rest):
        return True  # "fördelning av statliga medel": public money, not a public body applying
    return bool(word[:1].isupper() and _ONE_ORGANISATION.match(word)
                and re.match(r"\s+(?:i\s+)?[A-ZÅÄÖ]", clause[m.end():]))


def _types_in(clause: str) -> list[tuple[Applicant, re.Match]]:
    taken: list[tuple[int, int]] = []
    found: list[tuple[Applicant | None, re.Match]] = []
    for pattern, kind in _COMPILED:
        for m in pattern.finditer(clause):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((None if kind in _ORG_KINDS and _one_organisation(clause, m) else kind, m))
            if m.group(0).lower().startswith("forskningsutförar"):
                found.append((A.RESEARCH_INSTITUTE, m))
    kept = [(k, m) for k, m in found if k is not None and not _in_a_name(clause, k, m)]
    kept.sort(key=lambda km: km[1].start())
    # an abbreviation in parentheses restates the word before it: "små och medelstora företag (SMF)"
    return [(k, m) for i, (k, m) in enumerate(kept)
            if not (i and kept[i - 1][0] is k and re.fullmatch(r"\s*\(\s*", clause[kept[i - 1][1].end():m.start()]))]


def _in_a_name(clause: str, kind: Applicant, m: re.Match) -> bool:
    """A capitalised type word after another capitalised word inside the sentence is part of a
    programme's name: "after Innovative Startups step 1", "inom Innovativa Startups"."""
    word = m.group(0)
    return kind is A.STARTUP and word[:1].isupper() and m.start() > 0 and bool(
        re.search(r"(?<=\s)[A-ZÅÄÖ][\wåäö-]+\s+$", clause[:m.start()]))


# the target group of a project (not of the offer): "projektets målgrupp - deltagande kommuner och regioner"
_PROJECT_TARGET = re.compile(r"\b(?:projektets|projektens|insatsens|verksamhetens|the project's|the projects')\s+målgrupp\w*\b|"
                             r"\btarget groups? of the projects?\b", re.IGNORECASE)
# one organisation named as the one applying, as minutes report it: "Almi Företagspartner Mälardalen AB ansöker om 18
# procent ...", "Linköpings universitet ansöker om ..."
_NAMED_APPLICATION = re.compile(r"^\W*[A-ZÅÄÖ][\wåäö&.-]*(?:\s+(?:[A-ZÅÄÖ][\wåäö&.-]*|\([^()]*\)|universitet|högskola|kommun|"
                                r"län|AB))*\s+ansöker\s+(?:även\s+|också\s+)?om(?![a-zåäö])")


def parse_eligibility(text: str) -> Eligibility:
    """Read who may apply, who may not, and the size and age limits."""
    included: set[Applicant] = set()
    excluded: set[Applicant] = set()
    beneficiaries: set[Applicant] = set()
    carried: set[Applicant] = set()  # the types of the clause before
    for clause in _clauses(text):
        if clause.rstrip().endswith("?") and not re.match(
                r"^(?:vem|who|(?:har|driver|äger|är) (?:du|ni)|(?:do|are) you)\b", clause, re.IGNORECASE):
            continue  # an FAQ question states nothing
        if re.fullmatch(r"(?:vem|vilka(?: \w+)?) kan (?:söka|ansöka)(?: stöd)?\??|who can apply\??", clause.strip(),
                        re.IGNORECASE):
            continue  # the heading itself
        found = _types_in(clause)
        if not found:
            # "Företag deltar med egna insatser men kan inte söka": a refusal with its
            # subject elided refuses the types of the clause before it
            if carried and re.match(r"(?:kan|får|ska)\b", clause, re.IGNORECASE) and _NEGATION.search(clause):
                excluded |= carried
            carried = set()
            continue
        carried = {k for k, _ in found}
        # "får inte ha fler än 249 anställda" is a limit, not a refusal; a refusal in parentheses
        # ("i kommunerna Berg, Härjedalen (undantaget Ytterhogdals församling), Krokom") refuses
        # only what the parentheses name
        outside = _PARENS.sub(lambda p: " " * len(p.group(0)), clause)
        # ... and a negation inside a condition put after the types refuses nothing ("aid to large enterprises may only be
        # granted if the investment is in an activity which is not the same as before", "Företag kan söka om de inte har
        # skulder"); the condition's text is left out
        condition = _CONDITION_AFTER.search(outside, found[0][1].end())
        negative_outside = bool(_NEGATION.search(_LIMIT.sub(" ", outside[:condition.start()] if condition else outside)))
        parens = [(p.start(), p.end(), bool(_NEGATION.search(p.group(0)) or _PAREN_NEGATION.search(p.group(0))))
                  for p in _PARENS.finditer(clause)]
        # the target group of the grant itself is who may apply ("Målgruppen för stödet är ...
        # föreningar"); the target group of a service or of companies' support is not
        target = bool(_TARGET.search(clause)) and not _CAN_APPLY.search(clause) and not _OFFER_TARGET.search(clause)
        kinds = {k for k, _ in found}
        # "Företaget ... kan inte vara ett hobbyföretag": the refusal is of the predicate noun, a
        # sub-kind, not of the subject; the subject keeps its type
        predicate = _NOT_A.search(outside)
        # "Bidraget kan ges till alla utom privatpersoner": the types after "utom" are left out
        # (not refused as a kind: "företag utom jordbruksföretag" still lets companies apply)
        except_at = _EXCEPT.search(outside)
        last_beneficiary = -1  # where the last company word read as a target ends
        for kind, m in found:
            if except_at is not None and m.start() >= except_at.end():
                continue
            if predicate is not None:
                if m.start() >= predicate.end():
                    continue
                if not _NEGATION.search(_LIMIT.sub(" ", outside[:predicate.start()])):
                    included.add(kind)
                    continue
            inside = next((neg for a, b, neg in parens if a <= m.start() < b), None)
            if (negative_outside if inside is None else inside or negative_outside):
                excluded.add(kind)
                continue
            if kind is A.PUBLIC_SECTOR and _PLACE_BEFORE.search(clause[max(0, m.start() - 45):m.start()]) and \
                    re.match(r"(?:kommun|region|län)", m.group(0), re.IGNORECASE):
                continue  # "folkbokförd i en kommun i länet", "verksamma i kommunerna": a place, not an applicant
            if kind is A.PUBLIC_SECTOR and re.match(r"(?:kommunen|kommunerna|staten|myndigheten|länsstyrelsen|landstinget|"
                                                    r"the\s+(?:municipality|municipalities|authority|state))$", m.group(0),
                                                    re.IGNORECASE) and \
                    _CONDITION_BEFORE.search(clause[max(0, m.start() - 40):m.start()]):
                continue  # "Stöd får lämnas endast om kommunen har planerat ...": the authority a condition is put on
            if re.search(r"\bägs|\bägas|\bägd\w*|\bowned\b", clause[max(0, m.start() - 60):m.start()], re.IGNORECASE) and \
                    re.search(r"\b(?:av|by)\s+(?:\w+\s+){0,2}$", clause[max(0, m.start() - 30):m.start()], re.IGNORECASE):
                continue  # "ägas till högst 25 % av ett större företag": an owner, not an applicant
            if re.search(r"(?<!är )(?<!blir )(?<!are )\b(?:ägare|ägarna|delägare|delägarna|owners?)\s+(?:till|i|av|of)\s+"
                         r"(?:[\wåäö]+\s+)?$", clause[max(0, m.start() - 40):m.start()], re.IGNORECASE):
                # "begränsade säkerheter för ägare till aktiebolag": the owners are meant, not the company (but "du som
                # är ägare till ett aktiebolag kan söka" says who applies)
                continue
            if re.search(r"\b(?:drivs|bedrivs|is run|is operated)\s+(?:i\s+formen(?:\s+av)?|i\s+form\s+av|som|as)\s+"
                         r"(?:en\s+|ett\s+|an?\s+)?(?:[\wåäö]+\s+)?$", clause[max(0, m.start() - 50):m.start()], re.IGNORECASE) \
                    and not re.search(r"\b(?:ska|skall|måste|bör|must|should)\b", clause[:m.start()], re.IGNORECASE):
                continue  # "Organisationen, som drivs i formen ekonomisk förening, ...": one organisation's legal form described
            if re.search(r"\bhos\s+(?:[\wåäö-]+[\s/]+){0,2}$", clause[max(0, m.start() - 40):m.start()], re.IGNORECASE):
                continue  # "Du ansöker hos länsstyrelsen", "intervjuer hos företag": a place, not an applicant
            if re.match(r"\s+(?:\w+\s+){0,5}?(?:as|som)\s+(?:an?\s+|en\s+)?(?:co-?)?(?:financiers?|finansiär\w*|medfinansiär\w*)\b",
                        clause[m.end():], re.IGNORECASE):
                continue  # "if a public organization wants to step in as a financier": a financier, not an applicant
            if kind in COMPANY_APPLICANTS and re.match(r"['´’]s\b", clause[m.end():]) and \
                    clause[:m.start()].strip().lower() not in ("", "the", "your", "a", "an", "each", "every"):
                continue  # "a project that strengthens the company's competitiveness": the company's attribute
            if _PROJECT_TARGET.search(clause[max(0, m.start() - 50):m.start()]):
                continue  # "stötta projektets målgrupp - deltagande kommuner": whom a project serves
            if kind is A.COMPANY and re.match(r"näringsliv", m.group(0), re.IGNORECASE) and re.search(
                    r"\b(?:sitt|sina|deras|dess|vårt|ert|its|their|our)\s+(?:[\wåäö]+\s+)?$",
                    clause[max(0, m.start() - 30):m.start()], re.IGNORECASE):
                continue  # "så att de kan utveckla sitt näringsliv": the applicants' own business community
            if re.search(r"\b(?:procent|%|andel\w*|hälften|tredjedel\w*|percent|per\s+cent|share|half|third)\s+(?:av|of)\s+"
                         r"(?:the\s+|alla\s+|all\s+|de\s+)?(?:[\wåäö-]+\s+)?$", clause[max(0, m.start() - 40):m.start()],
                         re.IGNORECASE):
                continue  # "i cirka sju procent av alla bolag som vi bedömer": a share of companies counted
            if kind is A.COMPANY and re.match(r"business\b", m.group(0), re.IGNORECASE) and re.search(
                    r"\b(?:its|their|his|her)\s+(?:own\s+)?$", clause[max(0, m.start() - 20):m.start()], re.IGNORECASE):
                continue  # "startups with the willingness to scale up their business": their operations, not a company type
            if kind in COMPANY_APPLICANTS:
                before = clause[max(0, m.start() - 40):m.start()]
                if _OFFER_HEAD.match(clause[:m.start()]) and not _APPLIED_BY.search(clause):
                    pass  # "Stöd till små företag på landsbygden ...": the offer's own applicants
                elif re.search(r"\b(?:sökande|ansökande|deltagande|applicant|applying|participating)\s+$", before, re.IGNORECASE):
                    pass  # "den kommersiella utvecklingen av sökande företag": the applying company, whatever the words before
                elif re.search(r"check(?:en|ar|arna)?\s+(?:för|till)\s+$", before, re.IGNORECASE):
                    pass  # "Insatsen med omställningscheckar för företag ...": a check goes to the one it is for
                elif target or _BENEFICIARY_BEFORE.search(before) or (
                        last_beneficiary >= 0 and _COORDINATED.fullmatch(clause[last_beneficiary:m.start()])):
                    # ... and what is listed with a target: "konkurrenskraften i industriföretag och industrinära
                    # tjänsteföretag"
                    beneficiaries.add(kind)
                    last_beneficiary = m.end()
                    continue
            rest = clause[m.end():]
            # "Organisationer med (huvudsakligen) små och medelstora företag som målgrupp samt högskola": a field of
            # its own after "med"/"inom" says which organisations, beside the other list item
            own_field = bool(re.match(r"\s+(?:med|inom)\b", rest, re.IGNORECASE) and _ORG_WITH_PURPOSE.match(rest))
            if kind is A.NONPROFIT and _GENERIC_ORG.match(m.group(0)) and kinds - {A.NONPROFIT} - COMPANY_APPLICANTS \
                    and not own_field:
                # "de organisationer som är regionalt utvecklingsansvariga": the other word says which
                continue
            if kind is A.NONPROFIT and _GENERIC_ORG.match(m.group(0)) and not _ORG_WITH_PURPOSE.match(clause[m.end():]):
                # "flera organisationer som söker stöd", "bara finansiering till organisationer": any
                # organisation, not a nonprofit; "organisationer som arbetar med företagsrådgivning" is one
                continue
            included.add(kind)
    if A.COMPANY in excluded:
        excluded |= COMPANY_APPLICANTS
    included -= excluded
    beneficiaries -= included
    emp_min, emp_max = parse_employees(text)
    age_min, age_max = parse_company_age(text)
    # "Aktiebolag med upp till 249 anställda" are SMEs; "företag yngre än fem år" are start-ups
    if A.COMPANY in included and emp_max is not None and emp_max <= 249:
        included.discard(A.COMPANY)
        included.add(A.SME)
    if A.COMPANY in included and age_max is not None and age_max <= 7:
        included.discard(A.COMPANY)
        included.add(A.STARTUP)
    order = list(Applicant)
    return Eligibility(
        applicants=sorted(included, key=order.index),
        excluded=sorted(excluded, key=order.index),
        beneficiaries=sorted(beneficiaries, key=order.index),
        employees_min=emp_min,
        employees_max=emp_max,
        company_age_min=age_min,
        company_age_max=age_max,
    )


def parse_applicants(text: str) -> list[Applicant]:
    return parse_eligibility(text).applicants


# --- head counts ----------------------------------------------------------------------------------

_EMP_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"(?:mellan\s+|between\s+)?{_N}\s*(?:-|–|till|och|to|and)\s*{_N}\s+{_STAFF}", re.I), "range"),
    # "fler än 5 men färre än 50 anställda": both limits exclusive
    (re.compile(rf"(?:fler än|mer än|över|more than|over)\s+{_N}\s*(?:,|och|and|men|but)?\s*(?:färre än|mindre än|under|fewer than|"
                rf"less than)\s+{_N}\s+{_STAFF}", re.I), "between"),
    # "minst 3 och max 249 anställda": both limits around one staff word
    (re.compile(rf"(?:minst|lägst|at least|min\.?|minimum)\s+{_N}\s*(?:och|and|,|men|but)\s*(?:max(?:imalt|imum)?|högst|at most|upp till|up to)\s+"
                rf"{_N}\s+{_STAFF}", re.I), "range"),
    # ... also with the count further on: "Företaget ska inte ha en personalstyrka på fler än 10 anställda"
    (re.compile(rf"(?:inte|ej|not)\s+(?:[\wåäö/-]+\s+){{0,6}}?(?:fler än|mer än|över|more than|over)\s+{_N}\s+{_STAFF}", re.I),
     "max"),
    # ... and a negated "fewer than" is a floor: "Företaget får inte ha färre än 3 anställda"
    (re.compile(rf"(?:inte|ej|not)\s+(?:[\wåäö/-]+\s+){{0,6}}?(?:färre än|mindre än|under|fewer than|less than)\s+{_N}\s+{_STAFF}",
                re.I), "min"),
    (re.compile(rf"(?:högst|max(?:imalt|imum)?\.?|upp till|up to|at most|no more than|som mest|maximum of)\s+{_N}\s+"
                rf"{_STAFF}", re.I), "max"),
    (re.compile(rf"(?:färre än|mindre än|under|fewer than|less than)\s+{_N}\s+{_STAFF}", re.I), "below"),
    (re.compile(rf"(?:minst|at least|lägst|minimum|min\.|minimum of)\s+{_N}\s+{_STAFF}", re.I), "min"),
    # "10+ anställda"
    (re.compile(rf"{_N}\s*\+\s*{_STAFF}", re.I), "min"),
    (re.compile(rf"(?:fler än|mer än|över|more than|over)\s+{_N}\s+{_STAFF}", re.I), "above"),
    # "Antal anställda ska högst vara 249 personer": the staff word first, the limit after
    (re.compile(rf"(?:anställda|employees)\s+(?:\w+\s+){{0,2}}(?:högst|max(?:imalt)?|som mest|at most)\s+(?:vara\s+|uppgå till\s+|be\s+)?"
                rf"{_N}(?!\s*(?:år|years|procent|%|kr|miljon))", re.I), "max"),
    # ... "Antalet anställda ska vara minst 5", "The number of employees must not exceed 49", "får inte understiga 3"
    (re.compile(rf"(?:anställda|employees)\s+(?:\w+\s+){{0,2}}(?:minst|at least)\s+(?:vara\s+|uppgå till\s+|be\s+)?"
                rf"{_N}(?!\s*(?:år|years|procent|%|kr|miljon))", re.I), "min"),
    (re.compile(rf"(?:anställda|employees)\s+(?:\w+\s+){{0,2}}(?:inte|ej|not)\s+(?:överstiga|överskrida|exceed)\s+"
                rf"{_N}(?!\s*(?:år|years|procent|%|kr|miljon))", re.I), "max"),
    (re.compile(rf"(?:anställda|employees)\s+(?:\w+\s+){{0,2}}(?:inte|ej|not)\s+(?:understiga|be\s+(?:fewer|less)\s+than)\s+"
                rf"{_N}(?!\s*(?:år|years|procent|%|kr|miljon))", re.I), "min"),
    (re.compile(rf"{_N}\s+{_STAFF}\s+(?:eller fler|eller mer|or more)", re.I), "min"),
    (re.compile(rf"{_N}\s+{_STAFF}\s+(?:eller färre|eller mindre|or fewer|or less)", re.I), "max"),
    # ... or around the staff word's number: "5 eller fler anställda", "10 or fewer employees"
    (re.compile(rf"{_N}\s+(?:eller fler|eller mer|or more)\s+{_STAFF}", re.I), "min"),
    (re.compile(rf"{_N}\s+(?:eller färre|eller mindre|or fewer|or less)\s+{_STAFF}", re.I), "max"),
    # "färre än 250" without a unit, where the sentence is about staff
    (re.compile(rf"(?:färre än|fewer than)\s+{_N}(?!\s*(?:år|years|procent|%|kr|miljon))", re.I), "below"),
]


# the head count of a group the company is part of is not the company's own: "ingå i en grupp/koncern med fler än 250
# anställda", "part of a group with more than 250 employees"
_GROUP_COUNT = re.compile(r"\b(?:koncern\w*|grupp(?:en)?|group)\s+(?:med|with|som\s+har|that\s+has)\s+(?:totalt\s+|sammanlagt\s+|"
                          r"in\s+total\s+)?(?:fler än|mer än|över|more than|over|färre än|mindre än|under|fewer than|less than|"
                          r"högst|max\w*|upp till|up to|minst|at least)?\s*$", re.I)


_ANY_STAFF = re.compile(r"anställ|sysselsatt|medarbetar|employ|årsarbetskraft|årsverk|heltidstjänst|heltidsekvivalent|full-time|"
                        r"staff|personer|personal", re.IGNORECASE)
# the unit-less "färre än 250" (the last of _EMP_RULES) needs one of these narrower staff words anywhere in the sentence
_STAFF_PROPER = re.compile(r"anställ|medarbetar|employ|staff|personal", re.IGNORECASE)


def parse_employees(text: str) -> tuple[int | None, int | None]:
    """(employees_min, employees_max) stated by ``text``; the first statement of each wins."""
    lo = hi = None
    for sentence in split_sentences(text or ""):
        if sentence.rstrip().endswith("?") and not re.match(
                r"\W*(?:(?:har|driver|äger|är) (?:du|ni)|(?:are|do) you)\b", sentence, re.IGNORECASE):
            # a question states no limit, except one put to the applicant ("Are you a limited company
            # with up to 249 employees ...?")
            continue
        if not _ANY_STAFF.search(sentence):
            continue  # every rule needs a staff word (the last one a word of staff anywhere in the sentence)
        taken: list[tuple[int, int]] = []
        for pattern, rule in _EMP_RULES:
            for m in pattern.finditer(sentence):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                if rule == "below" and m.re is _EMP_RULES[-1][0] and not _STAFF_PROPER.search(sentence):
                    continue
                taken.append((m.start(), m.end()))
                if _GROUP_COUNT.search(sentence[max(0, m.start(1) - 60):m.start(1)]):
                    continue  # "ska inte ingå i en koncern med fler än 250 anställda": the group's head count
                if rule == "between":
                    a, b = _num(m.group(1)), _num(m.group(2))
                    if a is not None and b is not None and a + 1 <= b - 1:
                        lo = lo if lo is not None else a + 1
                        hi = hi if hi is not None else b - 1
                    continue
                if rule == "range":
                    a, b = _num(m.group(1)), _num(m.group(2))
                    if a is not None and b is not None and a < b:
                        lo = lo if lo is not None else a
                        hi = hi if hi is not None else b
                    continue
                n = _num(m.group(1))
                if n is None:
                    continue
                if rule == "max" and hi is None:
                    hi = n
                elif rule == "below" and hi is None and n > 0:
                    # "färre än 0" states no head count a company can have
                    hi = n - 1
                elif rule == "min" and lo is None:
                    lo = n
                elif rule == "above" and lo is None:
                    lo = n + 1
    return lo, hi


# --- company age ------------------------------------------------------------------------------------

_YEARS = r"(?:år|years?)"
# ... or months, a whole number of years ("verksamt i minst 12 månader", "funnits i max 36 månader")
_SPAN = r"(år|years?|månader|months?)"
_AGE_CONTEXT = re.compile(
    r"gammal\w*|gamla|funnits|registrera\w*|grundad\w*|grundat|startad\w*|startat|bildad\w*|bildat|"
    # ... "verksam", "verksamhet", not a compound about operations ("verksamhetsanslag", "verksamhetsplan")
    r"verksam(?!hets)\w*|"
    r"etablerad\w*|nystartad\w*|yngre|äldre|ålder|\bold\b|registered|founded|established|existed|incorporated|"
    r"younger|older|\bage\b|in operation|been trading|"
    # "operating for at least two years", "has been active for", "in business for"
    r"(?:been\s+)?(?:operating|operated|active|in\s+business)\s+for\b|\bvarit\s+aktiv\w*",
    re.IGNORECASE,
)
# a state held over a span, not an event inside it: "funnits de senaste 3 åren" is at least 3 years old, "registrerat de
# senaste 3 åren" at most 3
_EXISTED = re.compile(r"\b(?:funnits|varit\s+verksam\w*|bedrivit|drivits|existed|been\s+(?:operating|active|trading|in\s+business)|"
                      r"operated)\b", re.IGNORECASE)
_AGE_RULES: list[tuple[re.Pattern, str]] = [
    # both limits: "mellan 2 och 10 år gammalt", "between 3 and 7 years old", "2–10 år"
    (re.compile(rf"(?:(?:mellan|between)\s+{_N}\s+(?:och|and)|{_N}\s*[-–])\s*{_N}\s+{_SPAN}", re.I), "range"),
    # a negated comparison turns round: "får inte vara äldre än 10 år", "ges inte till företag som är yngre än 2 år"
    (re.compile(rf"\b(?:inte|ej|not)\s+(?:[\wåäö]+\s+){{0,4}}?(?:äldre än|older than|mer än|more than)\s+{_N}\s+{_SPAN}", re.I),
     "max"),
    (re.compile(rf"\b(?:inte|ej|not)\s+(?:[\wåäö]+\s+){{0,4}}?(?:yngre än|younger than)\s+{_N}\s+{_SPAN}", re.I), "min"),
    (re.compile(rf"(?:högst|max(?:imalt|imum(?: of)?)?|inte äldre än|ej äldre än|upp till|up to|at most|no more than|no older than|"
                rf"yngre än|mindre än|under|younger than|less than|senaste|de senaste|within the last|last)\s+{_N}\s+"
                rf"{_SPAN}", re.I), "max"),
    (re.compile(rf"(?:minst|at least|mer än|över|more than|äldre än|older than|over)\s+{_N}\s+{_SPAN}", re.I), "min"),
    (re.compile(rf"{_N}\s+{_SPAN}\s+(?:eller äldre|or older|eller mer|or more)", re.I), "min"),
    (re.compile(rf"{_N}\s+{_SPAN}\s+(?:eller yngre|or younger|eller mindre|or less)", re.I), "max"),
    (re.compile(rf"(?:senaste|last)\s+{_YEARS}", re.I), "max1"),
]
_NOT_AGE = re.compile(r"projekt\w*\s+(?:\w+\s+){0,3}(?:pågå|löptid|löpa|last|run)|projekttid|duration|"
                      # a researcher's career age is no company's age
                      r"karriärålder\w*|akademisk ålder|career age|doktorsexamen|disputera\w*|"
                      r"bokslut|omsättning|turnover|"
                      # a person's age: "författare över 18 år", "ungdomar mellan 16 och 25 år"
                      + _PERSON_ROLES + r"|privatperson\w*|\bpersoner\b|\bperson\b|individ\w*|ungdom\w*|"
                      r"\bunga\b|deltagare|elever|studenter|\bfyllt\b|myndig\w*|\bpersons?\b|\bpeople\b|\bindividuals?\b",
                      re.IGNORECASE)


def _in_years(n: int | None, unit: str) -> int | None:
    """``n`` of ``unit`` (years or months) in whole years; None for months that make no whole number of years."""
    if n is None or not unit.lower().startswith("m"):
        return n
    return n // 12 if n % 12 == 0 else None


def parse_company_age(text: str) -> tuple[int | None, int | None]:
    """(company_age_min, company_age_max) in years, read only where the words are about the
    company's age (so "projektet får pågå i högst 3 år" is not an age limit)."""
    lo = hi = None
    for clause in _clauses(text):
        if clause.rstrip().endswith("?"):
            continue
        if not _AGE_CONTEXT.search(clause):
            continue  # every rule needs an age word near the years
        taken: list[tuple[int, int]] = []  # "no more than 7 years" is not also "more than 7 years"
        for pattern, rule in _AGE_RULES:
            for m in pattern.finditer(clause):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                window = clause[max(0, m.start() - 60):m.end() + 40]
                # what rules the age out is said in the same part of the list as the years ("yngre än fem år, har en
                # årsomsättning lägre än ...": the turnover is another item)
                part = window[:m.start() - max(0, m.start() - 60)].rsplit(",", 1)[-1] + m.group(0) + \
                    clause[m.end():m.end() + 40].split(",", 1)[0]
                if not _AGE_CONTEXT.search(window) or _NOT_AGE.search(part):
                    continue
                taken.append((m.start(), m.end()))
                if rule == "range":
                    a = _in_years(_num(m.group(1) or m.group(2)), m.group(4))
                    b = _in_years(_num(m.group(3)), m.group(4))
                    if a is not None and b is not None and a < b:
                        lo = lo if lo is not None else a
                        hi = hi if hi is not None else b
                    continue
                n = 1 if rule == "max1" else _in_years(_num(m.group(1)), m.group(2))
                if n is None:
                    continue
                if rule.startswith("max") and re.match(r"(?:de\s+)?senaste|within|last", m.group(0), re.I) and \
                        _EXISTED.search(part):
                    rule = "min"  # "ska ha varit verksamt de senaste 3 åren": in existence all that time, so at least that old
                if rule.startswith("max") and hi is None:
                    hi = n
                elif rule == "min" and lo is None:
                    lo = n
    return lo, hi


# --- which sentences say who may apply ------------------------------------------------------------

# an adverb of focus between a verb of aiming and its preposition: "aimed primarily at", "avsett i första hand för"
_FOCUS = (r"(?:(?:främst|huvudsakligen|i första hand|framför allt|framförallt|särskilt|enbart|endast|bara|primärt|"
          r"i huvudsak|i synnerhet|uteslutande|mainly|primarily|chiefly|especially|particularly|specifically|exclusively|"
          r"only|solely|principally|mostly|predominantly|largely|first and foremost|above all|in particular)\s+)?")

# Words that make a sentence about applying: a verb of applying or receiving, a role in a
# consortium, "riktar sig till", a legal-person rule. Without one of them a sentence that names
# companies or municipalities talks about them ("För att öka produktivitet i näringslivet",
# "den kommun där investeringen ska göras"), it does not say who may apply.
_APPLY_CUE = re.compile(
    r"\b(?:an)?sök(?:a|er|es|s|as|t|ts|ande)?\b|\b(?:huvud|med|projekt|bidrags)sökande\b|\bmedelsförvaltar\w*|"
    # "Stödet är ett investeringsstöd för dig som vill utveckla ditt företag"
    r"\bdig som\b|\b(?:kan|ska|kommer att)\s+(?:\w+\s+){0,2}(?:få(?!\s+(?:en\s+|ett\s+)?(?:ökad|ökat|ökade|bättre|stärkt|större|mer|fler|nya?|"
    r"kunskap|kännedom|insikt\w*)\b)|beviljas|ges|erhålla|ta del|tilldelas)\b|"
    # "Bidrag till ett regionalt energikontor ... får ges endast om ...": the offer may be given to them
    r"\bfår\s+(?:\w+\s+)?(?:ges|beviljas|lämnas|tilldelas)\b|"
    # applications from some actors, an application made by them: "prioriteras ansökningar från kommuner", "Ansökan kan
    # göras av enskild kommun", "you can submit your application"
    r"\bansökningar(?:na)?\s+från\b|\bapplications?\s+from\b|"
    r"\bansökan\s+(?:\w+\s+){0,2}(?:göras|görs|lämnas|skickas\s+in)\s+(?:\w+\s+)?av\b|"
    r"\b(?:submit|submits|send|make)\s+(?:in\s+)?(?:an|your|the|their|a)?\s*applications?\b|"
    r"\b(?:får|ska|kan)\s+(?:\w+\s+){0,2}(?:delta|ingå|vara koordinator\w*)\b|\bbeviljas\b|"
    # those who take up an offer: "de regioner som antar erbjudandet ... få förstärkning", "regions that accept the offer"
    r"\b(?:antar|anta|antagit|antog|accepterar|acceptera|tackar\s+ja\s+till|tackat\s+ja\s+till)\s+(?:\w+\s+)?"
    r"(?:erbjudande\w*|inbjudan)\b|\baccept(?:s|ed)?\s+the\s+(?:offer|invitation)\b|"
    r"\b(?:riktar|vänder)\s+(?:sig|oss|er)\s+(?:\w+\s+){0,3}(?:till|mot)\b|\brikta(?:[dt]e?|s)\s+(?:\w+\s+)?" + _FOCUS + r"(?:till|mot)\b|"
    # an offer made for someone: "har tagit fram ytterligare ett stöd till ideella föreningar"
    r"\b(?:tagit|tar|ta|tog)\s+fram\s+(?:\S+\s+){0,4}?[\wåäö]*(?:stöd|bidrag|check|checkar|lån)\s+(?:till|för)\b|"
    # ... or given with two objects: "har länge erbjudit de skånska företagen affärsutvecklingscheckar"
    r"\b(?:erbjud\w*|beviljar|beviljat|ger|gav|gett)\s+(?:\S+\s+){0,3}?[\wåäö-]*(?:företag|bolag|föreningar|organisationer|"
    r"kommuner|regioner|lärosäten)\w*\s+(?:\S+\s+){0,2}?[\wåäö]*(?:check|checkar|checken|stöd|bidrag|lån)\b|"
    r"\bmålgrupp(?:en)?\s+för\s+(?:stödet|bidraget|checken|checkarna|lånet|utlysningen|erbjudandet|programmet|satsningen)\s+är\b|"
    # a named investor's investees: "Almi Invest investerar i svenska start ups"
    r"^\W*(?:(?:[A-ZÅÄÖ][\wåäö&-]*\s+){1,4}|(?:vi|we|fonden|the\s+fund)\s+)(?:investerar|invests|invest)\s+(?:\w+\s+){0,2}?"
    r"(?:i|in)\b|"
    # what the support covers, by kind of applicant: "Området omfattar musikföreningar, teater- och dansföreningar ..."
    r"^\W*(?:området|stödområdet|stödet|bidraget|stödformen)\s+omfattar\b|"
    # "Innovation Loan is designed for companies", "aimed at SMEs"
    r"\b(?:designed|aimed|targeted|directed|tailored)\s+" + _FOCUS + r"(?:at|for|to(?:wards)?)\b|"
    # "företag som gjort detta [måste] göra en ansökan": applying said with the noun
    r"\b(?:göra|gör|gjort|lämna|lämnar|skicka|skickar)\s+(?:in\s+)?(?:en|sin|er|din|egen)\s+ansökan\b|\bär\s+(?:\w+\s+)?öppen\s+(?:\w+\s+){0,2}för\b|"
    r"\böppnas\s+(?:upp\s+)?för\b|\bvälkomna\s+att\b|\bta del av\b|\bmöjlighet\s+(?:för|att söka)\b|"
    r"\bjuridisk(?:a)?\s+person\w*|\bkoordinator\w*|\bkoordinerande\b|\bkoordineras\s+av\b|\bprojektpart\w*|"
    r"\b[\wåäö]*konsorti\w*|\bdeltagande\s+parter\b|"
    # what a consortium must hold: "Projekten ska ha minst två deltagare, varav minst ett företag"
    r"\bvarav\s+(?:minst|högst)\s+(?:en|ett|två|tre|fyra|\d+)\b|"
    # a question put to the one applying: "Är ni ett nystartat företag som ...?", "Är du företagare?"
    r"^\W*(?:är|har|driver|äger)\s+(?:du|ni)\b(?=.*\?\s*$)|^\W*(?:are|do)\s+you\b(?=.*\?\s*$)|"
    # whom the funder wants to support with the offer: "I det här erbjudandet vill vi stödja bolag som ..."
    r"\bvill\s+vi\s+(?:\w+\s+)?(?:stödja|stötta|finansiera)\b|\bwe\s+want\s+to\s+(?:support|fund|finance)\b|"
    # the company as the subject of a requirement after another one: "... and the company may not have distributed profits"
    r"(?:[,;]\s*|\b(?:and|och|samt)\s+)(?:the\s+company|företaget|bolaget)\s+(?:may|must|should|shall|ska|skall|måste|"
    r"får|bör|behöver)\b|"
    # what a project group must hold, in English too: "The project group must consist of at least two organizations ..."
    r"\b(?:inkludera|innehålla|bestå av)\b|\b(?:must|should|shall)\s+(?:\w+\s+)?(?:consist\s+of|comprise|include)\b|"
    r"\bavser\b|\b(?:har|driver|äger)\s+(?:du|ni)\b|\bdu som\b|"
    r"\b(?:ges|lämnas|ger|ge|lämnar|lämna|beviljar|bevilja|betalar ut|betala ut|lånar ut|lånar|låna ut|låna|erbjuder|erbjuds|erbjuda|"
    r"finansierar|finansiera|fördela|fördelar|fördelas|utgå|utgår)\s+(?:\S+\s+){0,6}till\b|\berhålla\b|\btilldela\w*|\boffers?\s+(?:\w+\s+){0,2}to\b|"
    # an award handed out: "Stipendiet delas ut till unga konstnärer", "Regionen delar varje år ut stipendier till ...",
    # "The scholarship is awarded to young artists"
    r"\b(?:delas|delar|dela)\s+(?:\S+\s+){0,2}?ut\s+(?:\S+\s+){0,4}?till\b|\b(?:is|are|be|been)\s+(?:\w+\s+)?(?:awarded|granted|"
    r"given|allocated)\s+to\b|"
    # "We provide funding for small and medium-sized companies ..."
    r"\bprovides?\s+(?:\w+\s+){0,2}(?:funding|financing|grants?|loans?|support)\s+(?:for|to)\b|"
    r"\bapply\w*\b|\bapplicants?\b|\beligib\w+|\b(?:can|may)\s+(?:\w+\s+){0,2}(?:be granted|receive|get|participate|take part)\b|"
    r"\b(?:available|open)\s+" + _FOCUS + r"to\b|\bcoordinat\w+|\bconsorti\w+|\bwho want|"
    # "Innovationschecken är avsedd för små och medelstora företag": whom the offer is meant for
    r"\b(?:avsedd?a?|avsett)\s+" + _FOCUS + r"för\b|\bär till för\b|\b(?:intended|meant)\s+" + _FOCUS + r"for\b|"
    # the grant's own purpose names whom it is for: "Stöden syftar till att stödja och stimulera ideella organisationer"
    r"^\W*(?:\w+\s+)?[\wåäö]*(?:stöd|stödet|stöden|bidrag|bidraget|bidragen)\s+syftar\s+till\s+att\s+(?:\w+\s+och\s+)?"
    r"(?:stödja|stötta|stimulera|hjälpa)\b|"
    # a call announced for the projects of some actors: "Tillväxtverket utlyser nu medel för projekt där två eller fler
    # företagsfrämjande aktörer ..."
    r"\butlys(?:er|te|es|as|ts)\s+(?:\w+\s+){0,2}(?:medel|pengar|stöd|finansiering)\s+(?:för|till)\s+(?:\w+\s+){0,2}"
    r"(?:där|som|med)\b|"
    # "This offer targets only the newly started small companies" (not "target group")
    r"\btargets\b(?!\s+(?:for|of)\b)|"
    # the application for a grant to some actors: "Ansökan om stöd till studieförbund ska göras i digitalt formulär"
    r"\bansökan\s+om\s+(?:\w+\s+)?(?:stöd|bidrag|medel|finansiering)\s+till\b|"
    # a check is given to the one it is for: "Insatsen med omställningscheckar för företag i Örebro län förlängs"
    r"\b[\wåäö]*check(?:en|ar|arna)?\s+(?:för|till)\b|"
    # a call opened to some actors: "Tillväxtverket öppnar nu ... en utlysning till aktörer som arbetar med ..."
    r"\butlysning(?:en)?\s+(?:riktad\s+)?till\b|"
    # what is run on a funder's grants: "Studieförbunden i Örebro län bedriver sin verksamhet med anslag från ..."
    r"\b(?:verksamhet\w*|arbete\w*)\s+med\s+(?:\w+\s+)?(?:anslag|bidrag|stöd|finansiering|verksamhetsbidrag)\s+från\b",
    re.IGNORECASE,
)
# sentences that name companies or organisations without saying who may apply, whatever their verbs:
_NOT_WHO_APPLIES = re.compile(
    # the aim of something other than the offer: "Målet med strategin är att alla företag ... ska få stöd"
    r"^\W*(?:målet|syftet|visionen|ambitionen)\s+med\s+(?!stödet|bidraget|checken|utlysningen|erbjudandet|lånet)[\wåäö]+\s+"
    r"(?:är|var)\s+att\b|"
    # the state-aid rules funding falls under: "Funding for companies ... is covered by rules on state support"
    r"\b(?:is|are)\s+(?:covered|governed|limited|restricted)\s+by\s+(?:the\s+)?rules\b|\b(?:begränsas|styrs)\s+av\s+"
    r"(?:\w+\s+){0,2}(?:regler|reglerna|statsstöds\w*)\b|\bomfattas\s+av\s+(?:\w+\s+){0,2}(?:regler|reglerna|"
    r"statsstöds\w*)\b|"
    # a count of companies as part of the economy: "Small and medium-sized companies make up a significant part of ...",
    # "Små och medelstora företag utgör en betydande del av näringslivet"
    r"\b(?:make|makes)\s+up\b|\b(?:account|accounts)\s+for\b|\butgör\s+(?:en|ett|den|de|nästan|cirka|över)?\s*"
    r"(?:\w+\s+)?(?:del|andel|majoritet\w*|\d+\s*(?:procent|%))\b|"
    # what those already granted will get later: "Företag som beviljas medel kommer att erbjudas finansiering i etapper"
    r"\b(?:som|that|which|who)\s+(?:har\s+|have\s+|has\s+|are\s+|is\s+)?(?:been\s+)?(?:beviljas|beviljats|beviljades|"
    r"granted|awarded)\s+(?:\w+\s+){0,2}(?:kommer\s+att|will)\s+(?:\w+\s+)?(?:erbjudas|få|ges|tilldelas|be\s+offered|"
    r"receive|get)\b|"
    # what the funder has done before: "Tillväxtverket har tidigare genomfört utbildningar riktade till mindre företag"
    r"\bhar\s+(?:tidigare|redan|bland\s+annat)\s+(?:genomfört|arrangerat|anordnat|hållit|drivit)\b|"
    # an allocation reported with its sum: "Respektive kommun tilldelas 1 760 000 kronor per år"
    # what the application must contain: "kommunerna ska i sin ansökan presentera förslag på ...", "Applicants shall in
    # their application describe ..."
    r"\bi\s+(?:sin\s+|sina\s+|er\s+|din\s+|dess\s+|deras\s+)?ansökan\s+(?:\w+\s+){0,2}(?:presentera|beskriv|redovis|"
    r"ange|anger|visa|motivera|bifoga|specificera|precisera)\w*|\bin\s+(?:their|its|your|the)\s+application\s+(?:\w+\s+){0,2}"
    r"(?:present|describe|state|show|explain|include|specify)\w*|"
    r"\b(?:tilldelas|tilldelats|tilldelades|is\s+allocated|are\s+allocated|receives)\s+(?:\w+\s+){0,2}?(?:\d[\d \u00a0,.]*|"
    r"en|ett|två|tre|fyra|fem|tio)\s*(?:kronor|kr|miljon\w*|miljard\w*|mnkr|mkr|msek|sek|euro)\b",
    re.IGNORECASE,
)
# a fragment that names what is funded, not who applies: "Insatser som bidrar till förbättrad samverkan mellan akademi
# och små och medelstora företag", "Projekt och förstudier som stärker ..."
# ... also in compounds: "Innovations- och utvecklingsprojekt som bidrar med ...", "Samverkansprojekt mellan ..."
_ACTIVITY_HEAD = re.compile(r"^\W*(?:[\wåäö]+-\s+(?:och|eller|samt)\s+)?[\wåäö]*(?:insatser|insatsen|aktiviteter|åtgärder|"
                            r"projekt|förstudier|satsningar)\b|^\W*(?:activities|projects|measures)\b", re.IGNORECASE)
# a verb that makes the sentence a statement of its own (a fragment has none: "Företag i Västernorrland")
_VERB = re.compile(
    r"\b(?:är|var|blir|blev|ska|skall|kan|kunde|får|fick|måste|behöver|bör|har|hade|finns|fanns|gäller|sker|"
    r"innebär|kommer|is|are|was|were|will|can|may|must|should|has|have|had|"
    # present-tense verbs that open statements about a funder or a programme
    r"beslutar|betalar|förfogar|arbetar|ansvarar|verkar|fokuserar|satsar|stödjer|främjar|samverkar|spelar|stärker|erbjuder|bidrar|skapar|utvecklar|driver|bedriver|stöttar|"
    r"tillhör|ligger|handlar|syftar|omfattar|genomför|ordnar|leder|ger|tar|gör|fattar|delar|lånar|"
    # passives in -s that the ending rule below misses ("För lärosäten krävs en kopia ...")
    r"krävs|behövs|görs|ges|tas|ses|fås|läggs|sätts|ställs|bedöms|avses|menas|används|nås|hålls|"
    # ... and short ones after a stem in a consonant ("Alla företag väljs ut ...", "Bolaget ägs av ...")
    r"väljs|drivs|ägs|köps|säljs|byggs|följs|styrs|skrivs|nämns|"
    r"invests|offers|aims|provides|supports|works|plays|leads|shall|needs|wants|does|requires|applies|depends|means|"
    # history: "Programmet började som en pilotverksamhet 2003"
    r"började|startade|inleddes|grundades|bildades|began|started)\b|\b\w{3,}(?:erar|erade|as|ades|ats)\b|\b\w{2,}(?:nås|tås|fås)\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:som|who|which|that)\b[^,;]*", re.IGNORECASE)
_ELIDED_ANSWER = re.compile(r"\W*det\s+kan\s+(?:till\s+exempel\s+|exempelvis\s+|t\.?\s?ex\.?\s+|också\s+)?vara\s+"
                            r"(?:till\s+)?(?:en\s+|ett\s+)?", re.IGNORECASE)
_YOU_MAY_BE = re.compile(r"\W*(?:(?:ja|yes|nej|no),?\s+)?(?:you|du|ni)\s+(?:can|may|kan|får)\s+(?:both\s+|både\s+)?(?:be|vara)\s+",
                         re.IGNORECASE)
_LEAD_WORDS = r"^(?:(?:även|endast|bara|alla|för|ditt|ert|ett|en|the|your|only|also)\s+)*"


_REQUIREMENT_VERB = re.compile(r"(?:ska|skall|måste|bör|får|kan|har|hade|tillhör|behöver|should|must|may|can|has|have|shall)$",
                               re.IGNORECASE)
# what puts the next word in the verb's phrase (an infinitive after a modal, a second verb of the same clause after "och"),
# so that it is not the main verb: "Företag som vill utvecklas", "som köper och säljer"
_NOT_MAIN_BEFORE = re.compile(r"(?:^|\b(?:och|eller|samt|som|att|and|or|that|who|which|to|vill|kan|ska|skall|får|måste|bör|behöver|"
                              r"brukar|kommer|har|hade|want|wants|can|will|may|must|should|has|have)\s+)(?:inte\s+|ej\s+|not\s+)?$",
                              re.IGNORECASE)


def _main_verb_after_relative(rest: str) -> str | None:
    """The main verb of a sentence whose subject (a kind of applicant) ``rest`` follows, past a relative clause: the
    first verb after the relative clause's own (its first word past a negation or a sentence adverb); None without a
    relative clause."""
    m = re.match(r"\s+(?:som|that|who|which)\s+(?:(?:inte|ej|not|redan|också|även|själva|sedan|tidigare|nu|ofta|"
                 r"fortfarande|vanligen|oftast|just|already|also|now|often|still|previously)\s+)*[\wåäö-]+\s+([^,;:()]*)",
                 rest, re.IGNORECASE)
    if m is None:
        return None
    clause = m.group(1)
    for v in _VERB.finditer(clause):
        if not _NOT_MAIN_BEFORE.search(clause[:v.start()]):
            return v.group(0)
    return None


def _without_such_as(text: str, found: list[tuple[Applicant, re.Match]]) -> str:
    """``text`` without each "som" that opens a list of bare kinds with a modal verb after it: there "som" means "such
    as" and the verb is the sentence's own ("Institut ... och offentliga verksamheter som kommuner får göra påslag för
    indirekta kostnader ..."), not a relative clause's."""
    for som in reversed(list(re.finditer(r"\bsom\s+", text, re.IGNORECASE))):
        after = [km for _, km in found if km.start() >= som.end()]
        if not after or after[0].start() != som.end():
            continue
        end = after[0].end()
        for km in after[1:]:
            if not re.fullmatch(r"\s*(?:,\s*)?(?:(?:och|eller|samt)\s+)?", text[end:km.start()], re.IGNORECASE):
                break
            end = km.end()
        if re.match(r"\s+(?:får|ska|skall|kan|måste|bör)\b", text[end:], re.IGNORECASE):
            text = text[:som.start()] + text[end:]
    return text


def states_applicants(sentence: str) -> bool:
    """Whether ``sentence`` says who may apply (or take part), rather than naming companies,
    municipalities or organisations while talking about something else."""
    text = " ".join((sentence or "").split())
    if not text:
        return False
    named = _NAMED_APPLICATION.match(text)
    if named and not any(m.start() == len(text) - len(text.lstrip(" \t\n\"'(-–")) for _, m in _types_in(text[:named.end()])) \
            and not re.match(r"\W*(?:vi|jag|du|ni|man|den|de|sökande\w*|alla|varje|en|ett)\b", text, re.IGNORECASE):
        return False  # one named organisation's application reported, no kind of applicant
    if _NOT_WHO_APPLIES.search(text) and not _CAN_APPLY.search(text):
        return False  # ... unless it says who can apply too: "Företag som utgör en del av en koncern kan söka"
    if _APPLY_CUE.search(text):
        return True
    # the answer to "Vilka kan söka?" with its subject elided: "Det kan vara till företag, kommuner, ...",
    # "Det kan exempelvis vara en kommun, region/landsting, universitet ..."
    elided = _ELIDED_ANSWER.match(text)
    if elided and any(m.start() == 0 for _, m in _types_in(text[elided.end():elided.end() + 60])):
        return True
    # what the one applying may be, said to them: "You can be both a new or an established business owner",
    # "Du kan vara både ny och etablerad företagare"
    may_be = _YOU_MAY_BE.match(text)
    if may_be and _types_in(text[may_be.end():may_be.end() + 50]):
        return True
    if parse_employees(text) != (None, None) or parse_company_age(text) != (None, None):
        return True  # a head-count or age limit describes the applicant
    found = _types_in(text)
    if not found:
        return False
    # a company named as the subject: "Företaget har sitt säte i Västerbotten"
    lead = re.match(_LEAD_WORDS, text, re.IGNORECASE)
    first_kind, first = min(found, key=lambda km: km[1].start())
    if first.start() == (lead.end() if lead else 0) and first_kind in COMPANY_APPLICANTS:
        # ... with a verb of requirement or belonging after it (past any "som ..." clause):
        # "Företaget har sitt säte i", "Företag som får stöd ska drivas"; not "Små och medelstora
        # företag utgör en betydande del av näringslivet"
        rest = _RELATIVE.sub(" ", text[first.end():], count=1)
        # ... or with its figures as the subject ("The company's net sales or equity must ..."), or a legal form
        # required of it ("Företaget är ett aktiebolag med svenskt organisationsnummer"); not an outcome it is to
        # get ("Företagen ska också få ökad kännedom om ...")
        words = r"(?:[\wåäö-]+\s+){0,4}" if re.match(r"['´’]s\b", rest) else r"(?:\w+\s+){0,1}"
        if re.match(r"(?:['´’]s\b)?\W*" + words + r"(?:ska|skall|måste|bör|får|kan|har|hade|tillhör|behöver|should|must|may|can|"
                    r"has|have)\b(?!\s+(?:\w+\s+)?få\s+(?:en\s+|ett\s+)?(?:ökad|ökat|ökade|bättre|stärkt|större|mer|fler|nya?|kunskap|kännedom)\b)",
                    rest, re.IGNORECASE) or re.match(r"\s+är\s+(?:ett|en)\s+[\wåäö]*(?:bolag|förening|företag)\b", rest,
                                                    re.IGNORECASE):
            return True
    # a kind of applicant with a relative clause and a main verb of its own after it makes a claim about such actors,
    # unless the verb is one of requirement or belonging: "Företag som inte förnyar sig riskerar att slås ut", "Företag
    # som samarbetar med akademin blir mer innovativa"; not "Företag som får stöd ska drivas affärsmässigt"
    if first.start() == (lead.end() if lead else 0):
        main = _main_verb_after_relative(text[first.end():])
        if main is not None and not _REQUIREMENT_VERB.match(main):
            return False
    # a fragment, as "Vem kan söka?" sections answer: "Företagsfrämjande aktörer som exempelvis ..."
    # ... that does not open as an adverbial ("Under 2022 ...", "För att öka ...", "Med ett IUC ...")
    # ... nor as "Som stöd i detta arbete ...", whose "som" is no relative clause
    if re.match(r"(?:för att|under|med|genom|inom|i|efter|vid|om|enligt|syftet|målet|som|på|till följd av|in|with|through|to|as|"
                r"due to|because of)\b", text, re.IGNORECASE) or _ACTIVITY_HEAD.match(text):
        return False
    # an item opened by an infinitive names an activity or an aim ("Utveckla fysiska och/eller virtuella mötesplatser för
    # innovativa företag ...", "Ge ökade möjligheter till rådgivning ... för företag som ..."), not who applies
    if re.match(r"\W*(?:utveckla|ge|skapa|stärka|öka|främja|bidra|erbjuda|stödja|stötta|genomföra|bygga|etablera|underlätta|"
                r"förbättra|möjliggöra|develop|create|strengthen|increase|promote|provide|offer|build|establish|improve|enable|"
                r"facilitate)\s+(?!som\b|that\b)", text, re.IGNORECASE):
        return False
    # a pseudo-cleft is a statement with its verb after the relative clause: "Those who in practice receive Vinnova's support
    # are the small and medium-sized enterprises", "De som får stödet är ..."
    if re.match(r"\W*(?:those|de)\s+(?:who|that|som)\b.*\b(?:are|is|är)\b", text, re.IGNORECASE):
        return False
    # a subject opened by "Den"/"Det"/"The" is a thing, with its verb after a relative clause the fragment
    # rule below would swallow: "Den lösning som företaget håller på att utveckla ska kunna bidra ..."
    # ... also after a phrase of its own: "The value of the support that each company receives shall be based on ..."
    if re.match(r"\W*(?:den|det|denna|detta|the|this)\s+[\wåäö]+(?:\s+(?:of|av|för|på)\s+(?:the\s+|a\s+|an\s+)?[\wåäö]+)?"
                r"\s+(?:som|that|which)\b", text, re.IGNORECASE):
        return False
    # a participle before the noun is no verb ("Disputerade forskare vid svenska lärosäten")
    fragment = re.sub(r"^\W*[\wåäö]+(?:erade|ade)\s+(?=[\wåäö])", "", _RELATIVE.sub(" ", _without_such_as(text, found)))
    # ... and so does one with a relative clause, its verb after it ("Kunskapen som framkommer i pilotprojekten blir ...")
    if re.match(r"\W*[A-ZÅÄÖ][a-zåäö]+(?:en|et|na)\s+som\b", text) and not re.match(
            r"\W*(?:företag|bolag|förening|organisation|kommun|region|myndighet)", text, re.IGNORECASE):
        return False
    # ... and so do a sentence adverb, a present-tense verb and its subject after it ("Vidare testar projektet sig fram för
    # vilka typer av erbjudanden som ...", "Dessutom arrangerar vi ...")
    if re.match(r"\W*(?:vidare|dessutom|därefter|därför|samtidigt|slutligen|sedan|också|härefter|därutöver|utöver\s+det)\s+"
                r"[a-zåäö]{3,}(?:er|ar|r)\s+(?:vi|de|den|det|man|[a-zåäö]+(?:en|et|na))\b", text, re.IGNORECASE):
        return False
    # a definite subject and a present-tense verb make a statement ("Länsstyrelsen värdesätter ...")
    if re.match(r"\W*[A-ZÅÄÖ][\wåäö]+(?:en|et|na)\s+(?!och\b|eller\b|samt\b)[a-zåäö]{3,}(?:er|ar)\b", text):
        return False
    # a subject pronoun makes a clause with a verb of its own ("Det vet vi då vi träffar 1000-tals företagare ..."),
    # unless a relative clause follows it ("Ni som driver ett företag i länet": the answer to "Vem kan söka?")
    addressed = _RELATIVE.sub(" ", re.sub(r"\b(?:vi|jag|du|ni|we|you|they)\s+(?=(?:som|who|that)\b)", "", text,
                                          flags=re.IGNORECASE))
    if re.search(r"\b(?:vi|jag|du|ni|we|they)\b", addressed, re.IGNORECASE):
        return False
    # a relative clause that runs into the main verb is no fragment: "Subventioner ... som ett företag kan ta emot får inte
    # överstiga 300 000 euro", "Många av de projekt som genomförs med finansiering från EU kommer att innebära ..."
    # (a sentence that opens with a kind of applicant is about it: "Företag som får stöd ska drivas affärsmässigt")
    relative = _RELATIVE.search(text)
    if relative and first.start() != (lead.end() if lead else 0) and len([v for v in _VERB.finditer(relative.group(0))
                         if not re.search(r"\b(?:och|eller|samt|som|and|or|that|who|which)\s+(?:\w+\s+)?$",
                                          relative.group(0)[max(0, v.start() - 40):v.start()], re.IGNORECASE)]) >= 2:
        return False
    # a fragment whose kinds are all named inside a condition puts the condition on something else, most often a sum: "a
    # maximum of SEK 2 million if no small companies participate", "Högst 1 miljon kronor om minst två företag deltar"
    condition = _CONDITION_AFTER.search(text)
    if condition is not None and first.start() >= condition.start():
        return False
    return not _VERB.search(fragment)


def parse_stated_applicants(text: str) -> Eligibility:
    """``parse_eligibility`` of the sentences of ``text`` that say who may apply (for a text whose
    headings are unknown, e.g. one line given to ``hubb extract``); limits are read from all of it."""
    stated = [_after_giver(s) for s in split_sentences(text or "") if states_applicants(s) and not _DEFINITION.search(s)]
    found = parse_eligibility("\n".join(stated))
    if A.COMPANY in found.applicants and set(found.applicants) & {A.SME, A.STARTUP, A.LARGE_COMPANY}:
        # "ditt företag ... små och medelstora företag" in one line: the plain word refers to the
        # sized one (a spider's "Vem kan söka?" section may list both on purpose: left as it is)
        found.applicants = [a for a in found.applicants if a is not A.COMPANY]
    found.employees_min, found.employees_max = parse_employees(text)
    found.company_age_min, found.company_age_max = parse_company_age(text)
    return found


# a named investor and what it invests in: "Almi Invest investerar i svenska start ups ...", "We invest in early-stage
# companies" (the companies invested in are the ones that apply)
_INVESTOR = re.compile(r"^\W*(?:(?:[A-ZÅÄÖ][\wåäö&-]*\s+){1,4}|(?:vi|we|fonden|the\s+fund)\s+)(?:investerar|invests|invest)\s+"
                       r"(?:\w+\s+){0,2}?(?:i|in)\b")
# "Länsstyrelsen betalar ut bidrag till organisationer som ...": the giver is named before the verb
_GIVING = re.compile(r"\b(?:ger|ge|lämnar|lämna|beviljar|bevilja|betalar ut|betala ut|lånar ut|låna ut|fördelar|fördela|"
                     r"delar\s+(?:\S+\s+){0,2}?ut|dela\s+ut|"
                     r"erbjuder|erbjuda|finansierar|finansiera)\s+"
                     r"(?:\S+\s+){0,6}?till\b|"
                     # "... and provide support to small and medium-sized companies"
                     r"\b(?:provides?|providing|gives?|giving)\s+(?:\w+\s+){0,2}?(?:support|funding|financing|grants?|loans?)\s+"
                     r"(?:to|for)\b", re.IGNORECASE)


def _after_giver(sentence: str) -> str:
    m = _INVESTOR.match(sentence) or _GIVING.search(sentence)
    if m is None or _NEGATION.search(sentence[:m.end()]):
        return sentence  # "Vi ger inte lån till privatpersoner": the refusal must stay with the types
    return sentence[m.end():]
