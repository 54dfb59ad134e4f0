"""Writes bench/labels3/qrels.tsv: 20 profiles x the 24 calls of bench/labels3/calls.jsonl.

The 20 profiles are the 5 of ../shared/eval/profiles/ and the 15 of bench/labels/profiles/.
The script only forms the cross product, applies the grader's call-level and per-company
eligibility decisions, and checks the format; every grade and reason below was written by the
grader reading the call texts and the profiles (blind to the matcher). Call indexes are line
numbers (0-based) in bench/labels3/calls.jsonl. Pairs not listed in G are eligible grade 0 with
the call's topic as the reason ("no stated need is served by ...").
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "labels"))
from grading import graded_rows, load_profiles, read_calls, write_qrels  # noqa: E402

CALLS = HERE / "calls.jsonl"

# What each call is about, used as the reason of eligible grade-0 pairs.
TOPIC = {
    0: "Energimyndigheten's grant for an energy audit in SMEs using over 300 MWh a year",
    1: "Energimyndigheten investment support for energy-efficiency measures in SMEs after an energy audit",
    2: "Energimyndigheten technology-development support for energy efficiency in SMEs after an energy audit",
    3: "Energimyndigheten R&I on industry's energy and climate transition (process emissions, energy-efficient processes)",
    4: "charging infrastructure for heavy trucks at terminals and logistics sites",
    5: "electricity-cost compensation for electricity-intensive companies (autumn 2022)",
    7: "Almi Innovation Loan for prototype, testing and verification of new products",
    8: "Almi loans for companies up to 250 employees in all sectors",
    9: "Almi loans for growth, sustainable transition, testing ideas and buying a company",
    10: "Almi growth loan for innovative companies (EIF InnovFin guarantee)",
    11: "EIT Manufacturing support for SMEs transforming their production lines",
    12: "Horizon Europe I4MS2 innovation action on digital technologies for manufacturing SMEs",
    14: "Innovation Fund small-scale pilots of breakthrough low-carbon technology (CAPEX EUR 2.5-7.5 M)",
    15: "Horizon Europe R&I on localised and urban manufacturing (New European Bauhaus)",
    16: "Eurostars international R&D projects led by an innovative SME",
    17: "LIFE Clean Energy Transition coordination and support actions",
    23: "Region Örebro län consultant checks (90 %) for new offers and transition strategies",
}

# Call-level exclusions that hold for every company.
ALL_INELIGIBLE = {
    6: "Energimyndigheten's competence-centre support goes only to universities, university colleges and research institutes, not to companies",
    13: "The action is run by the EU's business-support networks (EEN, clusters, technology centres); SMEs receive advice but cannot apply",
    18: "Interreg Sverige-Norge covers the border regions (Jämtland, Västernorrland, Värmland, Dalarna, Västra Götaland); Örebro län is outside the programme area",
    19: "Region Värmland investment support only for workplaces in Värmland's support area; Örebro län not covered",
    20: "Region Värmland transition checks only for companies in Värmland (SE311); Örebro län not covered",
    21: "Region Dalarna investment support only for companies operating in Dalarna (SE312); Örebro län not covered",
    22: "Only support actors (industry bodies, regions, authorities, institutes) in Västsverige (Halland, Västra Götaland) may apply",
}


def company_rules(name, emp, founded, sni):
    """Per-company exclusions from size and sector rules stated in the calls."""
    out = {}
    if emp > 249:
        for i, why in [(0, "The energy-audit grant is only for small and medium-sized companies; large company excluded"),
                       (1, "Investment support only for small and medium-sized companies; large company excluded"),
                       (2, "Only small and medium-sized companies may apply; large company excluded"),
                       (7, "Almi lends only to companies with up to 250 employees (Almi's loan rules); large company excluded"),
                       (8, "Almi lends only to companies with up to 250 employees; large company excluded"),
                       (9, "Almi lends only to companies with up to 250 employees (Almi's loan rules); large company excluded"),
                       (10, "Almi lends only to companies with up to 250 employees (Almi's loan rules); large company excluded"),
                       (11, "SME Transform is only for SMEs (under 250 employees); large company excluded"),
                       (23, "Regional transition checks are SME support; large company excluded")]:
            out[i] = why
    if sni.startswith("62"):
        out[11] = "SME Transform is for manufacturing companies transforming their own production lines; the firm is an automation/IT consultancy"
    return out


G = {
 "bageri-orebro": {
   0: (3, "Grant for an energy audit with measures and energy plan: direct hit on cutting oven and cold-room energy (high); a 140-person bakery surely uses over 300 MWh"),
   1: (3, "Investment support for energy-efficiency measures in SME production: direct hit on efficient ovens and cold rooms (high)"),
   2: (2, "Technology-development support for energy-efficiency measures in SMEs fits oven and cold-room energy (high) partly; page only describes the application"),
   3: (1, "Energimyndigheten R&I on energy-efficient industrial processes; oven energy (high) is an investment, not a research need"),
   5: (1, "Electricity-cost compensation for electricity-intensive firms; eases the energy bill but does not cut oven energy (high)"),
   7: (1, "Almi Innovation Loan could finance developing food products with longer shelf life (medium); loan only"),
   8: (1, "Almi loans could co-finance new ovens or cooling; generic"),
   9: (1, "Almi loans for a sustainable transition could co-finance energy-efficient ovens; generic"),
   17: (1, "LIFE Clean Energy Transition CSAs on businesses' energy transition; the bakery could at most be one party"),
   23: (1, "Consultant checks for transition strategies; could help a packaging strategy but the needs are technical investments"),
 },
 "elektronik-karlskoga": {
   3: (0, "No stated need is served by R&I on industry's energy and climate transition; the firm develops electronics"),
   7: (1, "Almi Innovation Loan for prototypes; next-generation sensors with researchers (high) needs R&D partners more than a loan"),
   10: (1, "Almi growth loan for innovative companies; generic for product development"),
   11: (1, "EIT SME Transform for production-line transformation; AI in testing (high) fits only loosely"),
   12: (1, "I4MS2 digital technologies in manufacturing; AI in testing could fit as one party"),
   16: (2, "Eurostars SME-led international R&D fits developing next-generation embedded systems and sensors with research partners (high) partly; civil applications only"),
   23: (1, "Consultant checks for digitalisation/innovation; marginal"),
 },
 "snickeri-laxa": {
   8: (2, "Almi loans for small companies in all sectors fit financing the CNC machine (medium)"),
   9: (2, "Almi loans cover taking over a family business and investments: fit the ownership change and CNC financing (medium) directly"),
   23: (3, "Consultant checks (90 %) for new offers and digitalisation: direct hit on web shop and digital quote/order tools (high), as the same instrument in the 55 calls"),
 },
 "storindustri-orebro": {
   3: (2, "Energimyndigheten R&I on net-zero process emissions and resource-efficient production fits fossil-free manufacturing (high) with academia partly"),
   12: (1, "Horizon innovation action on digital technologies for manufacturing; its outcomes target SMEs and mid-caps, the group fits digital twins/AI (medium) only as a partner"),
   14: (1, "Innovation Fund small-scale pilots; fossil-free production (high) only if a breakthrough technology is piloted"),
   16: (1, "Eurostars is SME-led; the group could join as a partner in R&I with suppliers (medium)"),
 },
 "svets-hallsberg": {
   7: (1, "Almi Innovation Loan is for new products; robot welding is a production investment"),
   8: (1, "Almi loans could co-finance a robot welding cell (high); loan only"),
   9: (1, "Almi loans could co-finance the robot cell; generic"),
   11: (2, "EIT SME Transform funds production-line transformation with expert support: fits robot welding (high), but the 20 % foreign-presence rule is unlikely met"),
   23: (1, "Consultant checks for digitalisation/innovation; lean/robotics not the focus"),
 },
 "arbetsklader-askersund": {
   7: (1, "Almi Innovation Loan could finance developing the women's hi-vis range (low)"),
   8: (1, "Almi loans could finance a CAD pattern system (medium); generic"),
   11: (1, "EIT SME Transform for production transformation; digital CAD patterns (medium) fit loosely and foreign presence is unlikely"),
   23: (1, "Consultant checks could help digital patterns or take-back; generic"),
 },
 "atervinning-kumla": {
   3: (1, "Energimyndigheten R&I on resource efficiency; clean metals from cables and motors (medium) only indirectly"),
   8: (1, "Almi loans could co-finance the sensor sorter (high); loan only"),
   9: (1, "Almi loans for sustainable transition could co-finance sorting equipment; generic"),
   11: (1, "EIT SME Transform is for manufacturers' production lines; a scrap yard's sorter (high) fits only if recycling counts"),
   23: (1, "Consultant checks for digital weighing/invoicing link; generic"),
 },
 "automation-orebro": {
   7: (1, "Almi Innovation Loan could finance developing the machine-data box (medium)"),
   12: (1, "I4MS2 digital technologies for manufacturing SMEs; the firm could be a technology provider in a consortium"),
   23: (2, "Consultant checks for new offers fit building an OT-security service (medium), as the same instrument in the 55 calls"),
 },
 "betong-kumla": {
   3: (2, "Energimyndigheten R&I on cutting greenhouse-gas emissions and resource use fits replacing cement with slag and testing the elements (high) partly"),
   7: (2, "Almi Innovation Loan finances testing and verification: fits testing slag-binder elements against strength requirements (high); loan only"),
   8: (1, "Almi loans could co-finance a formwork robot (medium); generic"),
   9: (1, "Almi loans could co-finance the formwork robot; generic"),
   11: (1, "EIT SME Transform funds production transformation; the formwork robot (medium) fits, but foreign presence is unlikely"),
   14: (1, "Innovation Fund pilots cover construction materials, but a breakthrough pilot is far beyond testing slag binders"),
   16: (1, "Eurostars international R&D; testing new binders (high) could fit only with a foreign partner"),
   23: (1, "Consultant checks; generic"),
 },
 "bryggeri-nora": {
   0: (1, "Energy-audit grant fits cooling electricity (medium), but a 7-person brewery likely uses less than 300 MWh a year"),
   1: (2, "Investment support for energy-efficiency measures in SMEs fits cutting cooling electricity (medium); needs an energy audit first"),
   2: (1, "Technology-development support for energy efficiency; cooling electricity (medium) fits loosely"),
   5: (1, "Electricity-cost compensation for electricity-intensive firms; the cooling bill (medium) only if the brewery counts as electricity-intensive"),
   8: (1, "Almi loans could co-finance the canning line (high); loan only"),
   9: (1, "Almi loans could co-finance the canning line; generic"),
   11: (1, "EIT SME Transform funds production-line transformation; fits the canning line (high), but a micro brewery hardly has 20 % foreign sales"),
   23: (1, "Consultant checks; generic"),
 },
 "eldrift-lekeberg": {
   3: (1, "Energimyndigheten R&I for industry's transition; an electric forwarder drive serves forestry, not industrial processes"),
   7: (2, "Almi Innovation Loan for prototype, testing and production preparation fits the second prototype and the step to a zero series (high); a loan, not risk capital"),
   8: (1, "Almi loans; a loan is a weak fit for a young firm's risk-capital need"),
   9: (1, "Almi loans for testing new ideas; generic for the risk-capital need"),
   10: (2, "Almi growth loan for innovative companies fits financing the step to a zero series (high) partly"),
   16: (2, "Eurostars SME-led international R&D fits building and field-testing the second prototype (high), e.g. with a Norwegian partner"),
   23: (1, "Consultant checks; generic"),
 },
 "farg-orebro": {
   3: (1, "Energimyndigheten R&I on industrial emissions; solvent-borne to water-borne paints (high) is not an energy or greenhouse-gas issue in the first place"),
   7: (2, "Almi Innovation Loan finances testing and verification: fits paying for corrosion and adhesion testing of the new recipes (high); loan only"),
   8: (1, "Almi loans could co-finance the switch to water-borne production; generic"),
   9: (1, "Almi loans for a sustainable transition could co-finance water-borne paints; generic"),
   11: (1, "EIT SME Transform for production transformation; less waste at colour changes (medium) fits, foreign presence unlikely"),
   16: (1, "Eurostars international R&D; bio-based binders (high) could fit only with a foreign partner"),
   23: (1, "Consultant checks for sustainable transition; generic"),
 },
 "fordonskomponenter-laxa": {
   23: (1, "Consultant checks could help the five-year plan or new customer segments; generic"),
 },
 "forsvarsmekanik-degerfors": {
   8: (2, "Almi loans for companies up to 250 employees fit financing two machines and working capital (low) directly"),
   9: (2, "Almi loans when growing too fast (working capital) fit financing machines and larger orders (low) directly"),
   11: (1, "EIT SME Transform for production-line transformation; doubling capacity (high) fits partly, foreign presence unclear"),
   12: (1, "I4MS2 covers secure digital technologies in production; protecting drawings and CNC programs (high) fits only loosely"),
   23: (1, "Consultant checks for cybersecurity; generic"),
 },
 "gruvutrustning-lindesberg": {
   3: (2, "Energimyndigheten R&I on industry's energy and climate transition fits verifying the battery service vehicle for mines (high) partly"),
   7: (2, "Almi Innovation Loan finances testing and verification before market: fits verifying the battery service vehicle (high); loan only"),
   10: (1, "Almi growth loan for innovative companies; series production of the battery vehicle (high) generically"),
   16: (2, "Eurostars SME-led international R&D fits testing and verifying the battery service vehicle (high) partly, e.g. with a Finnish or Canadian partner"),
   23: (1, "Consultant checks; generic"),
 },
 "medicinplast-orebro": {
   7: (1, "Almi Innovation Loan could finance the bio-based disposable product (medium)"),
   8: (1, "Almi loans could co-finance automating assembly; generic"),
   9: (1, "Almi loans could co-finance automation; generic"),
   11: (1, "EIT SME Transform funds production-line transformation; automating cleanroom assembly (medium) fits, foreign presence unclear"),
   16: (1, "Eurostars international R&D; the bio-based disposable (medium) is planned with a local clinic"),
   23: (1, "Consultant checks; generic"),
 },
 "pall-hallefors": {
   8: (2, "Almi loans for small companies fit financing the buy-out of the aunt's shares (medium)"),
   9: (2, "Almi loans explicitly finance taking over the family business: fit the buy-out loan (medium) and the generational change (high) partly"),
   11: (1, "EIT SME Transform for production transformation; the nailing line (medium) fits, foreign presence unlikely"),
   23: (1, "Consultant checks could buy generational-change advice; generic"),
 },
 "sagverk-ljusnarsberg": {
   0: (3, "Grant for an energy audit with measures: direct hit on cutting kiln electricity (high); a sawmill with kilns uses far over 300 MWh"),
   1: (3, "Investment support for energy-efficiency measures in SMEs: direct hit on cutting kiln electricity (high)"),
   2: (2, "Technology-development support for energy efficiency in SMEs fits kiln electricity (high) partly; page only describes the application"),
   3: (1, "Energimyndigheten R&I on energy-efficient processes; kiln energy (high) is an investment, not research"),
   5: (2, "Electricity-cost compensation for electricity-intensive firms fits the kiln electricity bill (high) partly; one-off relief"),
   8: (1, "Almi loans could co-finance kiln measures or a bark-fired boiler; generic"),
   9: (1, "Almi loans for a sustainable transition could co-finance the boiler; generic"),
   11: (1, "EIT SME Transform funds production transformation; camera/AI grading (medium) fits, foreign presence unclear"),
   17: (1, "LIFE Clean Energy Transition CSAs on businesses' energy transition; the sawmill could at most be one party"),
   23: (1, "Consultant checks; generic"),
 },
 "smide-karlskoga": {
   3: (1, "Energimyndigheten R&I on energy-efficient processes; induction heating (high) is established technology, not R&I"),
   5: (2, "Electricity-cost compensation for electricity-intensive firms fits the nearly doubled energy bill of the furnaces (high) partly; one-off relief"),
   14: (1, "Innovation Fund deep-decarbonisation pilots; induction heating is established technology, far below breakthrough"),
   12: (1, "I4MS2 digital technologies for sustainable manufacturing; press/furnace data and traceability (medium) could fit as one party"),
   17: (1, "LIFE Clean Energy Transition CSAs on businesses' energy transition; the forge could at most be one party"),
 },
 "wellpapp-hallsberg": {
   0: (2, "Energy-audit grant for SMEs fits cutting the energy cost of the steam boiler (medium)"),
   1: (2, "Investment support for energy-efficiency measures fits switching the LPG boiler (medium) partly"),
   2: (2, "Technology-development support for energy efficiency in SMEs fits the boiler conversion (medium)"),
   3: (1, "Energimyndigheten R&I on industry's transition; the LPG boiler (medium) and fibre inserts (high) fit loosely"),
   5: (1, "Electricity-cost compensation; the boiler runs on LPG, so it hardly helps"),
   7: (2, "Almi Innovation Loan finances developing and testing new products: fits the fibre-based inserts (high); loan only"),
   8: (1, "Almi loans could co-finance the boiler switch; generic"),
   9: (1, "Almi loans for a sustainable transition could co-finance the boiler switch; generic"),
   10: (1, "Almi growth loan for innovative companies; the fibre inserts generically"),
   11: (1, "EIT SME Transform for production transformation; connecting the corrugator for OEE (medium) fits, foreign presence unclear"),
   12: (1, "I4MS2 digital technologies for manufacturing; real-time OEE (medium) could fit as one party"),
   16: (1, "Eurostars international R&D; fibre inserts (high) only with a foreign partner"),
   23: (1, "Consultant checks; generic"),
 },
}


def main():
    calls = read_calls(CALLS, 24)
    assert set(TOPIC) | set(ALL_INELIGIBLE) == set(range(len(calls))) and not set(TOPIC) & set(ALL_INELIGIBLE)
    profiles = load_profiles()
    assert len(profiles) == 20
    rows = graded_rows(profiles, calls, G, ALL_INELIGIBLE,
                       lambda name, p: company_rules(name, p["employees"], p["founded"], p["sni"][0]),
                       lambda i: f"No stated need is served by {TOPIC[i]}")
    write_qrels(HERE / "qrels.tsv", rows)
    print(len(rows), file=sys.stderr)


if __name__ == "__main__":
    main()
