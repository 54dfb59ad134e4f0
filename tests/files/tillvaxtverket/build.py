"""Builds the saved-page stand-ins of this folder (run: ``python tests/files/tillvaxtverket/build.py``).

The texts are real Tillväxtverket call texts (``../shared/eval/calls.jsonl`` and the search
tool's ``pages`` corpus, URLs below), shortened; the page structure is SOURCES.md's; the markup is
that of ``scrapers/sites/tillvaxtverket.py`` (a guess, see README.md). Dates moved to make an
open or upcoming case at the capture date (2026-11-27) are marked "moved". The files are
committed: the tests read them, not this script, so a later change of the renderer does not
change the fixtures.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from hubb.record import CallRecord
from scrapers.sites.tillvaxtverket import detail_page, listing_pages, rss
from scrapers.spiders.tillvaxtverket import LISTING_PATH, RSS_PATH

HERE = Path(__file__).resolve().parent
HOST = "tillvaxtverket.se"
CALLS = "https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/utlysningar/utlysningar/"


def rec(slug_id: str, title: str, summary: str, text: str, **fields) -> CallRecord:
    return CallRecord(source="tillvaxtverket", id=slug_id.rsplit(".", 1)[1], url=f"{CALLS}{slug_id}.html",
                      title=title, summary=summary, text=text, funder="Tillväxtverket", **fields)


RECORDS = [
    # pages corpus: …/utvecklafardigheterforsmartspecialiseringiostramellansverige.6480.html — closed,
    # Östra Mellansverige, organisations only ("Stöd kan inte ges direkt till företag")
    rec("utvecklafardigheterforsmartspecialiseringiostramellansverige.6480",
        "Utveckla färdigheter för smart specialisering i Östra Mellansverige",
        "Nu finns möjlighet att söka EU-finansiering för att utveckla färdigheter inom smart specialisering. "
        "Projekten ska beskriva hur de bidrar till en eller flera av Östra Mellansveriges utpekade utmaningar; "
        "smart industri, energilösningar, hållbar livsmedelsförsörjning, life science-välfärd och e-hälsa.",
        "Vem kan söka?\n\nFöretagsfrämjande aktörer som exempelvis samverkansorganisationer, offentlig sektor "
        "och lärosäten. Stöd kan inte ges direkt till företag för utveckling av egen verksamhet.\n\n"
        "Vad kan ni söka för?\n\nProjekt och förstudier med syfte att utveckla färdigheter för smart "
        "specialisering\n\nHur mycket kan ni få i stöd?\n\nRegionalfonden kan finansiera maximalt 40 procent "
        "av de totala kostnaderna.\n\nVad handlar erbjudandet om?\n\nSmart specialisering och innovation samt "
        "efterföljande samhällsomställning ställer krav på både arbetsgivarnas strategiska "
        "kompetensförsörjning och den enskildes långsiktiga förutsättningar för kompetensutveckling.\n\n"
        "Projektsökande ska i ansökan beskriva hur insatserna förhåller sig till Östra Mellansveriges "
        "utmaningsområden:\n\n• Smart industri\n• Morgondagens energilösningar\n• Hållbar "
        "livsmedelsförsörjning\n• Life science-välfärd och e-hälsa",
        status="closed", deadline=date(2024, 3, 19), regions=["SE12"]),
    # eval/calls.jsonl 7085 — upcoming (opening moved from 12 augusti 2024 to 12 januari 2027), Övre Norrland
    rec("insatserforattframjacirkularekonomiinomovrenorrland.7085",
        "Insatser för att främja cirkulär ekonomi inom Övre Norrland",
        "Nu är det möjligt för aktörer i Västerbotten och Norrbotten att söka finansiering för insatser som "
        "främjar ökad cirkularitet.",
        "Vem kan söka?\n\nOffentliga aktörer, universitet/högskolor, forskningsinstitut, företagsfrämjande "
        "aktörer ekonomiska föreningar och civilsamhället.\n\nVad kan ni söka för?\n\nProjekt och förstudier "
        "med syfte att verka för en omställning till en cirkulär ekonomi i Övre Norrland.\n\nHur mycket kan ni "
        "få i stöd?\n\nEtt projekt kan maximalt beviljas 50 procent av sin totala budget i stöd. Budget för "
        "utlysningen är 30 miljoner kronor. Observera att budgeten för utlysningen är preliminär och kan komma "
        "att höjas.\n\nVad handlar erbjudandet om?\n\n2.6 Främja cirkulär ekonomi\n\nFör många små och "
        "medelstora företag är det särskilt utmanande att hitta en fungerande cirkulär affärsmodell som är "
        "lönsam, samtidigt som företagen behöver genomföra stora förändringar i verksamheten.",
        status="upcoming", opens=date(2027, 1, 12), regions=["SE33"]),
    # eval/calls.jsonl 5385 — open (closing moved from 12 december 2023 to 12 december 2026), Skåne-Blekinge
    rec("villnibidratilltillvaxtochstarktkonkurrenskrafthossmaochmedelstoraforetag.5385",
        "Vill ni bidra till tillväxt och stärkt konkurrenskraft hos små och medelstora företag?",
        "Nu söker vi en Region eller statlig myndighet i Skåne-Blekinge som vill arbeta för att stärka små och "
        "medelstora företags hållbara tillväxt.",
        "Vem kan söka?\n\nRegioner och regionalt utvecklingsansvarig aktör eller annan statlig myndighet.\n\n"
        "Vad kan ni söka för?\n\nRamprojekt för regionala företagsstöd\n\nHur mycket kan ni få i stöd?\n\n"
        "Max 40 procent av ett projekts kostnader. Totalt finns cirka 57,7 miljoner för alla delutlysningar "
        "för Skåne-Blekinge.\n\nVad handlar erbjudandet om?\n\nUtlysningen är öppen för ramprojekt inom "
        "specifikt mål 1.3 Stärk små och medelstora företags tillväxt och konkurrenskraft.",
        status="open", deadline=date(2026, 12, 12), regions=["SE22"]),
    # pages corpus: …/starkforetagskompetensforsorjningochframjaentreprenorskap.5700.html — closed, change notes
    rec("starkforetagskompetensforsorjningochframjaentreprenorskap.5700",
        "Stärk företags kompetensförsörjning och främja entreprenörskap",
        "Vill ni arbeta för en stärkt kompetensförsörjning hos små och medelstora företag inom Skåne och "
        "Blekinges styrkeområden? Eller verka för ett ökat entreprenörskap? Nu finns det möjlighet till "
        "EU-finansiering för aktörer i Skåne och Blekinge län.",
        "Vem kan söka?\n\nAktörer som främjar innovation och företagande, samt regioner, kommuner, idéburen "
        "sektor, utbildningsaktörer med flera.\n\nVad kan ni söka för?\n\nProjekt och förstudier med syfte att "
        "stärka företags kompetensförsörjning och främja entreprenörskap.\n\nHur mycket kan ni få i stöd?\n\n"
        "Max 40 procent av ett projekts kostnader. Förstudier kan max få 744 000 kronor. Totalt finns "
        "preliminärt cirka 57,7 miljoner för alla delutlysningar för Skåne-Blekinge.\n\nVad handlar "
        "erbjudandet om?\n\nUtlysning uppdaterad 2023-12-15, öppningsdatum ändrat till 13 februari.\n\n"
        "Utlysning uppdaterad 2024-02-07, globala mål justerade.\n\nUtlysningen är öppen för projekt eller "
        "förstudier inom specifikt mål 1.4 Utveckla färdigheter för smart specialisering.",
        status="closed", deadline=date(2024, 3, 19), regions=["SE22"]),
    # eval/calls.jsonl 3011 (automationscheckar) — no deadline stated (the real page said "Stänger 30
    # september 2024"; removed for the no-deadline case), all of Sweden, companies
    rec("automationscheckar.3011",
        "Stöd till utveckling av produktionen i industriföretag",
        "Tillväxtverket erbjuder företag att söka stöd till sin utveckling inom två olika områden: Automation "
        "respektive produktionskompetens.",
        "Vem kan söka?\n\nSmå och medelstora tillverkande företag med minst 3 anställda. Företagets SNI-kod "
        "måste börja med siffrorna 10, 11 eller 13-33 med undantag av 10.2.\n\nHur mycket kan ni få i stöd?\n\n"
        "Checken täcker upp till 50 procent av kostnaden för extern kompetens, högst 250 000 kronor.\n\n"
        "Syftet med checkarna\n\nSmå svenska verkstadsföretag har sämre produktivitetsutveckling än större. "
        "Denna utlysning riktar sig därför till små industriföretag som vill förbättra sin långsiktiga "
        "konkurrenskraft.",
        status="open", regions=["SE"]),
    # eval/calls.jsonl 4783 — open (closing moved from 13 september 2023 to 15 januari 2027), Östra
    # Mellansverige, with the change note phrasing of SOURCES.md
    rec("framjaovergangentillencirkularekonomiiostramellansverige.4783",
        "Främja övergången till en cirkulär ekonomi i Östra Mellansverige",
        "Vill ni bidra till ett mer cirkulärt och resurseffektivt Östra Mellansverige? Nu finns EU-finansiering "
        "att söka. Små och medelstora företag är slutlig målgrupp för insatserna.",
        "Vem kan söka?\n\nEnergikontor, offentlig sektor och samverkansorganisationer i form av exempelvis "
        "företagsorganisationer kan söka stöd\n\nVad kan ni söka för?\n\nProjekt och förstudier med syfte att "
        "bidra till en mer cirkulär och resurseffektiv ekonomi\n\nHur mycket kan ni få i stöd?\n\n"
        "Regionalfonden kan finansiera maximalt 40 procent av de totala kostnaderna för ett projekt eller "
        "förstudie\n\nVad handlar erbjudandet om?\n\nObservera att det 2024-05-20 skett ändringar i avsnittet "
        "Hur mycket kan ni få i stöd.\n\nI den här utlysningen kan ni söka finansiering för projekt som bidrar "
        "till att små och medelstora företag i Östra Mellansverige är en del av den cirkulära ekonomin i högre "
        "grad.",
        status="open", deadline=date(2027, 1, 15), regions=["SE12"]),
    # eval/calls.jsonl 3477 — closed, Småland och öarna, "Region …" tags; organisations with SMEs as target
    rec("starkforetagskonkurrenskraftinnovationochdigitalisering.3477",
        "Stärk företags konkurrenskraft, innovation och digitalisering",
        "Stärk forskning och innovation, säkra nyttan av digitalisering eller stärk små och medelstora företags "
        "konkurrenskraft. Nu finns möjligheter att söka finansiering för insatser i Jönköpings, Kalmar, "
        "Kronobergs och Gotlands län.",
        "Vem kan söka?\n\nOrganisationer med små och medelstora företag som målgrupp. Även offentlig sektor, "
        "såsom kommuner, regioner och statliga myndigheter.\n\nVad kan ni söka för?\n\nStärk små och "
        "medelstora företags konkurrenskraft, innovationskraft och digitaliseringsresa\n\nHur mycket kan ni "
        "få i stöd?\n\n40 procent av era projektkostnader\n\nVad handlar erbjudandet om?\n\nSök inom följande "
        "specifika mål\n\n• 1.1 Stärk forskning och innovation\n• 1.2 Säkra nyttan av digitaliseringen\n"
        "• 1.3 Stärk små och medelstora företags tillväxt och konkurrenskraft",
        status="closed", deadline=date(2023, 3, 16), regions=["SE21"]),
]

#: the real page prints its region tags so: "Region Gotland", "Region Jönköpings län", …
REAL_TAGS = {"3477": ["Region Gotland", "Region Jönköpings län", "Region Kalmar län", "Region Kronoberg"]}


def write(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def page_file(url_path: str) -> Path:
    # "?page=2" → "….page-2.html" (a file name cannot hold the query)
    m = re.match(r"(.*)\.html\?page=(\d+)$", url_path)
    if m:
        url_path = f"{m[1]}.page-{m[2]}.html"
    return HERE / HOST / url_path.lstrip("/")


def main() -> None:
    for path, body in listing_pages(RECORDS, page_size=4).items():
        write(page_file(path), body)
    write(page_file(RSS_PATH), rss(RECORDS))
    for record in RECORDS:
        body = detail_page(record).decode()
        if record.id in REAL_TAGS:
            tags = "".join(f'<li class="tvv-call-region">{t}</li>' for t in REAL_TAGS[record.id])
            body = re.sub(r'(<li class="tvv-call-status">[^<]*</li>).*?</ul>', rf"\1{tags}</ul>", body, count=1)
        if record.id == "3011":
            body = body.replace('<li class="tvv-call-status">Öppen</li>', "")  # no status line at all
        write(page_file(record.url.split(HOST, 1)[1]), body.encode())
    # the changed layout: the same 3477 page with every class renamed (a redesign)
    original = (page_file(RECORDS[-1].url.split(HOST, 1)[1])).read_text(encoding="utf-8")
    changed = (original.replace("tvv-call-meta", "c-meta-list").replace("tvv-call-", "c-")
               .replace("sv-font-ingress", "c-preamble").replace('id="svid12_content"', 'id="c-body"')
               .replace("sv-layout content", "c-layout"))
    write(HERE / "changed-layout" / HOST / RECORDS[-1].url.split(HOST, 1)[1].lstrip("/"), changed.encode())
    # the listing of a redesign that lists no calls: the spider falls back to the RSS feed
    listing = page_file(LISTING_PATH).read_text(encoding="utf-8")
    empty = re.sub(r'<ul class="tvv-call-list">.*?</ul>', "<p>Inga utlysningar att visa.</p>", listing, flags=re.S)
    empty = re.sub(r'<div class="pagination">.*?</div>', "", empty)
    write(HERE / "rss-fallback" / HOST / LISTING_PATH.lstrip("/"), empty.encode())
    write(HERE / "rss-fallback" / HOST / RSS_PATH.lstrip("/"), rss(RECORDS[:2]))
    for record in RECORDS[:2]:
        write(HERE / "rss-fallback" / HOST / record.url.split(HOST, 1)[1].lstrip("/"), detail_page(record))


if __name__ == "__main__":
    main()
