"""Writes bench/labels/qrels.tsv from the grader's hand judgements on ../shared/eval/calls.jsonl.

The script only forms the profile x call cross product and checks the format; every grade,
eligibility decision and reason below was written by the grader reading both texts (blind to
the matcher). Call indexes are line numbers (0-based) in ../shared/eval/calls.jsonl.
"""
import pathlib

from grading import graded_rows, load_profiles, read_calls, shared_eval, write_qrels

HERE = pathlib.Path(__file__).resolve().parent
CALLS = shared_eval() / "calls.jsonl"

# Call-level exclusions that hold for every company (applicant type / region / running projects).
ALL_INELIGIBLE = {
    5: "ERUF Övre Norrland (SE33) only; Örebro län not covered (companies cannot apply either)",
    6: "ERUF Småland och öarna (SE21) only; Örebro län not covered (only organisations/public sector apply)",
    7: "Skåne-Blekinge (SE22) only, and only regions/state agencies may apply",
    8: "Only regionally responsible development actors (regions) may apply",
    9: "Only the 21 regionally responsible development actors may apply",
    10: "Round only open to already existing ERUF-funded projects; the company runs no such project",
    11: "Funds organisations developing industrialisation hubs; SMEs are the hubs' target group, not applicants",
    12: "Only regionally responsible development actors may apply",
    13: "Plan of ERUF ÖMS calls run by support actors/public sector with SMEs as final target group; companies cannot apply",
    17: "ERUF ÖMS: public bodies, associations and organisations apply, normally not companies",
    20: "Regional RUS project funds for development projects run by organisations; not company support",
    23: "Only SME steel/metal subcontractors in Norrbotten/Västerbotten (SE33); project also ended early",
    24: "Only companies in Västernorrland (SE321)",
    26: "Only companies with a workplace in Sörmland (SE122)",
    27: "Only energy offices, public sector and business organisations may apply; SMEs are only the final target group",
    40: "Just Transition Fund call for Norrbotten/Västerbotten (SE33) only; only support organisations apply",
    43: "Association grant: only associations with regional activity may apply",
    44: "Literature grant: only private persons (authors) may apply",
    54: "Region Sörmland checks: the firm must have a workplace registered in Sörmland (SE122)",
}

def size_rules(emp, founded, sni):
    """Per-company exclusions from size, age and sector rules stated in the calls."""
    out = {}
    age = 2026 - founded
    if age > 5:
        out[15] = "Only start-ups younger than 5 years with low turnover; established firm"
    if emp > 249:
        for i, why in [(0, "Only AB with up to 249 employees; large company excluded"),
                       (19, "Company support only for firms with max 249 employees"),
                       (21, "Regional transition checks are SME support; large company excluded"),
                       (25, "Only SMEs (incl. start-ups and spin-outs)"),
                       (29, "Only SMEs can receive funding"),
                       (39, "Checks aimed at small industrial companies (SME support); large company excluded"),
                       (42, "Almi services are for companies with up to 250 employees")]:
            out[i] = why
    else:
        out[41] = f"Only large private companies with more than 250 employees; the company has {emp} employees"
    if emp > 49:
        out[38] = f"Checks only for firms with 2-49 employees; the company has {emp} employees"
    if emp > 50:
        out[45] = f"Project only for companies with up to 50 employees; the company has {emp} employees"
    if age < 5 or emp < 5:
        out[36] = "Only established companies at least five years old with at least five employees"
    if not (sni.startswith("1") or sni.startswith("2") or sni.startswith("30") or sni.startswith("31") or sni.startswith("32") or sni.startswith("33")) or sni.startswith("12"):
        out[39] = "Automation/production checks require SNI 10, 11 or 13-33; the company's SNI is outside manufacturing"
    return out

IUC = (1, "IUC broker for county industry; general support")
# profile -> {call index: (grade, reason)} for eligible pairs with grade >= 1.
G = {
 "arbetsklader-askersund": {0: (2, "SME innovation project for developing and testing new products fits the women's hi-vis range tested with customers (low) directly"),
   3: (1, "Could be one party in a circular-production demonstrator; far from a textile take-back system"),
   19: (1, "Regional company support could co-fund a CAD pattern system; generic"), 21: (1, "Consultant checks could help digital patterns or take-back; generic"),
   22: IUC, 33: (2, "Circularity in manufacturing with partners fits taking back workwear for fibre recycling (high) partly"),
   35: (2, "Resource-efficiency innovation fits textile recycling of worn workwear (high), generic"),
   38: (1, "External-competence checks could buy CAD pattern expertise; generic"), 39: (1, "Production-competence check; needs are not automation"),
   45: (2, "Competence validation and coaching for firms up to 50 fits training new seamstresses (medium)"),
   47: (2, "RE:Source test check for testing/sustainability analysis fits a fibre-recycling take-back solution (high) partly"),
   49: (1, "LIFE circular economy possible as one party; large EU programme for an 18-person firm"), 34: (1, "Future industrial work R&I; indirect to training seamstresses")},
 "atervinning-kumla": {19: (2, "Regional investment support could co-fund a sensor sorter (high automation need); generic instrument"),
   21: (1, "Consultant checks for digital weighing/invoicing link; generic"), 22: (1, "IUC hub opens automation projects; robot/sensor sorting in a scrap yard is not exactly the network's manufacturing core offer (broker cap)"),
   33: (1, "Circularity in industrial production; the firm is a recycler, not a manufacturer"), 35: (2, "Resource-efficiency innovation fits recovering clean metals from cables/motors (medium)"),
   38: (1, "External-competence checks for digital system; generic"), 47: (1, "RE:Source test check could test a new fraction process; indirect"),
   49: (1, "LIFE circular economy as one party; large programme"), 0: (1, "Generic SME innovation; sorting is investment rather than development"),
   42: (1, "Almi green loan covers reduced resource use; could finance the sorter (high), loan only")},
 "automation-orebro": {0: (2, "SME innovation project fits developing the machine-data box (medium) directly"),
   14: (1, "AI consortia; could be a party via machine data; indirect"), 19: (1, "Regional company support for growth; generic"),
   21: (2, "Consultant checks for a new offering fit building an OT-security service (medium)"), 22: (1, "IUC network reaches small manufacturers (low market need); general"),
   38: (1, "External-competence checks could buy OT-security expertise; generic"), 45: (1, "Competence validation for small industry firms; the need is recruiting interns"),
   34: (1, "Future industrial work/competence R&I; indirect to PLC-programmer shortage"), 31: (1, "Company party in digital-transformation centre; indirect")},
 "betong-kumla": {0: (2, "SME innovation project fits testing cement replacement in elements (high), generic"),
   3: (1, "Could join a net-zero manufacturing demonstrator; indirect"),
   19: (1, "Regional investment support could co-fund a formwork robot (medium); generic"), 21: (1, "Consultant checks; generic"), 22: IUC,
   33: (1, "Circularity in production; slag binder is loosely circular"), 35: (2, "Resource-efficiency innovation fits replacing cement with slag (high) partly"),
   37: (1, "Industriklivet funds process-emission technology leaps; lower-CO2 elements (high) only indirectly, the emitter is the cement maker"),
   39: (2, "Automation check prepares a formwork robot investment (medium)"), 42: (1, "Almi green loan; generic"),
   47: (2, "RE:Source test check fits testing strength of new binders with sustainability analysis (high) partly"),
   52: (1, "Klimatklivet emission-cut investments; the element plant's own emissions are minor"), 53: (1, "Circular-economy research with needs owner; indirect")},
 "bryggeri-nora": {0: (1, "Generic SME innovation; needs are investments"), 16: (2, "Energy design support for industry (SNI 11) fits cutting cooling electricity (medium)"),
   19: (2, "Regional investment support could co-fund the semi-automatic canning line (high); generic instrument"), 21: (1, "Consultant checks; generic"), 22: (1, "IUC broker; automation core offer for a micro brewery"),
   36: (1, "Food-system ideas with partners; spent-grain use could fit loosely"), 38: (1, "External-competence checks for quality measurement or export; generic"),
   39: (3, "Automation check prepares the canning-line automation (high)"), 42: (1, "Almi green loan for energy measures; generic"), 52: (1, "Klimatklivet; spent-grain/energy only loosely")},
 "eldrift-lekeberg": {0: (2, "SME innovation project fits building and field-testing the second drive-pack prototype (high), generic"),
   15: (3, "Innovativa Startups for young firms with innovative scalable products: fits prototype-to-zero-series funding (high)"),
   19: (1, "Regional company support; generic"), 21: (1, "Consultant checks; generic"), 22: IUC, 25: (1, "EIC Accelerator for deep tech; too early and small"),
   28: (1, "Challenge-driven innovation initiation; loose"), 38: (1, "External-competence checks for power electronics; turnover limit unclear"),
   39: (1, "Production-competence check; premature"), 42: (3, "Almi verification funds for early innovative business ideas fit prototype/risk capital (high)"),
   45: (1, "Competence project for small firms; need is recruiting one engineer")},
 "farg-orebro": {0: (2, "SME innovation project fits developing water-borne recipes (high), generic"), 19: (1, "Regional company support; generic"),
   21: (1, "Consultant checks for sustainable transition; generic"), 22: IUC, 32: (1, "Process-industry data analysis; paint batches loosely"),
   33: (1, "Circularity in production; indirect"), 35: (2, "Resource-efficiency innovation fits cutting paint/solvent spill (medium) and bio binders partly"),
   38: (1, "External-competence checks; generic"), 39: (2, "Production-competence check fits reducing spill at colour changes (medium)"),
   42: (1, "Almi green loan; generic"), 47: (2, "RE:Source test check buys test environments: fits verifying new recipes (high) partly; resource theme only loosely fits paint"),
   49: (1, "LIFE toxic-free economy as one party; large programme")},
 "fordonskomponenter-laxa": {19: (1, "Regional company support for growth; generic"), 21: (1, "Consultant checks could help a strategy plan; generic"),
   22: (1, "IUC network could open supplier/customer contacts; general")},
 "forsvarsmekanik-degerfors": {0: (1, "Generic SME innovation; capacity need is not development"), 19: (2, "Regional investment support could co-fund new machines for capacity (high) partly"),
   21: (1, "Consultant checks for cybersecurity; generic"), 22: IUC, 29: (1, "SME aeronautics; defence machining only adjacent"),
   34: (1, "Future industrial work/competence R&I; indirect to apprenticeships"), 39: (2, "Production-competence/automation check fits raising capacity (high) generically"),
   42: (1, "Almi; machine and working-capital financing is a low need"), 51: (1, "Horizon high-precision manufacturing; one party at most")},
 "gruvutrustning-lindesberg": {0: (2, "SME innovation project fits verifying the battery service vehicle (high), generic"),
   14: (1, "AI consortia; predictive maintenance fits loosely"), 19: (1, "Regional company support; generic"), 21: (1, "Consultant checks; generic"), 22: IUC,
   25: (1, "EIC Accelerator; established firm, weak fit"), 28: (1, "Challenge-driven initiation; loose"), 31: (1, "Company party in digital-industry centre; indirect"),
   39: (1, "Production check; not a stated need"), 42: (1, "Almi; generic")},
 "medicinplast-orebro": {0: (2, "SME innovation project fits the bio-based disposable product with a clinic (medium)"),
   4: (1, "Swelife funds care-improving innovation (prevention, diagnosis, treatment); a bio-based disposable with a clinic (medium) fits the consortium form, not the purpose"),
   19: (1, "Regional company support could co-fund automation; generic"), 21: (1, "Consultant checks; generic"), 22: IUC,
   30: (1, "Medtech implementation led by care organisations; firm could be a party"), 39: (2, "Automation check prepares cleanroom assembly automation (medium)"),
   42: (1, "Almi; generic"), 46: (1, "Plastics-industry circularity measurement project; loosely fits bio-based plastic"), 51: (1, "Horizon precision manufacturing; one party at most")},
 "pall-hallefors": {19: (2, "Regional investment support could co-fund the nailing line with stacking (medium)"), 21: (1, "Consultant checks could buy generational-change advice; generic"),
   22: IUC, 34: (1, "Sustainable industrial work; heavy manual lifting loosely"), 35: (1, "Resource efficiency; pallet repair is a low need"),
   38: (1, "External-competence checks for succession advice; generic"), 39: (2, "Automation check prepares the automated stacking line (medium)"),
   42: (1, "Almi loans; the buy-out financing need is not what this offer is for")},
 "sagverk-ljusnarsberg": {14: (1, "AI consortia; camera grading loosely"), 16: (3, "Energy design support before efficiency investments fits kiln electricity (high)"),
   19: (1, "Regional company support; generic"), 21: (1, "Consultant checks; generic"), 22: IUC, 32: (1, "Process-industry data; wood flows loosely"),
   34: (2, "Future industrial work/competence fits training own technicians (high) partly"), 37: (1, "Industriklivet; kiln heating is a small emitter"),
   39: (2, "Automation check could prepare AI/camera grading (medium)"), 42: (2, "Almi green loan for energy measures fits kiln energy (high) partly"),
   52: (1, "Klimatklivet funds emission-cutting investments; replacing grid electricity with own bark in the kilns (high) cuts little emission")},
 "smide-karlskoga": {3: (1, "Net-zero manufacturing demonstrator as one party; indirect"), 16: (3, "Energy design support before efficiency investments fits replacing LPG furnaces/induction (high)"),
   22: (1, "IUC hub mainly serves SMEs; general"), 31: (1, "Company party in sustainable-industry centre; indirect"),
   34: (2, "Future industrial work R&I fits competence loss of retiring smiths (high) partly"), 37: (1, "Industriklivet excludes conventional fuel switches and needs a technology leap; LPG to induction (high) is established technology"),
   41: (1, "ESF call for firms >250 funds training on diversity, inclusion and integration only; training new smiths (high) fits only loosely"),
   48: (1, "Fossil-free foundries project; forging is adjacent, not casting"), 52: (3, "Klimatklivet investment support for emission cuts incl. electrification of industry: direct hit on replacing LPG furnaces with induction (high)"),
   32: (1, "Data-driven process industry; traceability loosely")},
 "wellpapp-hallsberg": {0: (2, "SME innovation project fits fibre-based cushioning inserts (high), generic"), 16: (2, "Energy design support fits converting the LPG boiler (medium)"),
   19: (1, "Regional company support; generic"), 21: (1, "Consultant checks; generic"), 22: IUC, 32: (1, "Process-industry data; OEE monitoring loosely"),
   33: (1, "Circularity in production; replacing EPS loosely"), 35: (1, "Resource efficiency innovation; indirect"), 37: (1, "Industriklivet; boiler is small"),
   39: (1, "Production check; OEE/maintenance loosely"), 42: (2, "Almi green loan for renewable energy and efficiency investments fits switching the LPG boiler (medium)"),
   47: (2, "RE:Source test check fits drop-testing fibre inserts (high) partly"), 52: (2, "Klimatklivet fits switching the LPG boiler (medium)")},
}

def main():
    calls = read_calls(CALLS, 55)
    rows = graded_rows(load_profiles(shared=False), calls, G, ALL_INELIGIBLE,
                       lambda name, p: size_rules(p["employees"], p["founded"], p["sni"][0]), lambda i: "")
    write_qrels(HERE / "qrels.tsv", rows)
    print(len(rows))


if __name__ == "__main__":
    main()
