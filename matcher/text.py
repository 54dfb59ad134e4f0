"""The one Swedish/English text-analysis module of the matcher.

Turns call and profile text into index terms: Unicode normalisation, tokenising, stop
words, Snowball stemming (Swedish, or English for English text), derivational endings
(a noun meets its verb: "utbildning" and "utbilda", "digitalisering" and "digitala") and
compound splitting, so that "produktionsutveckling" and "kompetensförsörjningen" meet
"produktion" and "kompetens". English words with a Swedish equivalent in the small
general glossary are mapped onto the Swedish stem, so a Swedish profile finds an English
call about the same thing ("energy" meets "energi", "manufacturing" meets "tillverkning").

Everything else in ``matcher/`` (tagging, BM25, eligibility's exclude words, reasons)
gets its terms from an :class:`Analyzer`; nothing else stems.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

_SV = snowballstemmer.stemmer("swedish")
_EN = snowballstemmer.stemmer("english")

#: shortest compound part: shorter ones split too eagerly ("mat" + "erial")
MIN_PART = 4

TOKEN = re.compile(r"[0-9a-zåäöéüæø]+(?:\.[0-9]+)?", re.IGNORECASE)

SV_STOP = frozenset("""
och i att det som en på är av för med till den har de inte om ett men var jag sig så
kan vi ni du man eller från vid under efter också mot ska skall kommer få får sin sitt
sina där här när vilka vilken vilket vad hur alla allt andra annat detta dessa denna
hos inom utan genom mellan samt bara både än nu redan dock även mer mest mycket många
ha hade varit blir blev bli vara kunna skulle måste vill behöver ej era er oss dem dig
mig min mitt mina vår vårt våra deras hans hennes dess sådan sådana själv ut upp in
över ner fram sedan innan två tre per enligt t ex bl a m fl etc ca
""".split())

EN_STOP = frozenset("""
a an the and or of to in on for with by at from as is are was were be been being it
its this that these those which who whom what how when where why will would shall
should can could may might must not no yes than then there their they them we you
your our us he she his her i me my do does did done have has had having into about
over under also such more most other any all each both only own same so too very just
up out per via e g etc
""".split())

#: General English → Swedish equivalents (base forms), for cross-language matching.
#: Funding and industrial vocabulary only: never words of particular calls.
GLOSSARY_EN_SV: dict[str, str] = {
    "energy": "energi", "efficiency": "effektivisering", "efficient": "effektiv",
    "production": "produktion", "manufacturing": "tillverkning", "manufacture": "tillverkning",
    "manufacturer": "tillverkare", "industry": "industri", "industrial": "industri",
    "research": "forskning", "researcher": "forskare", "development": "utveckling",
    "develop": "utveckling", "innovation": "innovation", "innovative": "innovation",
    "company": "företag", "companies": "företag", "enterprise": "företag", "business": "företag",
    "sme": "småföretag", "skills": "kompetens", "skill": "kompetens", "competence": "kompetens",
    "training": "utbildning", "education": "utbildning", "recruitment": "rekrytering",
    "circular": "cirkulär", "circularity": "cirkularitet", "sustainable": "hållbar",
    "sustainability": "hållbarhet", "climate": "klimat", "emission": "utsläpp",
    "emissions": "utsläpp", "fossil": "fossil", "environment": "miljö",
    "environmental": "miljö", "recycling": "återvinning", "material": "material",
    "materials": "material", "resource": "resurs", "resources": "resurs",
    "automation": "automation", "automated": "automatisering", "robot": "robot",
    "robotics": "robotik", "digital": "digital", "digitalisation": "digitalisering",
    "digitalization": "digitalisering", "data": "data", "software": "mjukvara",
    "artificial": "artificiell", "intelligence": "intelligens", "sensor": "sensor",
    "sensors": "sensor", "electronics": "elektronik", "electronic": "elektronik",
    "product": "produkt", "products": "produkt", "prototype": "prototyp",
    "test": "test", "testing": "test", "validation": "validering",
    "verification": "verifiering", "demonstration": "demonstration",
    "demonstrator": "demonstrator", "market": "marknad", "markets": "marknad",
    "sales": "försäljning", "export": "export", "customer": "kund", "customers": "kund",
    "investment": "investering", "investments": "investering", "loan": "lån",
    "loans": "lån", "grant": "bidrag", "funding": "finansiering", "finance": "finansiering",
    "financing": "finansiering", "capital": "kapital", "leadership": "ledarskap",
    "strategy": "strategi", "organisation": "organisation", "organization": "organisation",
    "ownership": "ägarskifte", "logistics": "logistik", "supply": "försörjning",
    "supplier": "leverantör", "suppliers": "leverantör", "transport": "transport",
    "purchasing": "inköp", "quality": "kvalitet", "process": "process",
    "processes": "process", "food": "livsmedel", "packaging": "förpackning",
    "waste": "avfall", "welding": "svetsning", "steel": "stål", "metal": "metall",
    "wood": "trä", "plastic": "plast", "plastics": "plast", "battery": "batteri",
    "batteries": "batteri", "electrification": "elektrifiering", "heat": "värme",
    "cooling": "kyla", "feasibility": "förstudie", "consultant": "konsult",
    "consultancy": "konsult", "collaboration": "samverkan", "cooperation": "samverkan",
    "academia": "akademi", "university": "universitet", "universities": "universitet",
    "startup": "startup", "region": "region", "regional": "regional",
    "workers": "medarbetare", "employees": "anställda", "staff": "personal",
    "workplace": "arbetsplats", "work": "arbete", "health": "hälsa", "defence": "försvar",
    "defense": "försvar", "aviation": "flyg", "aeronautics": "flyg", "twin": "tvilling",
    "optimisation": "optimering", "optimization": "optimering", "value": "värde",
    "chain": "kedja", "analysis": "analys", "analytics": "analys", "machine": "maskin",
    "machines": "maskin", "learning": "inlärning", "pilot": "pilot", "photonics": "fotonik",
    "project": "projekt", "projects": "projekt",
}

#: Swedish base words that compounds are split into, besides the taxonomy's signal words
#: and the profiles' own words (given to :class:`Analyzer`). General vocabulary of
#: industry, funding and business — not words picked from particular calls.
ROOTS = frozenset("""
produktion produkt utveckling kompetens försörjning tillverkning industri företag process
energi effektivisering kartläggning investering stöd bidrag lån kapital finansiering check
konsult forskning innovation projekt samverkan verkstad automation robot svetsning svets
plåt bearbetning maskin material metall stål trä plast livsmedel förpackning kyla värme
ugn digital data system teknik mjukvara sensor elektronik kvalitet planering ledning
ledarskap strategi affär modell marknad försäljning export kund handel webb butik order
offert lager logistik leverantör kedja transport inköp miljö klimat hållbarhet cirkulär
ekonomi återvinning avfall utsläpp fossil elektrifiering batteri utbildning rekrytering
personal arbete medarbetare anställd lärling yrke program kurs coach validering verifiering
test demonstration prototyp förstudie studie analys optimering tvilling flöde ställtid
spill lean montering gjuteri ägare skifte generation styrelse organisation tillväxt region
kommun län omställning konkurrenskraft resurs cirkularitet miljö säkerhet hälsa vård
försvar flyg fordon bygg energieffektivisering kunskap nätverk förmåga behov lösning
verktyg teknologi smart automatisering robotisering digitalisering vatten luft el ström
kvalificering arbetsmiljö inkubator start kontor insats åtgärd utrustning anläggning
""".split())

#: inflection endings tried when a compound's last part is not a known word as it stands
_ENDINGS = ("erna", "arna", "orna", "en", "et", "na", "ar", "er", "or", "n", "t", "s")


#: endings that make a noun of a Swedish verb, taken off its stem so the noun meets the verb
#: ("utbildning" → utbild, like "utbilda"; "rekrytering" → rekryter, like "rekrytera")
_NOMINAL = ("ning", "ing")
#: the ending of "-isera" verbs, taken off so they (and their "-isering" nouns) meet their
#: root ("digitalisering" → digitaliser → digital, like "digitala")
_VERBAL = "iser"


def derive(stem: str) -> str:
    """A Swedish stem with derivational endings taken off, so one word family is one term.

    Snowball removes inflection only: "utbildning" and "utbilda" stay *utbildning* and
    *utbild*, "digitalisering" and "digitala" *digitalisering* and *digital*. A need says
    "utbilda personal", a call "utbildning": without this they never meet.
    """
    for ending in _NOMINAL:
        if stem.endswith(ending):
            root = stem[: -len(ending)]
            # "-ing" only after "-er" and a single "-l" ("rekrytering", "utveckling"; a
            # "tvilling" is no verb's noun); roots of at least five letters: "förening" is
            # no "före", "ledning" no "led"
            if ending == "ing" and not (root.endswith("er") or
                                        (root.endswith("l") and not root.endswith("ll"))):
                continue
            if len(root) >= MIN_PART + 1:
                stem = root
            break
    if stem.endswith(_VERBAL) and len(stem) - len(_VERBAL) >= MIN_PART:
        stem = stem[: -len(_VERBAL)]
    return stem


def normalise(text: str) -> str:
    """NFC, case-folded, typographic dashes and quotes made plain."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return text.replace("\u2013", " ").replace("\u2014", " ").replace("\u00ad", "")


def tokens(text: str) -> list[str]:
    """Words of ``text`` (normalised), stop words and bare numbers dropped."""
    out = []
    for tok in TOKEN.findall(normalise(text)):
        if tok in SV_STOP or tok in EN_STOP:
            continue
        if tok.replace(".", "").isdigit() and tok != "4.0":
            continue
        if len(tok) < 2:
            continue
        out.append(tok)
    return out


@lru_cache(maxsize=200_000)
def stem_sv(word: str) -> str:
    return _SV.stemWord(word)


@lru_cache(maxsize=200_000)
def stem_en(word: str) -> str:
    return _EN.stemWord(word)


_GLOSSARY_BY_STEM: dict[str, str] = {}
for _en, _sv in GLOSSARY_EN_SV.items():
    _GLOSSARY_BY_STEM.setdefault(stem_en(_en), _sv)


class Analyzer:
    """Index terms of Swedish and English text.

    ``lexicon`` adds base words that compounds may be split into (the taxonomy's signal
    words, the profiles' need words and keywords): a compound is split only into parts
    that are known words, so unknown long words stay whole instead of being cut wrongly.
    ``derivation=False`` stems as Snowball alone does (the evaluation's ablation row).
    """

    def __init__(self, lexicon: Iterable[str] = (), derivation: bool = True):
        self.derivation = derivation
        words = set(ROOTS)
        for phrase in lexicon:
            for tok in tokens(phrase):
                # "PLC:erna" gives the token "erna": an inflection ending is no word, and as
                # a known "word" it would split every "kunderna" into kund + erna
                if len(tok) >= MIN_PART and not tok.isdigit() and tok not in _ENDINGS:
                    words.add(tok)
        self._words = frozenset(words)
        self._stems = frozenset(stem_sv(w) for w in words)
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}

    # -- compounds -------------------------------------------------------------------
    def _base(self, part: str) -> str | None:
        """``part`` as a known word (inflection ending removed if need be), else None."""
        if len(part) < MIN_PART or part in _ENDINGS:
            return None
        if part in self._words:
            return part
        # inflected parts Snowball leaves alone ("industrin", "företagen")
        for ending in _ENDINGS:
            if part.endswith(ending) and part[: -len(ending)] in self._words:
                if len(part) - len(ending) >= MIN_PART:
                    return part[: -len(ending)]
        if stem_sv(part) in self._stems:
            return part
        return None

    def lemma(self, word: str) -> str:
        """A known word's base form: ``word`` less an inflection ending when what remains is known.

        Snowball stems an inflected form and its base apart where the base ends like a
        suffix: "kompetens" → "kompet" but "kompetensen" → "kompetens". Stemming the known
        base word instead makes both forms one term.
        """
        if word in self._words:
            return word
        for ending in _ENDINGS:
            base = word[: -len(ending)]
            if word.endswith(ending) and len(base) >= MIN_PART and base in self._words:
                return base
        return word

    def split(self, word: str, _depth: int = 0) -> list[str]:
        """The parts of a Swedish compound as known base words, or ``[word]``.

        Longest known head first; a linking "s" between parts is dropped
        ("produktions|utveckling"); the tail may itself be a compound.
        """
        if len(word) < 2 * MIN_PART or _depth > 3:
            return [word]
        for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:i], word[i:]
            candidates = [head[:-1], head] if head.endswith("s") else [head]
            exact = [h for h in candidates if h in self._words]
            head_ok = exact[0] if exact else next((h for h in candidates if self._base(h)), None)
            if head_ok is None:
                continue
            tail_ok = self._base(tail)
            if tail_ok is not None:
                return [head_ok, tail_ok]
            rest = self.split(tail, _depth + 1)
            if len(rest) > 1:
                return [head_ok, *rest]
        return [word]

    # -- terms -----------------------------------------------------------------------
    def _stem(self, word: str) -> str:
        """The Swedish term of a word: its Snowball stem less derivational endings."""
        stem = stem_sv(word)
        return derive(stem) if self.derivation else stem

    def word_terms(self, word: str, language: str = "sv") -> tuple[str, ...]:
        """Terms of one token: its stem, plus the stems of its compound parts."""
        key = (word, language)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        if language == "en":
            stem = stem_en(word)
            sv = _GLOSSARY_BY_STEM.get(stem)
            if sv is not None:
                result = (self._stem(sv),)
            else:
                result = (stem,)
        else:
            full = self._stem(self.lemma(word))
            parts = self.split(word)
            result = (full,) if len(parts) == 1 else tuple(dict.fromkeys([full, *map(self._stem, parts)]))  # type: ignore[assignment]  # noqa: E501
        self._cache[key] = result
        return result

    def terms(self, text: str, language: str = "sv") -> list[str]:
        """All index terms of ``text``, in order, repeated as often as they occur."""
        out: list[str] = []
        for tok in tokens(text):
            out.extend(self.word_terms(tok, language))
        return out

    def phrase_terms(self, phrase: str, language: str = "sv") -> list[str]:
        """Terms of a short phrase (a keyword, a signal word): de-duplicated, in order."""
        return list(dict.fromkeys(self.terms(phrase, language)))
