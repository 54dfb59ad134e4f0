"""Writes bench/labels/qrels_more.tsv: 20 profiles x the 40 calls of bench/labels/calls.jsonl.

The 20 profiles are the 5 of ../shared/eval/profiles/ and the 15 of bench/labels/profiles/.
The script only forms the cross product, applies the grader's call-level and per-company
eligibility decisions, and checks the format; every grade and reason below was written by the
grader reading the full call texts and the profiles (blind to the matcher). Call indexes are
line numbers (0-based) in bench/labels/calls.jsonl. Pairs not listed in G are eligible grade 0
with the call's topic as the reason ("no stated need is served by ...").
"""
import pathlib
import sys

from grading import graded_rows, load_profiles, read_calls, write_qrels

HERE = pathlib.Path(__file__).resolve().parent
CALLS = HERE / "calls.jsonl"

# What each call is about, used as the reason of eligible grade-0 pairs.
TOPIC = {
    0: "pandemic-transformation projects limited to collective travel, culture, remote rehabilitation and social unrest",
    1: "planning grants for SMEs preparing an international R&I proposal",
    2: "planning grants to build and lead a world-leading cluster of excellence",
    3: "Metals & Minerals feasibility studies on sustainable metal and mineral supply",
    4: "FFI R&I on transport and mobility services",
    5: "FFI R&D on traffic-safe automated vehicles",
    6: "LIGHTer short projects for SMEs in lightweight technology",
    7: "SIP Metalliska material research projects of the steel and aluminium industry",
    8: "Produktion2030 research consortia for manufacturing industry",
    9: "Vinnova support to build Horizon Europe consortia (clusters 4 and 6)",
    10: "innovation checks (about 100 000 kr) for SMEs buying knowledge for new products/processes",
    11: "BioInnovation Sweden-Finland call on key process technologies for bio-based products",
    12: "ERUF Östra Mellansverige pre-studies by organisations taking long-term regional responsibility",
    17: "automation checks (Robotlyftet) for manufacturing SMEs preparing automation investments",
    20: "free energy-efficiency support (walk-throughs, coaching) for SMEs in Östra Mellansverige",
    21: "news that Region Örebro län moves more money to regional company support",
    26: "Energimyndigheten business-development support for energy innovations near market",
    27: "regional energy-efficiency networks for SMEs using over 1 GWh electricity a year",
    29: "Almi green loan for investments meeting EU taxonomy objectives",
    30: "Almi Invest venture capital for start-ups",
    31: "Almi Smart Tillväxt advice on finance, leadership, sales and marketing",
    32: "EIC Pathfinder breakthrough low-TRL research",
    33: "Innovation Fund pilots for breakthrough deep-decarbonisation technology",
    35: "LIFE nature and biodiversity projects",
    36: "ESF Östra Mellansverige projects for competence development and inclusion",
    37: "Jordbruksverket investment support for farms and small food processors",
    39: "Klimatklivet investment support for emission-cutting measures",
}

# Call-level exclusions that hold for every company.
ALL_INELIGIBLE = {
    13: "Only established national organisations that strengthen production competence may apply; companies are the target group",
    14: "Only universities, research institutes and similar actors in Övre Norrland (SE33) may apply",
    15: "Småland och Öarna (SE21) only, and only organisations, academia and public sector may apply",
    16: "Only regionally responsible development actors may apply for the React-EU check budget",
    18: "Grant for individual professional artists; companies cannot apply",
    19: "Culture scholarship for persons or groups; companies cannot apply",
    22: "IUC Gävleborg project for SMEs in Gävleborg (SE313) only; Örebro län not covered",
    23: "Kompetenskraft Industri NMS for SMEs in Dalarna, Värmland and Gävleborg only; Örebro län not covered",
    24: "IUC Väst Catalyst project for Fyrbodal and Sjuhärad (SE232) only; Örebro län not covered",
    25: "Only municipalities may apply for extended energy and climate advice",
    28: "Funding goes to regional innovation environments via agreements; companies cannot apply",
    34: "Interreg Central Baltic programme area (Swedish part: Stockholm, Uppsala, Södermanland, Östergötland, Gotland, Gävleborg) does not include Örebro län",
    38: "Only PhD researchers at Swedish universities and research institutes may apply",
}


def company_rules(name, emp, founded, sni):
    """Per-company exclusions from size, age and sector rules stated in the calls."""
    out = {}
    age = 2026 - founded
    if emp > 249:
        for i, why in [(1, "Only SMEs among companies may apply; large company excluded"),
                       (6, "LIGHTer Småföretag is only for SMEs; large company excluded"),
                       (10, "Innovation checks are only for SMEs; large company excluded"),
                       (17, "Automation checks are only for small and medium-sized manufacturers; large company excluded"),
                       (20, "Energy project only for SMEs; large company excluded"),
                       (21, "Regional company support is SME support; large company excluded"),
                       (27, "Energy-efficiency networks are only for SMEs; large company excluded"),
                       (29, "Almi green loan is only for SMEs; large company excluded"),
                       (31, "Smart Tillväxt is only for SMEs; large company excluded")]:
            out[i] = why
    if age > 10:
        out[30] = f"Almi Invest venture capital only for new start-ups; established firm founded {founded}"
    food = sni.startswith("10") or sni.startswith("11")
    if not food:
        out[37] = "Only farms and small companies processing agricultural products into food may apply; not a food company"
    elif emp >= 50:
        out[37] = f"Only small companies with fewer than 50 employees; the company has {emp} employees"
    if sni.startswith("62"):
        out[17] = "Automation checks are for manufacturing companies; the firm is an automation/IT consultancy"
    return out


IUC_CHECK = "Innovation check (about 100 000 kr, distributed by Almi/IUC) to buy external knowledge"
G = {
 "bageri-orebro": {
   10: (2, f"{IUC_CHECK} fits developing food products with longer shelf life (medium), generic"),
   12: (1, "ERUF ÖMS pre-study on low-carbon transition is open to AB, but aimed at actors with regional responsibility; oven energy (high) only loosely"),
   20: (3, "Free energy walk-throughs and coaching for SMEs in Örebro län: direct hit on cutting oven and cold-room energy (high)"),
   21: (1, "More regional company support in Örebro län could co-fund new ovens; growth-oriented, not energy-specific"),
   27: (3, "Energy-efficiency network with energy mapping and expert advice for SMEs: direct hit on cutting oven and cold-room energy (high); 1 GWh threshold likely met"),
   29: (2, "Almi green loan fits financing energy-efficient ovens/cooling (high); loan only"),
   31: (1, "Smart Tillväxt sales and marketing advice fits reaching Nordic retail with own brand (low)"),
   39: (2, "Klimatklivet co-funds conversion to fossil-free energy in industry: fits fossil-free oven energy (high) partly"),
 },
 "elektronik-karlskoga": {
   1: (1, "Planning grant helps an SME prepare an international R&I proposal; fits research collaboration (high) only if it joins such a call"),
   2: (1, "Cluster-of-excellence planning in AI/semiconductors; the firm could be a member, far from leading one"),
   5: (1, "FFI automated-vehicle R&D could use sensors; the firm's customers are defence/industry, not vehicles"),
   8: (1, "Produktion2030 research consortia; the firm's R&D needs are products, not production"),
   9: (1, "Support to build a Horizon Europe consortium (cluster 4 digital/industry) fits R&D with researchers loosely"),
   10: (2, f"{IUC_CHECK} from universities/institutes fits next-generation sensors and embedded systems with researchers (high), small and generic"),
   21: (1, "More regional company support in Örebro län; loosely useful for growth investments"),
   31: (1, "Smart Tillväxt sales advice; export to European defence customers (medium) only generically"),
 },
 "snickeri-laxa": {
   17: (1, "Automation check can prepare a CNC investment (medium) but does not finance it"),
   21: (2, "More regional company support in Örebro län fits co-funding the CNC machine (medium)"),
   31: (1, "Smart Tillväxt leadership and strategy advice; the ownership change (medium) only generically"),
 },
 "storindustri-orebro": {
   2: (1, "Cluster-of-excellence planning in materials and production technology; the group could join, R&I with academia (medium) loosely"),
   3: (1, "Metals & Minerals feasibility study; fossil-free manufacturing is adjacent to metal supply"),
   7: (1, "Metallic-materials research with research performers; fossil-free manufacturing (high) only indirectly"),
   8: (2, "Produktion2030 research consortia on resource-efficient production and simulation fit R&I with academia (medium) and digital twins (medium)"),
   9: (1, "Support to build a Horizon Europe consortium on industry (cluster 4) fits R&I projects (medium) loosely"),
   12: (1, "ERUF ÖMS pre-study on low-carbon transition; open to AB but aimed at regional development actors"),
   33: (1, "Innovation Fund deep-decarbonisation pilots; fossil-free production (high) only if a breakthrough technology is piloted"),
   39: (2, "Klimatklivet co-funds conversion from fossil fuels in industry: fits fossil-free production (high) per local investment"),
 },
 "svets-hallsberg": {
   8: (1, "Produktion2030 research on flexible manufacturing; robot welding is an investment, not a research need"),
   17: (3, "Automation check buys external expertise to prepare robot investments and retrain staff: direct hit on robot welding and robot-programming skills (high)"),
   21: (2, "More regional company support in Örebro län could co-fund a robot welding cell (high); generic instrument"),
   36: (2, "ESF ÖMS competence development for employees fits training staff in robot programming (high); heavy project form for a 35-person firm"),
 },
 "arbetsklader-askersund": {
   10: (2, f"{IUC_CHECK} fits developing and testing the women's hi-vis range (low) directly; the take-back need (high) is a partner search"),
   21: (1, "More regional company support could co-fund a CAD pattern system (medium); generic"),
   29: (1, "Almi green loan could finance a take-back system (high); the need is a partner, not a loan"),
   31: (1, "Smart Tillväxt advice; no market or leadership need beyond testing hi-vis with customers"),
   36: (2, "ESF ÖMS competence development for employees fits training new seamstresses in-house (medium)"),
 },
 "atervinning-kumla": {
   3: (2, "Metals & Minerals feasibility studies on resilient metal supply fit recovering clean metals from cables and motors (medium)"),
   7: (1, "Metallic-materials research; clean recycled metals (medium) only indirectly"),
   10: (1, f"{IUC_CHECK}; could support cable/motor fraction process development (medium) loosely"),
   17: (1, "Automation check fits preparing a sensor sorter/robot (high), but checks are for manufacturers and a recycler may not qualify"),
   21: (2, "More regional company support in Örebro län could co-fund the sensor sorter (high); generic instrument"),
   29: (1, "Almi green loan could finance circular-economy sorting equipment (high); loan only"),
 },
 "automation-orebro": {
   10: (2, f"{IUC_CHECK} fits developing the machine-data box with customers (medium)"),
   21: (1, "More regional company support; generic for growth"),
   31: (1, "Smart Tillväxt sales and marketing advice fits reaching small manufacturers outside Örebro (low)"),
   36: (1, "ESF ÖMS competence development is for employees; taking in and training interns (high) fits only partly"),
 },
 "betong-kumla": {
   10: (2, f"{IUC_CHECK} from institutes fits testing slag binders against strength requirements (high), generic"),
   17: (2, "Automation check prepares a formwork-laying robot investment (medium)"),
   21: (1, "More regional company support could co-fund a formwork robot (medium); generic"),
   29: (1, "Almi green loan for climate investments; lower-CO2 elements (high) need testing rather than a loan"),
   33: (1, "Innovation Fund pilots include products substituting cement, but a breakthrough pilot is far beyond testing slag binders"),
   39: (1, "Klimatklivet funds own emission cuts; the high need is lower CO2 in the product"),
 },
 "bryggeri-nora": {
   10: (1, f"{IUC_CHECK}; batch quality measurement (medium) fits loosely"),
   17: (3, "Automation check prepares the semi-automatic canning line investment: direct hit on the automation need (high)"),
   20: (2, "Free energy walk-throughs and coaching for SMEs in Örebro län fit cutting cooling electricity (medium)"),
   21: (2, "More regional company support in Örebro län could co-fund the canning line (high); generic instrument"),
   27: (1, "Energy network fits cooling electricity (medium), but a 7-person brewery likely uses far less than 1 GWh"),
   29: (1, "Almi green loan could finance efficient cooling (medium); small measures"),
   31: (1, "Smart Tillväxt sales advice fits reaching Systembolaget and Oslo bars (low)"),
   37: (2, "Investment support for small food processors fits the canning line (high), but it is unclear whether beer counts as processing agricultural products"),
 },
 "eldrift-lekeberg": {
   6: (1, "LIGHTer short validation projects for SMEs; lightweight technology only loosely fits the drive pack"),
   10: (2, f"{IUC_CHECK} fits building and testing the second prototype (high), small and generic"),
   21: (1, "More regional company support; generic for a start-up's financing need"),
   26: (3, "Energimyndigheten business-development support for energy innovations near market fits funding prototype to zero series of the electric drive pack (high)"),
   29: (1, "Almi green loan; a loan is a weak fit for risk-capital needs of a young firm"),
   30: (3, "Almi Invest venture capital for innovative start-ups: direct hit on the risk-capital need from prototype to zero series (high)"),
   31: (1, "Smart Tillväxt sales advice fits finding first paying customers (low)"),
 },
 "farg-orebro": {
   10: (2, f"{IUC_CHECK} from institutes fits buying salt-spray/adhesion testing for the new recipes (high), small and generic"),
   11: (2, "BioInnovation consortium call on process steps for bio-based materials and chemicals fits bio-based binders (high) partly"),
   21: (1, "More regional company support; generic"),
   29: (1, "Almi green loan could finance the switch to water-borne production (high); loan only"),
 },
 "fordonskomponenter-laxa": {
   4: (1, "FFI transport-services R&I; coordinating outgoing transports (low) only loosely"),
   21: (1, "More regional company support; generic for growth"),
   31: (2, "Smart Tillväxt advice on strategy, sales and marketing fits finding new customers (high) and the five-year plan (medium) partly"),
 },
 "forsvarsmekanik-degerfors": {
   10: (1, "Innovation checks buy new knowledge; capacity and cybersecurity needs fit loosely"),
   17: (2, "Automation check fits raising capacity (high) through automation, generically"),
   21: (2, "More regional company support in Örebro län could co-fund new machines for capacity (high) partly"),
   36: (1, "ESF ÖMS competence development for employees; the apprenticeship with the gymnasium (medium) only partly"),
 },
 "gruvutrustning-lindesberg": {
   3: (2, "Metals & Minerals feasibility study with a mine partner fits verifying the battery service vehicle (high) partly"),
   10: (2, f"{IUC_CHECK} fits verifying the battery service vehicle (high), small and generic"),
   21: (1, "More regional company support; generic"),
   26: (2, "Energimyndigheten business-development support for near-market energy innovations fits bringing the battery vehicle to series (high) partly"),
   31: (1, "Smart Tillväxt sales advice; export to Finland and Canada (medium) only generically"),
   36: (1, "ESF ÖMS competence development could train service technicians (low)"),
 },
 "medicinplast-orebro": {
   10: (2, f"{IUC_CHECK} fits developing the bio-based disposable product with a clinic (medium)"),
   11: (1, "BioInnovation call on bio-based process technologies; the bio-based product (medium) fits loosely"),
   17: (2, "Automation check prepares automating cleanroom assembly and packing (medium)"),
   21: (1, "More regional company support could co-fund automation; generic"),
   36: (1, "ESF ÖMS competence development fits training operators in cleanroom work (low)"),
 },
 "pall-hallefors": {
   17: (2, "Automation check prepares the nailing line with automatic stacking (medium)"),
   21: (2, "More regional company support in Örebro län could co-fund the nailing line (medium)"),
   31: (2, "Smart Tillväxt advice on finance, leadership and strategy fits planning the generational change (high) generically"),
   29: (1, "Almi green loan could finance repairing and taking back used pallets (low); loan only"),
 },
 "sagverk-ljusnarsberg": {
   10: (1, f"{IUC_CHECK}; camera/AI grading (medium) fits loosely"),
   12: (1, "ERUF ÖMS pre-study on low-carbon transition; open to AB but aimed at regional development actors"),
   17: (2, "Automation check could prepare automatic camera grading (medium)"),
   20: (3, "Free energy walk-throughs and coaching for SMEs in Örebro län: direct hit on cutting kiln electricity (high)"),
   21: (1, "More regional company support; generic"),
   27: (3, "Energy-efficiency network with energy mapping and expert advice for SMEs using over 1 GWh: direct hit on kiln electricity (high)"),
   29: (2, "Almi green loan fits financing kiln energy measures or a bark-fired boiler (high); loan only"),
   36: (2, "ESF ÖMS competence development fits training own maintenance technicians and operators (high) partly"),
   39: (1, "Klimatklivet funds fossil-to-renewable conversions; replacing grid electricity with bark cuts little emission"),
 },
 "smide-karlskoga": {
   3: (1, "Metals & Minerals feasibility study; lower-climate steel grades (low) only indirectly"),
   7: (2, "Metallic-materials research with research performers fits forging new low-climate steel grades and verifying strength (low)"),
   8: (1, "Produktion2030 research consortia; press and furnace data (medium) fits loosely"),
   12: (1, "ERUF ÖMS pre-study on low-carbon transition; open to AB but aimed at regional development actors"),
   33: (1, "Innovation Fund deep-decarbonisation pilots; induction heating is established technology, far below breakthrough"),
   36: (2, "ESF ÖMS competence development for employees fits passing on retiring smiths' skills (high) partly"),
   39: (3, "Klimatklivet co-funds conversion from fossil fuel in industry: direct hit on stopping LPG-fired furnaces (high)"),
 },
 "wellpapp-hallsberg": {
   10: (2, f"{IUC_CHECK} fits developing and drop-testing fibre-based inserts (high), small and generic"),
   11: (2, "BioInnovation consortium call on bio-based materials fits fibre-based cushioning inserts (high) partly"),
   12: (1, "ERUF ÖMS pre-study on low-carbon transition; open to AB but aimed at regional development actors"),
   17: (1, "Automation check; machine connectivity and OEE (medium) is not automation"),
   20: (2, "Free energy support for SMEs in Örebro län fits cutting boiler energy cost (medium)"),
   21: (1, "More regional company support; generic"),
   27: (2, "Energy-efficiency network for SMEs over 1 GWh fits the energy cost of the LPG boiler (medium)"),
   29: (2, "Almi green loan fits switching the LPG boiler to electricity or biofuel (medium)"),
   36: (1, "ESF ÖMS competence development could train operators in preventive maintenance (low)"),
   39: (2, "Klimatklivet co-funds conversion from LPG to fossil-free in industry: fits the steam boiler (medium)"),
 },
}


def main():
    calls = read_calls(CALLS, 40)
    profiles = load_profiles()
    assert len(profiles) == 20
    rows = graded_rows(profiles, calls, G, ALL_INELIGIBLE,
                       lambda name, p: company_rules(name, p["employees"], p["founded"], p["sni"][0]),
                       lambda i: f"No stated need is served by {TOPIC[i]}")
    write_qrels(HERE / "qrels_more.tsv", rows)
    print(len(rows), file=sys.stderr)


if __name__ == "__main__":
    main()
