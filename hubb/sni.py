"""SNI 2007 (the Swedish NACE Rev. 2): code validation and the Swedish names of the
divisions (two-digit level), by which reports group companies into branches."""

from __future__ import annotations

import re

SNI_CODE = re.compile(r"^\d{2}(\.\d{1,3})?$")

#: SNI 2007 divisions, Swedish short names (SCB's headings, shortened where long).
DIVISIONS: dict[str, str] = {
    "01": "jordbruk och jakt", "02": "skogsbruk", "03": "fiske och vattenbruk",
    "05": "kolutvinning", "06": "utvinning av råpetroleum och naturgas", "07": "utvinning av metallmalmer",
    "08": "annan utvinning av mineral", "09": "service till utvinning",
    "10": "livsmedelsindustri", "11": "dryckesframställning", "12": "tobaksvaruindustri",
    "13": "textilindustri", "14": "klädindustri", "15": "läder- och skoindustri",
    "16": "trävaruindustri", "17": "pappers- och pappersvaruindustri", "18": "grafisk produktion",
    "19": "petroleumindustri", "20": "kemisk industri", "21": "läkemedelsindustri",
    "22": "gummi- och plastvaruindustri", "23": "jord- och stenvaruindustri",
    "24": "stål- och metallverk", "25": "metallvaruindustri",
    "26": "dator-, elektronik- och optikindustri", "27": "elapparatindustri",
    "28": "övrig maskinindustri", "29": "motorfordonsindustri", "30": "annan transportmedelsindustri",
    "31": "möbelindustri", "32": "annan tillverkningsindustri", "33": "reparation och installation av maskiner",
    "35": "försörjning av el, gas, värme och kyla", "36": "vattenförsörjning",
    "37": "avloppsrening", "38": "avfallshantering och återvinning", "39": "sanering",
    "41": "byggande av hus", "42": "anläggningsarbeten", "43": "specialiserad bygg- och anläggningsverksamhet",
    "45": "handel med och reparation av motorfordon", "46": "partihandel", "47": "detaljhandel",
    "49": "landtransport", "50": "sjötransport", "51": "lufttransport", "52": "magasinering och stödtjänster till transport",
    "53": "post- och kurirverksamhet", "55": "hotellverksamhet", "56": "restaurang-, catering- och barverksamhet",
    "58": "förlagsverksamhet", "59": "film-, video- och TV-produktion", "60": "planering och sändning av program",
    "61": "telekommunikation", "62": "dataprogrammering och datakonsultverksamhet", "63": "informationstjänster",
    "64": "finansiella tjänster", "65": "försäkring", "66": "stödtjänster till finansiella tjänster",
    "68": "fastighetsverksamhet", "69": "juridisk och ekonomisk konsultverksamhet",
    "70": "verksamheter som utövas av huvudkontor; konsulter till företag",
    "71": "arkitekt- och teknisk konsultverksamhet", "72": "vetenskaplig forskning och utveckling",
    "73": "reklam och marknadsundersökning", "74": "annan verksamhet inom juridik, ekonomi, vetenskap och teknik",
    "75": "veterinärverksamhet", "77": "uthyrning och leasing", "78": "arbetsförmedling och bemanning",
    "79": "resebyrå och researrangörer", "80": "säkerhets- och bevakningsverksamhet",
    "81": "fastighetsservice samt skötsel och underhåll av grönytor", "82": "kontorstjänster och andra företagstjänster",
    "84": "offentlig förvaltning och försvar", "85": "utbildning", "86": "hälso- och sjukvård",
    "87": "vård och omsorg med boende", "88": "öppna sociala insatser", "90": "konstnärlig och kulturell verksamhet",
    "91": "bibliotek, arkiv, museer", "92": "spel- och vadhållningsverksamhet", "93": "sport-, fritids- och nöjesverksamhet",
    "94": "intresseorganisationer", "95": "reparation av datorer och hushållsartiklar", "96": "andra konsumenttjänster",
    "97": "förvärvsarbete i hushåll", "98": "hushållens produktion för eget bruk", "99": "internationella organisationer",
}


def division(code: str) -> str:
    """The two-digit division of an SNI code: "25.620" → "25"."""
    return code.strip()[:2]


def division_name(code: str) -> str:
    return DIVISIONS.get(division(code), f"SNI {division(code)}")


def check_code(code: str) -> str | None:
    """None when ``code`` is a valid SNI 2007 code, else the reason it is not."""
    if not SNI_CODE.match(code.strip()):
        return f"{code!r} is not an SNI code (expected two digits and up to three decimals, e.g. '25.620')"
    if division(code) not in DIVISIONS:
        return f"{code!r} is not an SNI code (no division {division(code)} in SNI 2007)"
    return None
