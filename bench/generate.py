"""Generate a realistic, deterministic declaration of a well-run IP management system.

The enterprise is a manufacturer whose registers hold N entries (patents ~60%,
trademarks ~20%, copyrights ~15%, trade secrets ~5%); people, units, products,
procedures, forms, records, trainings, audits, nonconformities, contracts and
confidentiality agreements grow with N. The system was started in October 2024, its
manual issued on 2025-04-01, and it has run since: checked ``--as-of 2026-11-24`` it
is nearly clean (a handful of findings at most).

    python bench/generate.py --entries 10000 --out /tmp/decl            # registers in one file
    python bench/generate.py --entries 100000 --files 2000 --out /tmp/d  # spread over 2,000 files

The same arguments and seed always give byte-identical files.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

AS_OF = dt.date(2026, 11, 24)
"""The date the generated system is meant to be checked at (``--as-of``)."""
FOUNDED = dt.date(2006, 3, 1)
ISSUED = dt.date(2025, 4, 1)
"""The manual and procedures were issued (and promulgated) on this date."""
APPROVED = dt.date(2025, 3, 25)
ENTERPRISE = "Huaxin Thermal Technology Co., Ltd."
MARKETS = ["CN", "US", "EU", "JP", "KR", "IN"]
SHARES = {"Patent": 0.60, "Trademark": 0.20, "Copyright": 0.15, "TradeSecret": 0.05}
HEADER = "apiVersion: ipcheck/v1\n"

D = dt.date
DAY = dt.timedelta(days=1)

# --- rendering -----------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff ,.()/&'+_-]*$")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: Any, flow: bool = False) -> str:
    """One value as YAML: plain where that reads back as the same string, else double-quoted."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (_PLAIN.match(text) and not text.endswith((" ", ".", ",")) and text.lower() not in _RESERVED
            and not (flow and "," in text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(values: Iterable[Any]) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in values) + "]"


def render(fields: dict[str, Any], indent: int) -> list[str]:
    """The lines of a mapping at ``indent`` spaces; None values and empty lists are left out."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in fields.items():
        if value is None or (isinstance(value, list) and not value):
            continue
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(render(value, indent + 2))
        elif isinstance(value, list) and isinstance(value[0], dict):
            lines.append(f"{pad}{key}:")
            for entry in value:
                sub = render(entry, indent + 4)
                lines.append(f"{pad}  - {sub[0].lstrip()}")
                lines.extend(sub[1:])
        elif isinstance(value, list) and (len(value) > 12 or any(len(str(v)) > 40 for v in value)):
            lines.append(f"{pad}{key}:")
            lines.extend(f"{pad}  - {scalar(v)}" for v in value)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: {flow(value)}")
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines


def document(kind: str, items: list[dict[str, Any]], comment: str = "") -> str:
    """A document listing ``items`` of ``kind``."""
    out = [f"# {comment}"] if comment else []
    out += [HEADER.rstrip(), f"kind: {kind}", "items:"]
    for item in items:
        lines = render(item, 4)
        out.append(f"  - {lines[0].lstrip()}")
        out.extend(lines[1:])
    return "\n".join(out) + "\n"


def single(kind: str, fields: dict[str, Any], comment: str = "") -> str:
    """A document holding one item's fields."""
    out = [f"# {comment}"] if comment else []
    out += [HEADER.rstrip(), f"kind: {kind}", *render(fields, 0)]
    return "\n".join(out) + "\n"


def join(*documents: str) -> str:
    return "---\n".join(documents)


# --- vocabulary ----------------------------------------------------------------------------

SURNAMES = ("wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang "
            "xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng wei su "
            "lu ding ren shen yao lv jin fan fang shi").split()
GIVEN = ("wei fang na min jing li qiang lei jun yang yong yan jie tao ming chao xiu hua ping gang hui bin "
         "bo lin rui hao yu xin kai ning lan dan fei peng jian hong mei ting yun qian zhen long xia shu "
         "jianguo zhiyuan dehua lihua xiaoming haiyan jianhua yufei zihan ruoxi wenjie tianyu mingyuan "
         "shuang jiayi yuting haoran xiaoli chunhua guoqing").split()

TOPICS = ("plate", "gasket", "brazing", "microchannel", "header", "fin", "tube", "port ring", "distributor",
          "heat pump", "chiller", "condenser", "evaporator", "controller", "sensor", "manifold", "baffle",
          "frame", "seal", "coating", "alloy", "valve", "flow path", "turbulator", "shell", "nozzle")
QUALITIES = ("asymmetric", "reinforced", "laser-welded", "double-wall", "corrugated", "semi-welded",
             "high-pressure", "low-charge", "self-cleaning", "compact", "modular", "insulated",
             "corrosion-resistant", "nickel-free", "bi-directional", "fouling-resistant", "variable-pitch")
ACTIONS = ("Method for manufacturing a", "Heat exchanger with a", "Apparatus comprising a", "Assembly of a",
           "Control method for a", "System with a", "Process for brazing a", "Device for testing a")

PRODUCT_LINES = [
    ("BPHE", "brazed plate heat exchangers", [11]),
    ("GPHE", "gasketed plate heat exchangers", [11]),
    ("STHE", "shell-and-tube heat exchangers", [11]),
    ("MCHX", "microchannel heat exchangers", [11]),
    ("TLINK", "ThermoLink monitoring software", [9, 42]),
    ("SERV", "installation and after-sales service", [37]),
    ("PART", "spare parts and gaskets", [7]),
]
BRANDS = ("HUAXIN", "PLATEX", "THERMOCORE", "MICROCORE", "THERMOLINK", "HXSERVICE", "COOLWAVE", "AQUAFLOW",
          "POLARIS", "CRYOTEC", "HELIOS", "NORDFLOW", "TITANEX", "VORTEXA", "ECOTHERM", "DURAPLATE")

BASE_UNITS = [
    # id, name, key, functions
    ("GMO", "General Manager's Office", False, ["corporate strategy", "top management"]),
    ("IPD", "Legal & IP Department", True, ["IP management", "patent and trademark filing", "contract review"]),
    ("RD", "R&D Centre", True, ["product development", "process development", "testing laboratory"]),
    ("PRD", "Manufacturing Department", True, ["brazing", "pressing", "assembly"]),
    ("PUR", "Procurement Department", True, ["supplier selection", "purchasing", "outsourced processing"]),
    ("SAL", "Domestic Sales Department", True, ["domestic sales", "brand and marketing"]),
    ("INT", "International Business Department", True, ["export sales", "overseas distributors"]),
    ("HR", "Human Resources & Administration Department", True, ["recruitment", "training", "site security"]),
    ("FIN", "Finance Department", False, ["accounting", "IP budget", "annuity payments"]),
    ("QA", "Quality Department", False, ["quality management system", "document control", "inspection"]),
    ("IT", "Information Technology Department", False, ["IT infrastructure", "access control"]),
]
EXTRA_UNITS = [("RD", "R&D Division", True), ("PRD", "Plant", True), ("SAL", "Sales Region", True),
               ("INT", "Overseas Branch", True), ("PUR", "Sourcing Centre", False), ("QA", "Test Laboratory", False)]

#: Forms a rule looks for by their purpose (RecordForm.purpose), by title.
FORM_PURPOSES = {
    "Invention disclosure and filing decision": "invention-disclosure",
    "Confidential document access log review": "infringement-monitoring",
    "Market infringement monitoring report": "infringement-monitoring",
}
#: The contract types whose other party warrants non-infringement (Contract.ip_warranty).
WARRANTED = {"outsourcing", "commissioning", "licence-in", "purchase"}

# Procedure templates: key, title, owner unit, protection, forms (title, frequency, monitoring)
PROCEDURES = [
    ("DOC", "Control of IP documents and records", "QA", ["patent", "trademark", "copyright", "trade-secret"],
     [("Document change request", "per-event", False), ("Controlled document list review", "quarterly", False)]),
    ("ACQ", "IP acquisition and patent filing", "IPD", ["patent"],
     [("Invention disclosure and filing decision", "per-event", False),
      ("IP review committee minutes", "monthly", False)]),
    ("SRCH", "Patent search and analysis", "IPD", ["patent"],
     [("Patent search and freedom-to-operate report", "per-event", False),
      ("Competitor patent monitoring report", "monthly", True)]),
    ("MNT", "IP maintenance, annuities and deadlines", "IPD", ["patent", "trademark"],
     [("Deadline and annuity docket check", "weekly", True), ("Annuity and renewal payment list", "monthly", False),
      ("Maintenance or abandonment decision", "per-event", False)]),
    ("TM", "Trademark management", "SAL", ["trademark"],
     [("Trademark watch report", "quarterly", True), ("Trademark use inspection", "half-yearly", False),
      ("Trademark filing and renewal request", "per-event", False)]),
    ("CR", "Copyright and software management", "RD", ["copyright"],
     [("Copyright registration request", "per-event", False),
      ("Open-source and third-party licence review", "quarterly", False)]),
    ("TS", "Trade secret and confidentiality management", "IPD", ["trade-secret"],
     [("Trade secret identification and classification sheet", "per-event", False),
      ("Confidential area and IT access inspection", "monthly", True),
      ("Confidential document access log review", "monthly", False)]),
    ("CON", "Contract IP management", "IPD", ["patent", "trademark", "copyright", "trade-secret"],
     [("Contract IP clause review sheet", "per-event", False)]),
    ("HRM", "Human resources IP management", "HR", ["patent", "copyright", "trade-secret"],
     [("Entry IP check", "per-event", False), ("Exit IP check", "per-event", False),
      ("Inventor reward and remuneration record", "half-yearly", False),
      ("IP training attendance sheet", "per-event", False)]),
    ("RDP", "R&D project IP management", "RD", ["patent", "copyright", "trade-secret"],
     [("Project IP plan at initiation", "per-event", False), ("R&D IP monthly review", "monthly", False),
      ("Project closure IP evaluation", "per-event", False)]),
    ("PRC", "Procurement IP management", "PUR", ["patent", "trademark", "trade-secret"],
     [("Supplier IP commitment review", "quarterly", False)]),
    ("PRO", "Production IP management", "PRD", ["patent", "trademark", "trade-secret"],
     [("Production confidentiality and IP marking inspection", "quarterly", False)]),
    ("SALE", "Sales and after-sales IP management", "SAL", ["patent", "trademark", "copyright"],
     [("Pre-launch and new-market IP risk check", "per-event", False),
      ("Market infringement monitoring report", "quarterly", True)]),
    ("EXP", "IP exploitation, licensing and transfer", "IPD", ["patent", "trademark", "copyright"],
     [("IP exploitation record", "half-yearly", False)]),
    ("RISK", "IP risk and dispute handling", "IPD", ["patent", "trademark", "copyright", "trade-secret"],
     [("IP risk register review", "quarterly", True), ("Dispute handling record", "per-event", False)]),
    ("AUD", "Internal audit of the IP management system", "QA",
     ["patent", "trademark", "copyright", "trade-secret"],
     [("Audit plan", "per-event", False), ("Audit checklist and report", "per-event", False)]),
    ("MR", "Management review", "GMO", ["patent", "trademark", "copyright", "trade-secret"],
     [("Management review input report", "yearly", False), ("Management review minutes", "per-event", False)]),
    ("NC", "Nonconformity and corrective action", "QA", ["patent", "trademark", "copyright", "trade-secret"],
     [("Nonconformity and corrective action report", "per-event", False)]),
    ("OBJ", "IP objectives and performance monitoring", "IPD", ["patent", "trademark", "copyright", "trade-secret"],
     [("Quarterly IP objectives report", "quarterly", True)]),
]
EXTRA_PROCEDURE = ("Site IP management", "PRD", ["patent", "trade-secret"],
                   [("Site confidentiality and IP inspection", "quarterly", False)])

PERIOD_DAYS = {"weekly": 7}
PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return D(year, month, min(day.day, 28))


def anniversary(start: dt.date, years: int) -> dt.date:
    """``start``'s anniversary ``years`` later, as the law counts it: 29 February's is 28 February
    in a common year."""
    year = start.year + years
    return D(year, start.month, min(start.day, calendar.monthrange(year, start.month)[1]))


def anniversary_after(start: dt.date, after: dt.date) -> dt.date:
    """The first anniversary of ``start`` strictly after ``after``."""
    candidate = anniversary(start, after.year - start.year)
    while candidate <= after:
        candidate = anniversary(start, candidate.year + 1 - start.year)
    return candidate


DESIGN_TERM_CHANGED = D(2021, 6, 1)
"""CN design applications filed from this day have a 15-year term, 10 before (Patent Law of 2020)."""


def cn_check_digit(digits: str) -> str:
    """The check digit of a CN application number's 12 digits."""
    rest = sum(int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5))) % 11
    return "X" if rest == 10 else str(rest)


def patent_term(ptype: str, applied: dt.date) -> int:
    """A patent's legal term in years from its filing date."""
    if ptype == "design":
        return 15 if applied >= DESIGN_TERM_CHANGED else 10
    return {"invention": 20, "utility-model": 10}[ptype]


# --- the generator -------------------------------------------------------------------------


class Generator:
    def __init__(self, entries: int, seed: int) -> None:
        self.n = entries
        self.rng = random.Random(seed)
        self.counts = {kind: int(round(entries * share)) for kind, share in SHARES.items()}
        self.counts["Patent"] += entries - sum(self.counts.values())
        self.n_units = max(len(BASE_UNITS), min(400, entries // 400))
        self.n_people = max(120, entries // 2)
        self.n_products = max(len(PRODUCT_LINES), entries // 150)
        self.n_extra_procedures = entries // 5000
        self.n_contracts = max(20, entries // 25)
        self.n_trainings = max(12, entries // 250)
        self.n_records = max(0, entries // 2)

    # -- helpers ------------------------------------------------------------------------
    def date(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange(max(1, (end - start).days)))

    def pick(self, seq: list[Any], k: int) -> list[Any]:
        return self.rng.sample(seq, min(k, len(seq)))

    def phrase(self) -> str:
        return f"{self.rng.choice(ACTIONS)} {self.rng.choice(QUALITIES)} {self.rng.choice(TOPICS)}"

    # -- organisation ---------------------------------------------------------------------
    def organisation(self) -> None:
        rng = self.rng
        self.units: list[dict[str, Any]] = []
        self.unit_kind: dict[str, str] = {}
        for key, name, is_key, functions in BASE_UNITS:
            self.units.append({"id": f"U-{key}", "name": name, "key": is_key or None, "functions": functions})
            self.unit_kind[f"U-{key}"] = key
        extra = self.n_units - len(BASE_UNITS)
        for i in range(extra):
            base, name, is_key = EXTRA_UNITS[i % len(EXTRA_UNITS)]
            number = i // len(EXTRA_UNITS) + 1
            uid = f"U-{base}-{number:02d}"
            self.units.append({"id": uid, "name": f"{name} {number}", "key": is_key or None,
                               "functions": [f"{name.lower()} {number} operations"]})
            self.unit_kind[uid] = base
        unit_ids = [u["id"] for u in self.units]
        weights = [8 if self.unit_kind[u] in ("RD", "PRD") else 3 if self.unit_kind[u] in ("SAL", "INT") else 1
                   for u in unit_ids]

        # People: a few founders and managers first, then staff; some joined recently, some left.
        self.people: list[dict[str, Any]] = []
        taken: set[str] = set()
        for i in range(self.n_people):
            surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
            pid = f"{surname}.{given}"
            suffix = 2
            while pid in taken:
                pid = f"{surname}.{given}{suffix}"
                suffix += 1
            taken.add(pid)
            self.people.append({"id": pid, "name": f"{surname.title()} {given.title()}"})
        # unit heads and liaisons come first in each unit
        for person, unit in zip(self.people, unit_ids + unit_ids):
            person["unit"] = unit
        for person in self.people[2 * len(unit_ids):]:
            person["unit"] = rng.choices(unit_ids, weights)[0]
        top = self.people[:3]
        for person, position in zip(top, ["Chairman of the Board", "General Manager",
                                          "Deputy General Manager, management representative"]):
            person.update(unit="U-GMO", position=position, top_management=True, joined=D(2006, 3, 1))
        self.top = [p["id"] for p in top]
        self.chair, self.gm, self.mr = self.top
        by_unit: dict[str, list[dict[str, Any]]] = {u: [] for u in unit_ids}
        for person in self.people:
            by_unit[person["unit"]].append(person)
        self.leavers: set[str] = set()
        protected = {p["id"] for p in top}
        for uid, members in by_unit.items():
            for j, person in enumerate(members):
                if "joined" not in person:
                    person["joined"] = self.date(FOUNDED, AS_OF - 30 * DAY) if j >= 2 else self.date(
                        FOUNDED, D(2020, 1, 1))
                if j == 0 and person["id"] not in protected:
                    person.setdefault("position", f"Head of {next(u['name'] for u in self.units if u['id'] == uid)}")
                elif j == 1:
                    person.setdefault("position", "IP liaison")
                else:
                    person.setdefault("position", rng.choice(["Engineer", "Senior engineer", "Specialist",
                                                              "Technician", "Manager", "Assistant"]))
                if j >= 2 and person["id"] not in protected and rng.random() < 0.04:
                    person["left"] = self.date(max(person["joined"] + 30 * DAY, D(2025, 4, 15)), AS_OF - 3 * DAY)
                    self.leavers.add(person["id"])
        self.by_unit = {u: [p["id"] for p in ms] for u, ms in by_unit.items()}
        self.staying = {u: [p for p in ms if p not in self.leavers] for u, ms in self.by_unit.items()}
        for unit in self.units:
            members = self.staying[unit["id"]]
            unit["head"] = members[0] if unit["id"] != "U-GMO" else self.gm
            unit["ip_liaison"] = members[1] if len(members) > 1 else members[0]
        self.person = {p["id"]: p for p in self.people}
        self.current = [p["id"] for p in self.people if p["id"] not in self.leavers]
        kinds = self.unit_kind
        self.rd_people = [p for u, ms in self.staying.items() if kinds[u] == "RD" for p in ms]
        self.prd_people = [p for u, ms in self.staying.items() if kinds[u] == "PRD" for p in ms]
        self.ipd = self.staying["U-IPD"]
        self.qa = [p for u, ms in self.staying.items() if kinds[u] == "QA" for p in ms]
        self.hr = self.staying["U-HR"]
        self.liaisons = [u["ip_liaison"] for u in self.units]
        self.heads = [u["head"] for u in self.units]

        self.products: list[dict[str, Any]] = []
        for i in range(self.n_products):
            code, name, classes = PRODUCT_LINES[i % len(PRODUCT_LINES)]
            series = i // len(PRODUCT_LINES)
            markets = MARKETS if i < len(PRODUCT_LINES) else ["CN", *self.pick(MARKETS[1:], rng.randint(1, 5))]
            self.products.append({
                "id": f"PRD-{code}" if series == 0 else f"PRD-{code}-{series:03d}",
                "name": f"HX-{code[0]} {name}" if series == 0 else f"HX-{code[0]}{series} series {name}",
                "key": (i < 4 or rng.random() < 0.3) and code not in ("SERV", "PART") or None,
                "markets": [m for m in MARKETS if m in markets],
                "nice_classes": classes,
                "launched": self.date(D(2007, 1, 1), D(2025, 12, 31)),
            })

    # -- roles, start-up, diagnosis, policy ----------------------------------------------
    def roles(self) -> list[dict[str, Any]]:
        self.auditors = self.qa[:6] + self.ipd[2:4] + self.hr[2:3]
        roles = [
            {"id": "ROLE-TOP", "title": "Top management", "type": "top-management", "holders": self.top,
             "unit": "U-GMO",
             "responsibilities": ["set the IP policy and objectives", "provide the resources the system needs",
                                  "chair the annual management review"],
             "authorities": ["approve the IP manual, policy and objectives", "approve the annual IP budget"]},
            {"id": "ROLE-MR", "title": "Management representative for IP", "type": "management-representative",
             "holders": [self.mr], "unit": "U-GMO",
             "responsibilities": ["keep the IP management system established and maintained",
                                  "report on its performance to top management"],
             "authorities": ["approve control procedures", "appoint internal auditors"]},
            {"id": "ROLE-WGL", "title": "Leader of the implementation working group",
             "type": "working-group-leader", "holders": [self.mr], "unit": "U-GMO",
             "responsibilities": ["lead the implementation from start-up to certification"],
             "authorities": ["call on every department for staff and information"]},
            {"id": "ROLE-IPD", "title": "Legal & IP Department (IP management body)", "type": "ip-department",
             "holders": self.ipd[:1], "unit": "U-IPD",
             "responsibilities": ["day-to-day management of the IP management system",
                                  "acquisition, maintenance and protection of IP"],
             "authorities": ["decide on filings within the budget", "stop a launch on an IP risk"]},
            {"id": "ROLE-IPO", "title": "IP engineers", "type": "ip-officer", "holders": self.ipd[1:5],
             "unit": "U-IPD", "responsibilities": ["searches, filings, docket and registers"],
             "authorities": ["instruct the patent and trademark agencies"]},
            {"id": "ROLE-LIAISON", "title": "IP liaisons of the departments", "type": "ip-liaison",
             "holders": self.liaisons, "responsibilities": ["relay IP matters between the department and the IPD"],
             "authorities": ["request searches and reviews from the IPD"]},
            {"id": "ROLE-AUDITOR", "title": "Internal auditors", "type": "internal-auditor", "holders": self.auditors,
             "unit": "U-QA", "responsibilities": ["audit the system against GB/T 29490"],
             "authorities": ["access every record of the audited units"]},
        ]
        for key, name, _, _ in BASE_UNITS:
            if key == "GMO":
                continue
            roles.append({"id": f"ROLE-{key}M", "title": f"Head of the {name}", "type": "other",
                          "holders": [self.staying[f"U-{key}"][0]], "unit": f"U-{key}",
                          "responsibilities": [f"IP management in the {name}"],
                          "authorities": [f"approve the IP records of the {name}"]})
        roles.append({"id": "ROLE-GMOM", "title": "General Manager", "type": "other", "holders": [self.gm],
                      "unit": "U-GMO", "responsibilities": ["run the management review"],
                      "authorities": ["approve management review decisions"]})
        return roles

    def startup(self) -> list[tuple[str, str]]:
        key_units = [u["id"] for u in self.units if u["key"]]
        members = [self.staying[u][0] for u in key_units] + self.ipd[1:2]
        group = {"id": "WG-IPMS", "name": "GB/T 29490 implementation working group", "appointed": D(2024, 10, 8),
                 "appointed_by": self.gm, "leader": self.mr, "members": list(dict.fromkeys(members))}
        stages = [("startup", "Appoint the working group and hold the kick-off meeting", D(2024, 10, 8), D(2024, 10, 18)),
                  ("diagnosis", "Survey and write the diagnosis report", D(2024, 11, 1), D(2024, 12, 20)),
                  ("system", "Set the policy, objectives and functional structure", D(2025, 1, 6), D(2025, 2, 28)),
                  ("manual", "Write the manual, procedures and forms", D(2025, 2, 3), D(2025, 3, 25)),
                  ("dissemination", "Promulgate the manual and train every department", D(2025, 4, 1), D(2025, 5, 30)),
                  ("operation", "Run the system and keep the records", D(2025, 4, 1), D(2025, 12, 31)),
                  ("internal-audit", "First internal audit cycle", D(2026, 1, 5), D(2026, 9, 30)),
                  ("management-review", "First management review", D(2026, 10, 1), D(2026, 10, 31))]
        tasks = [{"name": name, "stage": stage, "owner": self.ipd[0] if i % 2 else self.mr, "start": start,
                  "due": due, "done": due - 2 * DAY} for i, (stage, name, start, due) in enumerate(stages)]
        plan = {"id": "PLAN-IPMS", "title": "Implementation plan of the IP management system (GB/T 29490)",
                "approved_by": self.gm, "approved": D(2024, 10, 15), "tasks": tasks}
        attendees = list(dict.fromkeys([*self.top, *members]))
        kickoff = {"id": "MTG-KICKOFF", "title": "Kick-off meeting of the implementation", "type": "kickoff",
                   "date": D(2024, 10, 18), "chair": self.gm, "attendees": attendees, "minutes": "HX-GM-MIN-2024-017"}
        meetings = [{"id": f"MTG-WG-{i + 1:02d}", "title": f"Working group meeting {i + 1}", "type": "working-group",
                     "date": D(2024, 11, 20) + dt.timedelta(days=35 * i), "chair": self.mr,
                     "attendees": list(dict.fromkeys([self.mr, *members])), "minutes": f"HX-WG-MIN-{i + 1:02d}"}
                    for i in range(4)]
        training = {"id": "TR-STARTUP", "topic": "GB/T 29490 requirements and the implementation plan",
                    "date": D(2024, 10, 25), "stage": "startup", "trainer": "Suzhou IP Service Center",
                    "audience": key_units, "attendees": list(dict.fromkeys(
                        [*members, *(self.staying[u][1] for u in key_units if len(self.staying[u]) > 1)])),
                    "record": "HX-HR-TR-2024-41"}
        return [
            ("startup/working-group.yaml", single("WorkingGroup", group)),
            ("startup/work-plan.yaml", single("WorkPlan", plan)),
            ("startup/meetings.yaml", join(single("Meeting", kickoff), document("Meeting", meetings))),
            ("startup/training.yaml", document("Training", [training])),
        ]

    def diagnosis(self) -> dict[str, Any]:
        n = self.n
        return {"id": "DIAG-2024", "title": "Investigation and diagnosis of IP management", "date": D(2024, 12, 20),
                "author": self.ipd[1], "approved_by": self.mr,
                "basic_information": f"{self.n_people} employees in {self.n_units} units; {self.n_products} "
                                     f"products sold in {', '.join(MARKETS)}; about {n} IP rights and assets.",
                "organisational_structure": "Departments under the General Manager; IP handled by the Legal & IP "
                                            "Department without a defined functional structure.",
                "related_systems": "ISO 9001 and ISO 14001 certified; R&D project rule; confidentiality rule of 2013.",
                "current_state": "Filings on individual initiative; searches in a third of projects; trade secrets "
                                 "neither identified nor classified.",
                "gaps": ["no IP policy or objectives", "no documented IP procedures",
                         "trade secrets not identified or protected", "no internal audit or management review"],
                "risks": ["missed annuities", "infringement of competitor patents in export markets",
                          "know-how leaving with departing engineers"]}

    def system(self) -> list[tuple[str, str]]:
        policy = {"id": "POLICY-IP", "text": "Innovate with protection, operate with respect, grow with IP.",
                  "approved_by": self.gm, "approved": D(2025, 1, 20), "communicated": D(2025, 2, 10),
                  "communicated_via": ["notice posted in all offices and workshops", "intranet home page"]}
        owners = self.ipd[:3] + self.rd_people[:2] + self.top[1:]
        benefits = [["patent-layout"], ["risk-prevention"], ["risk-prevention", "four-in-one-protection"],
                    ["market-expansion"], ["patent-layout", "market-expansion"], ["four-in-one-protection"]]
        statements = ["File invention patents on every key product improvement",
                      "Search before every R&D project and every launch", "No right lost through a missed deadline",
                      "Register the product marks in every export market", "Patent layout for the key lines abroad",
                      "Classify and protect every trade secret"]
        objectives = [{"id": f"OBJ-{i + 1:02d}", "statement": s, "measure": "share or count reported quarterly",
                       "target": "100% or as planned", "owner": owners[i % len(owners)], "due": D(2026, 12, 31),
                       "benefits": benefits[i], "status": "on-track"} for i, s in enumerate(statements)]
        return [("system/policy.yaml", single("Policy", policy)),
                ("system/objectives.yaml", document("Objective", objectives))]

    # -- manual, procedures, forms, promulgation, dissemination ---------------------------
    def manual(self) -> list[tuple[str, str]]:
        rng = self.rng
        self.procedures: list[dict[str, Any]] = []
        self.forms: list[dict[str, Any]] = []
        templates = [(f"PR-{i + 1:02d}", t) for i, (_, *t) in enumerate(PROCEDURES)]
        for j in range(self.n_extra_procedures):
            title, owner, protection, forms = EXTRA_PROCEDURE
            templates.append((f"PR-{len(PROCEDURES) + j + 1:02d}", (f"{title} {j + 1}", owner, protection, forms)))
        for pid, (title, owner, protection, forms) in templates:
            form_ids = []
            for k, (ftitle, frequency, monitoring) in enumerate(forms):
                fid = f"F-{pid[3:]}-{k + 1}"
                form_ids.append(fid)
                self.forms.append({"id": fid, "title": ftitle, "procedure": pid, "frequency": frequency,
                                   "monitoring": monitoring or None, "version": "1.0",
                                   "purpose": FORM_PURPOSES.get(ftitle)})
            self.procedures.append({
                "id": pid, "title": f"{title} (HX-IPP-{pid[3:]})", "version": "1.0", "owner": f"ROLE-{owner}M",
                "approved_by": self.mr, "approved": APPROVED, "issued": ISSUED,
                "scope": f"{title.lower()} in every department concerned", "protection": protection,
                "forms": form_ids,
                "steps": [f"step {s + 1} of the {title.lower()} procedure, recorded on its form"
                          for s in range(rng.randint(2, 4))]})
        self.form_by_title = {f["title"]: f["id"] for f in self.forms}
        documents = [{"id": f"SD-{i + 1:02d}", "title": title, "version": "A/0", "owner": owner,
                      "approved_by": self.gm, "approved": APPROVED, "issued": ISSUED}
                     for i, (title, owner) in enumerate([("IP incentive and reward regulation", "ROLE-HRM"),
                                                         ("IP budget and expenditure regulation", "ROLE-FINM"),
                                                         ("IP confidentiality regulation", "ROLE-IPDM")])]
        manual = {"id": "MANUAL", "title": "Intellectual Property Management Manual (HX-IPM-001)", "version": "A/0",
                  "approved_by": self.gm, "approved": APPROVED, "issued": ISSUED,
                  "scope": "All IP activities of the head office, plants and branches", "policy": "POLICY-IP",
                  "procedures": [p["id"] for p in self.procedures], "documents": [d["id"] for d in documents]}
        all_docs = ["MANUAL", "POLICY-IP", *(d["id"] for d in documents), *(p["id"] for p in self.procedures),
                    *(f["id"] for f in self.forms)]
        promulgation = {"id": "PROM-2025", "date": ISSUED, "signed_by": self.gm, "documents": all_docs,
                        "units": [u["id"] for u in self.units],
                        "channels": ["promulgation meeting", "intranet", "controlled copies"]}
        meeting = {"id": "MTG-PROMULGATION", "title": "Promulgation meeting of the IP management manual",
                   "type": "promulgation", "date": ISSUED, "chair": self.gm,
                   "attendees": list(dict.fromkeys([*self.top, *self.heads])), "minutes": "HX-GM-MIN-2025-006"}
        # Dissemination: one general training for every unit, then the procedures in groups.
        unit_ids = [u["id"] for u in self.units]
        trainings = [{"id": "TR-2025-D00", "topic": "IP manual, policy, objectives and functional structure",
                      "date": D(2025, 4, 8), "stage": "dissemination", "trainer": "Legal & IP Department",
                      "audience": unit_ids, "procedures": ["MANUAL"],
                      "attendees": list(dict.fromkeys([*self.heads, *self.liaisons])), "record": "HX-TR-2025-D00"}]
        procs = [p["id"] for p in self.procedures]
        for i in range(0, len(procs), 4):
            chunk = procs[i:i + 4]
            trainings.append({"id": f"TR-2025-D{i // 4 + 1:02d}", "topic": f"Procedures {chunk[0]} to {chunk[-1]}",
                              "date": D(2025, 4, 10) + dt.timedelta(days=i // 4 * 3), "stage": "dissemination",
                              "trainer": "Legal & IP Department", "audience": unit_ids, "procedures": chunk,
                              "attendees": self.liaisons, "record": f"HX-TR-2025-D{i // 4 + 1:02d}"})
        self.dissemination_trainings = trainings
        return [
            ("manual/manual.yaml", join(single("Manual", manual), document("SystemDocument", documents))),
            ("manual/procedures.yaml", document("Procedure", self.procedures)),
            ("manual/forms.yaml", document("RecordForm", self.forms)),
            ("dissemination/promulgation.yaml", join(single("Promulgation", promulgation),
                                                     single("Meeting", meeting))),
            ("dissemination/trainings.yaml", document("Training", trainings)),
        ]

    # -- registers ------------------------------------------------------------------------
    def patents(self) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        inventors_pool = self.rd_people + self.prd_people[: len(self.prd_people) // 3]
        weights = {"CN": 60, "US": 12, "EP": 10, "JP": 7, "KR": 5, "IN": 3, "WO": 3}
        jurisdictions, jw = list(weights), list(weights.values())
        terms = {"invention": 20, "utility-model": 10, "design": 15}
        self.decisions: list[tuple[str, dt.date]] = []  # (patent id, date of the abandonment decision)
        self.filed_recently: list[tuple[str, dt.date]] = []
        key_products = [p["id"] for p in self.products if p["key"]]
        for i in range(self.counts["Patent"]):
            j = rng.choices(jurisdictions, jw)[0]
            ptype = rng.choices(["invention", "utility-model", "design"], [6, 3, 1])[0] if j == "CN" else "invention"
            roll = rng.random()
            if j == "WO" or roll < 0.22:
                status = "pending"
                applied = self.date(D(2022, 12, 1), AS_OF - 20 * DAY)
            elif roll < 0.25:
                status = rng.choice(["abandoned", "lapsed"])
                applied = self.date(D(2012, 1, 1), D(2022, 1, 1))
            elif roll < 0.27:
                status = "expired"
                applied = D(AS_OF.year - terms[ptype] - rng.randint(1, 3), rng.randint(1, 12), rng.randint(1, 28))
            else:
                status = "granted"
                # A design filed before 2021-06-01 has a 10-year term: one still in force was filed from 2018.
                earliest = D(2018, 1, 1) if ptype == "design" else D(AS_OF.year - terms[ptype] + 2, 1, 1)
                applied = self.date(earliest, D(2023, 6, 30))
            year = applied.year
            rng.randrange(10**6, 10**7)  # drawn as before, so that the rest of the data stays the same
            serial = 10**6 + (i * 7919) % (9 * 10**6)  # unique: a register lists each patent once (IPP014)
            rng.randrange(10)  # drawn as before: the CN number's last digit is now its check digit
            number = {"CN": f"CN{year}1{serial}.{cn_check_digit(f'{year}1{serial}')}", "US": f"US{16 + (year - 2015) // 3}/{serial % 10**6:06d}",
                      "EP": f"EP{year % 100:02d}{serial % 10**6:06d}.{rng.randrange(10)}",
                      "JP": f"JP{year}-{serial % 10**6:06d}", "KR": f"KR10-{year}-{serial}",
                      "IN": f"{year}{serial}{rng.randrange(1000):04d}", "WO": f"PCT/CN{year}/{serial % 10**6:06d}"}[j]
            us_grant = rng.randrange(9 * 10**6, 12 * 10**6) and 9 * 10**6 + serial  # drawn as before; unique
            code = "ZL" + number[2:] if j == "CN" else {"US": f"US{us_grant:,}",
                                                         "EP": f"EP{serial}B1", "JP": f"JP{serial}B2",
                                                         "KR": f"KR10-{serial}", "IN": f"IN{serial % 10**6}",
                                                         "WO": None}[j]
            product = key_products[i % len(key_products)] if i < 4 * len(key_products) else rng.choice(self.products)["id"]
            patent: dict[str, Any] = {
                "id": f"PAT-{j}-{year}-{i + 1:06d}", "title": self.phrase(), "type": ptype, "jurisdiction": j,
                "application_number": number, "application_date": applied, "status": status, "owner": ENTERPRISE,
                "inventors": self._inventors(inventors_pool, rng.randint(1, 4), applied), "product": product,
            }
            expiry = anniversary(applied, patent_term(ptype, applied))
            if status in ("granted", "expired", "lapsed"):
                patent["grant_number"] = code
                patent["grant_date"] = min(applied + dt.timedelta(days=rng.randint(300, 1400)), AS_OF - 40 * DAY)
            if status == "granted":
                if expiry <= AS_OF + 400 * DAY:
                    expiry = D(AS_OF.year + 2, expiry.month, expiry.day)
                patent["annuity_due"] = anniversary_after(applied, AS_OF + 91 * DAY)
                if i % 487 == 13 and j != "CN":  # a few annuities fall due within 90 days: observations
                    # (not in CN, where an annuity falls due on the filing anniversary: IPP103)
                    patent["annuity_due"] = AS_OF + rng.randint(10, 80) * DAY
                patent["expiry"] = expiry
            elif status == "expired":
                patent["expiry"] = expiry
            elif status in ("abandoned", "lapsed"):
                self.decisions.append((patent["id"], self.date(ISSUED + 5 * DAY, AS_OF - 5 * DAY)))
            if status == "pending" and applied >= ISSUED:
                self.filed_recently.append((patent["id"], applied))
            out.append(patent)
        return out

    def _inventors(self, pool: list[str], count: int, filed: dt.date) -> list[str]:
        """``count`` people of ``pool`` drawn as inventors, less those who joined after the filing
        (IPX010); the earliest of the pool to join when none is left."""
        drawn = self.pick(pool, count)
        kept = [p for p in drawn if self.person[p]["joined"] <= filed]
        return kept or [min(pool, key=lambda p: self.person[p]["joined"])]

    def trademarks(self) -> list[dict[str, Any]]:
        rng = self.rng
        out: list[dict[str, Any]] = []
        # First every (market, class) any product needs, under the house mark; then the other brands.
        needs = sorted({(m, c) for p in self.products for m in p["markets"] for c in p["nice_classes"]})
        products_in = {(m, c): [p["id"] for p in self.products if m in p["markets"] and c in p["nice_classes"]]
                       for m, c in needs}
        i = 0
        while len(out) < self.counts["Trademark"]:
            brand = _brand(i // len(needs))
            market, cls = needs[i % len(needs)]
            i += 1
            pending = i > len(needs) and rng.random() < 0.12
            registered = self.date(D(2008, 1, 1), D(2025, 10, 1))
            term = 10
            expiry = anniversary(registered, term) - DAY
            while expiry <= AS_OF + 200 * DAY:  # renewed for another ten years
                term += 10
                expiry = anniversary(registered, term) - DAY
            serial = rng.randrange(10**6, 10**8)
            products = products_in[(market, cls)]
            mark = {"id": f"TM-{market}-{len(out) + 1:06d}", "mark": brand, "jurisdiction": market, "classes": [cls],
                    "application_number": str(serial), "status": "pending" if pending else "registered",
                    "owner": ENTERPRISE, "products": products[:6]}
            if not pending:
                if len(out) % 997 == 5 and market != "CN":  # a few renewals fall due within six months:
                    # observations (not in CN, where a term ends on an anniversary of registration: IPT101)
                    expiry = AS_OF + rng.randint(30, 170) * DAY
                mark.update(registration_number=str(serial + 17), registered=registered, expiry=expiry)
            out.append(mark)
        return out

    def copyrights(self) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        self.copyright_contracts: list[str] = []
        for i in range(self.counts["Copyright"]):
            ctype = rng.choices(["software", "document", "drawing", "design", "audiovisual"], [5, 2, 2, 1, 0.3])[0]
            created = self.date(D(2010, 1, 1), AS_OF - 60 * DAY)
            ownership = rng.choices(["employee-work", "commissioned", "outsourced", "acquired"], [80, 8, 8, 4])[0]
            key = ctype == "software" and rng.random() < 0.2
            work: dict[str, Any] = {"id": f"CR-{i + 1:06d}", "title": f"{rng.choice(BRANDS).title()} "
                                    f"{rng.choice(TOPICS)} {ctype} V{rng.randint(1, 6)}.{rng.randint(0, 9)}",
                                    "type": ctype, "key": key or None, "created": created, "ownership": ownership}
            if key or rng.random() < 0.5:
                work["registration_number"] = f"{created.year}SR{rng.randrange(10**6, 10**7)}"
                work["registered"] = min(created + dt.timedelta(days=rng.randint(20, 200)), AS_OF - 10 * DAY)
            if ownership == "employee-work":
                work["authors"] = self.pick(self.rd_people, rng.randint(1, 3))
            else:
                work["contract"] = f"C-{len(self.copyright_contracts) % self.n_contracts + 1:06d}"
                self.copyright_contracts.append(work["contract"])
            if ctype == "software":
                work["licence_review"] = self.date(AS_OF - 300 * DAY, AS_OF - 5 * DAY)
                if i % 1499 == 7:  # a few licence reviews are overdue: observations
                    work["licence_review"] = AS_OF - rng.randint(380, 500) * DAY
            out.append(work)
        return out

    def trade_secrets(self) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        pool = self.rd_people + self.prd_people
        pool = pool[: max(60, min(len(pool), self.counts["TradeSecret"] * 2))]
        self.access: dict[str, list[tuple[str, str]]] = {}  # person -> [(secret, level)]
        for i in range(self.counts["TradeSecret"]):
            level = rng.choices(["core", "important", "general"], [2, 4, 4])[0]
            custodian = rng.choice(pool)
            access = list(dict.fromkeys([custodian, *self.pick(pool, rng.randint(1, 5))]))
            sid = f"TS-{i + 1:05d}"
            for person in access:
                self.access.setdefault(person, []).append((sid, level))
            out.append({"id": sid, "title": f"{rng.choice(QUALITIES).capitalize()} {rng.choice(TOPICS)} "
                                            f"process parameters {i + 1}",
                        "level": level, "custodian": custodian, "access": access,
                        "unit": self.person[custodian]["unit"], "identified": self.date(D(2025, 5, 6), AS_OF - 20 * DAY),
                        "measures": ["kept in an encrypted folder with named access",
                                     "area or system with badge or account control"]})
        return out

    # -- operation ------------------------------------------------------------------------
    def operation(self) -> list[tuple[str, str]]:
        rng = self.rng
        contracts = []
        types = ["outsourcing", "commissioning", "licence-in", "licence-out", "purchase", "sales", "cooperation",
                 "nda"]
        needs_ownership = set(self.copyright_contracts)
        self.contract_reviews: list[tuple[str, dt.date]] = []
        for i in range(self.n_contracts):
            cid = f"C-{i + 1:06d}"
            ctype = "outsourcing" if cid in needs_ownership else rng.choice(types)
            signed = self.date(D(2012, 1, 1), AS_OF - 10 * DAY)
            contracts.append({"id": cid, "title": f"{ctype.capitalize()} agreement {i + 1}", "type": ctype,
                              "counterparty": f"Supplier {rng.randrange(1, 10**4)} Co., Ltd.", "signed": signed,
                              "expires": signed + dt.timedelta(days=rng.randint(365, 3650)),
                              "ip_ownership": "Results and rights vest in the enterprise on creation",
                              "confidentiality": True,
                              "ip_warranty": "The other party warrants non-infringement and indemnifies the enterprise"
                              if ctype in WARRANTED else None})
            if signed >= ISSUED + 5 * DAY:
                self.contract_reviews.append((cid, signed - 3 * DAY))
        agreements = []
        for person, secrets in sorted(self.access.items()):
            agreements.append({"id": f"CA-{person}", "person": person, "signed": D(2025, 5, 6) - DAY,
                               "non_compete": any(level == "core" for _, level in secrets) or None,
                               "secrets": [s for s, _ in secrets]})
        # Staff checks for everyone who joined or left since the procedures were issued.
        checks = []
        self.entries: list[tuple[str, dt.date]] = []
        for person in self.people:
            if person["joined"] >= ISSUED:
                checks.append({"id": f"SC-E-{len(checks) + 1:06d}", "person": person["id"], "type": "entry",
                               "date": person["joined"], "checked_by": self.hr[1],
                               "items": ["prior obligations declared", "IP clause and agreement signed"]})
                self.entries.append((person["id"], person["joined"]))
            if "left" in person:
                checks.append({"id": f"SC-X-{len(checks) + 1:06d}", "person": person["id"], "type": "exit",
                               "date": person["left"], "checked_by": self.hr[1],
                               "items": ["materials returned", "reminder of confidentiality duties"]})
        projects = []
        self.searches: list[tuple[str, str, dt.date]] = []
        for i in range(max(6, self.n_products * 2)):
            start = self.date(D(2023, 1, 1), AS_OF - 30 * DAY)
            searched = start - dt.timedelta(days=rng.randint(7, 40))
            if start >= ISSUED:  # under the R&D procedure: the search report is a record
                searched = max(searched, ISSUED)
            pid = f"PJ-{start.year}-{i + 1:04d}"
            search: dict[str, Any] = {"date": searched, "result": "no blocking patent found; design noted"}
            if searched >= ISSUED:
                search["record"] = f"REC-SEARCH-{pid}"
                self.searches.append((search["record"], pid, searched))
            end = start + dt.timedelta(days=rng.randint(200, 900))
            projects.append({"id": pid, "name": f"Development of {self.phrase().lower()}",
                             "product": rng.choice(self.products)["id"], "leader": rng.choice(self.rd_people),
                             "start": start, "end": end, "patent_search": search})
        ops_trainings = []
        month = D(2025, 5, 1)
        while month < AS_OF and len(ops_trainings) < self.n_trainings:
            hires = [p for p, d in self.entries if month <= d < add_months(month, 1)]
            ops_trainings.append({
                "id": f"TR-{month:%Y-%m}-IND", "topic": f"Induction IP training ({month:%B %Y})",
                "date": min(add_months(month, 1) - DAY, AS_OF - DAY), "stage": "operation",
                "trainer": "Human Resources and Legal & IP", "audience": sorted({self.person[p]["unit"] for p in hires})
                or ["U-HR"], "procedures": ["MANUAL", "PR-07", "PR-09"], "attendees": hires or self.hr[:2],
                "record": f"HX-TR-{month:%Y-%m}-IND"})
            month = add_months(month, 1)
        k = 0
        while len(ops_trainings) < self.n_trainings:
            k += 1
            unit = self.units[k % len(self.units)]["id"]
            ops_trainings.append({
                "id": f"TR-OP-{k:05d}", "topic": f"IP refresher training {k} for {unit}",
                "date": self.date(D(2025, 6, 1), AS_OF - DAY), "stage": "operation",
                "trainer": "Legal & IP Department", "audience": [unit],
                "procedures": [self.procedures[k % len(self.procedures)]["id"]],
                "attendees": self.staying[unit][:12], "record": f"HX-TR-OP-{k:05d}"})
        return [
            ("operation/contracts.yaml", document("Contract", contracts)),
            ("operation/confidentiality.yaml", document("ConfidentialityAgreement", agreements)),
            ("operation/staff-checks.yaml", document("StaffCheck", checks)),
            ("operation/projects.yaml", document("Project", projects)),
            ("operation/trainings.yaml", document("Training", ops_trainings)),
        ]

    def records(self) -> Iterator[dict[str, Any]]:
        """Periodic records on every periodic form since the manual was issued, then per-event ones."""
        rng = self.rng
        owner_unit = {p["id"]: ("U-" + p["owner"][5:-1]) for p in self.procedures}
        ipd = self.ipd[1:4]
        made: list[dict[str, Any]] = []
        for form in self.forms:
            frequency = form["frequency"]
            if frequency == "per-event":
                continue
            unit = owner_unit[form["procedure"]]
            day = ISSUED + dt.timedelta(days=rng.randint(3, 6))
            while day < AS_OF:
                made.append({"form": form["id"], "date": day, "unit": unit, "made_by": self.staying[unit][0],
                             "summary": f"{form['title']} for the period ending {day.isoformat()}"})
                day = day + dt.timedelta(days=7) if frequency == "weekly" else add_months(day, PERIOD_MONTHS[frequency])
        event = [
            *({"form": "F-02-1", "date": d - 7 * DAY, "about": pid, "summary": "Disclosure accepted, decision to file"}
              for pid, d in self.filed_recently if d - 7 * DAY >= ISSUED),
            *({"form": "F-04-3", "date": d, "about": pid, "summary": "Decision to let the right go, approved"}
              for pid, d in self.decisions),
            *({"form": "F-08-1", "date": d, "about": cid, "summary": "IP clauses reviewed before signature"}
              for cid, d in self.contract_reviews),
            *({"id": rid, "form": "F-03-1", "date": d, "about": pid, "summary": "Search report before start"}
              for rid, pid, d in self.searches),
            *({"form": "F-09-1", "date": d, "about": p, "summary": "Entry IP check made"} for p, d in self.entries),
        ]
        for record in event:
            record.setdefault("unit", "U-IPD")
            record.setdefault("made_by", rng.choice(ipd))
        made += event
        fillers = ["F-01-1", "F-05-3", "F-06-1", "F-07-1", "F-13-1", "F-15-2", "F-10-1", "F-10-3"]
        while len(made) < self.n_records:
            made.append({"form": rng.choice(fillers), "date": self.date(ISSUED + DAY, AS_OF - DAY), "unit": "U-IPD",
                         "made_by": rng.choice(ipd), "summary": f"Event recorded: {self.phrase().lower()}"})
        made.sort(key=lambda r: (r["date"], r["form"]))
        counters: dict[int, int] = {}
        for record in made:
            year = record["date"].year
            counters[year] = counters.get(year, 0) + 1
            yield {"id": record.pop("id", f"R{year % 100}-{counters[year]:06d}"), **record}

    def rewards(self, patents: list[dict[str, Any]]) -> str:
        """The incentive scheme, and the reward of the inventors of each CN patent granted since
        it was approved, paid 45 days after the grant (IP619: within the scheme's three months).
        No random draw: the rest of the data stays the same."""
        scheme = {"id": "IS-01", "title": "Reward and remuneration of inventors, designers and authors",
                  "document": "SD-01", "approved_by": self.gm, "approved": APPROVED,
                  "reward": "On grant: CNY 6,000 per invention patent, CNY 2,000 per utility model or design",
                  "remuneration": "Each year of exploitation: 3% of the operating profit of the products covered",
                  "reward_months": 3}
        paid = []
        for patent in patents:
            granted = patent.get("grant_date")
            if patent["jurisdiction"] != "CN" or granted is None or granted < APPROVED:
                continue
            paid.append({"id": f"RW-{patent['id'][4:]}", "right": patent["id"], "type": "reward",
                         "people": patent["inventors"], "paid": min(granted + 45 * DAY, AS_OF - DAY),
                         "amount": 6000 if patent["type"] == "invention" else 2000,
                         "record": f"HX-HR-RW-{patent['id'][4:]}"})
        return join(single("IncentiveScheme", scheme, "the reward scheme"), document("Reward", paid))

    def planning(self) -> str:
        """This year's context review, risks and opportunities, IP budget and culture activities,
        as the exemplar declares them (no random draw)."""
        year = AS_OF.year
        context = {"id": f"CTX-{year}", "title": f"Context of the IP management system, {year}",
                   "reviewed": D(year, 3, 16), "reviewed_by": self.mr,
                   "internal_issues": ["know-how held by a few senior engineers"],
                   "external_issues": ["competitors' patents in the export markets"],
                   "interested_parties": [{"name": "Customers", "requirements": ["freedom to operate"]},
                                          {"name": "Employees and inventors",
                                           "requirements": ["rewards for service inventions"]}]}
        risks = [{"id": "RO-01", "type": "risk", "description": "Infringement of competitors' patents abroad",
                  "actions": ["freedom-to-operate search before each export launch"], "owner": self.ipd[1],
                  "due": D(year, 12, 31), "reviewed": D(year, 3, 16)},
                 {"id": "RO-02", "type": "opportunity", "description": "Licensing the patents outside the core market",
                  "actions": ["valuation of the patent families and a licensing offer"], "owner": self.ipd[1],
                  "due": D(year + 1, 6, 30), "reviewed": D(year, 3, 16)}]
        budget = {"id": f"BUD-{year}", "start": D(year, 1, 1), "end": D(year, 12, 31), "currency": "CNY",
                  "approved_by": self.gm, "approved": D(year, 1, 9),
                  "lines": [{"purpose": purpose, "amount": amount} for purpose, amount in
                            [("filing", 6800000), ("maintenance", 4200000), ("search-analysis", 1500000),
                             ("disputes", 2000000), ("training", 600000), ("rewards", 3600000)]]}
        culture = [{"id": f"CA-{year}-01", "title": "IP publicity week around World IP Day",
                    "date": D(year, 4, 26), "type": "publicity", "units": ["U-GMO", "U-IPD"],
                    "record": f"HX-GM-{year}-044"}]
        return join(single("ContextReview", context, "context of the system"),
                    document("RiskOpportunity", risks), single("Budget", budget, "the IP budget"),
                    document("CultureActivity", culture))

    # -- audit and review -----------------------------------------------------------------
    def audit(self) -> list[tuple[str, str]]:
        unit_ids = [u["id"] for u in self.units]
        procs = [p["id"] for p in self.procedures]
        programme = {"id": "AP-2026", "title": "Internal audit programme of the IP management system, 2026",
                     "cycle_start": D(2026, 1, 1), "cycle_end": D(2026, 12, 31), "approved_by": self.mr,
                     "procedures": procs, "units": unit_ids}
        groups = [unit_ids[i:i + 4] for i in range(0, len(unit_ids), 4)]
        audits, ncs = [], []
        auditor_unit = {a: self.person[a]["unit"] for a in self.auditors}
        for i, units in enumerate(groups):
            independent = [a for a in self.auditors if auditor_unit[a] not in units]
            date = D(2026, 2, 2) + dt.timedelta(days=(i * 200) // max(1, len(groups)))
            aid = f"AUD-2026-{i + 1:03d}"
            audits.append({"id": aid, "programme": "AP-2026", "date": date, "lead_auditor": independent[0],
                           "auditors": independent[:3], "units": units,
                           "procedures": procs[i::len(groups)] if len(groups) <= len(procs) else [procs[i % len(procs)]],
                           "report": f"HX-IA-2026-{i + 1:03d}-RPT"})
            if i % 2 == 0:
                closed = date + 40 * DAY
                ncs.append({"id": f"NC-2026-{len(ncs) + 1:03d}",
                            "description": f"Monthly record missed once in {units[0]} in the quarter before the audit",
                            "audit": aid, "raised": date, "grade": "minor", "clause": "GB/T 29490-2013 4.2.4",
                            "unit": units[0], "root_cause": "No deputy named during leave",
                            "correction": "Missing record made", "corrective_action": "Deputies named for every form",
                            "owner": self.staying[units[0]][0], "due": date + 60 * DAY, "closed": closed,
                            "verified_by": independent[0], "verified": closed + 20 * DAY, "effective": True})
        review = {"id": "MR-2026", "date": D(2026, 10, 20), "chair": self.gm,
                  "attendees": list(dict.fromkeys([*self.top, *self.heads[:12]])),
                  "inputs": ["audit-results", "objective-achievement", "policy-implementation", "changes",
                             "risks-and-opportunities", "resources", "previous-review-follow-up",
                             "corrective-actions"],
                  "outputs": [{"decision": "The IP policy remains suitable; no change", "type": "other",
                               "owner": self.gm, "due": D(2026, 10, 31), "done": D(2026, 10, 20)},
                              {"decision": "Raise the invention filing objective from 2027", "type": "objective-change",
                               "owner": self.mr, "due": D(2026, 11, 15), "done": D(2026, 11, 5)},
                              {"decision": "Add one IP engineer to the Legal & IP Department", "type": "resources",
                               "owner": self.gm, "due": D(2027, 3, 31)}],
                  "audits": [a["id"] for a in audits], "minutes": "HX-GM-MIN-2026-031"}
        return [("audit/programme-2026.yaml", single("AuditProgramme", programme)),
                ("audit/audits-2026.yaml", document("Audit", audits)),
                ("audit/nonconformities-2026.yaml", document("Nonconformity", ncs)),
                ("review/2026.yaml", single("ManagementReview", review))]

    # -- the whole declaration --------------------------------------------------------------
    def files(self, register_files: int) -> Iterator[tuple[str, str]]:
        self.organisation()
        enterprise = {"id": "huaxin", "name": ENTERPRISE, "industry": "Industrial heat exchangers",
                      "markets": MARKETS, "employees": self.n_people,
                      "scope": "Design, manufacture and sale of heat exchangers and monitoring software",
                      "description": "Founded 2006; high-tech enterprise since 2012"}
        yield "enterprise.yaml", join(single("Enterprise", enterprise, "enterprise profile"),
                                      document("Unit", self.units), document("Product", self.products))
        for i, chunk in enumerate(_chunks(self.people, 5000)):
            yield f"people/staff-{i + 1:03d}.yaml", document("Person", chunk)
        yield "people/roles.yaml", document("Role", self.roles())
        yield from self.startup()
        yield "diagnosis/report.yaml", single("DiagnosisReport", self.diagnosis())
        yield from self.system()
        yield from self.manual()
        registers = {"Patent": self.patents(), "Trademark": self.trademarks(), "Copyright": self.copyrights(),
                     "TradeSecret": self.trade_secrets()}
        yield from self.operation()
        yield "operation/inventor-rewards.yaml", self.rewards(registers["Patent"])
        yield "system/planning.yaml", self.planning()
        records = list(self.records())
        for i, chunk in enumerate(_chunks(records, 5000)):
            yield f"operation/records-{i + 1:03d}.yaml", document("Record", chunk)
        yield from self.audit()
        yield from _spread(registers, register_files)


def _brand(k: int) -> str:
    """The k-th mark: the house mark and product brands, then numbered sub-brands."""
    return BRANDS[k] if k < len(BRANDS) else f"{BRANDS[k % len(BRANDS)]} {k // len(BRANDS) + 1}"


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _spread(registers: dict[str, list[dict[str, Any]]], files: int) -> Iterator[tuple[str, str]]:
    """The registers over ``files`` files of about equal size, each kind in its own document."""
    entries = [(kind, item) for kind, items in registers.items() for item in items]
    files = max(1, min(files, len(entries)))
    per_file = math.ceil(len(entries) / files)
    width = max(4, len(str(files)))
    for f in range(files):
        part = entries[f * per_file:(f + 1) * per_file]
        if not part:
            break
        docs = []
        for kind in registers:
            items = [item for k, item in part if k == kind]
            if items:
                docs.append(document(kind, items))
        name = "registers/registers.yaml" if files == 1 else f"registers/part-{f + 1:0{width}d}.yaml"
        yield name, join(*docs)


def generate(out: Path, entries: int, files: int = 1, seed: int = 29490) -> dict[str, int]:
    """Write the declaration into ``out`` (replaced); return counts of files and bytes."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    total = count = 0
    for name, text in Generator(entries, seed).files(files):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        count += 1
    return {"files": count, "bytes": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000, help="register entries (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced if it exists)")
    parser.add_argument("--files", type=int, default=1, help="spread the registers over this many files")
    parser.add_argument("--seed", type=int, default=29490)
    args = parser.parse_args(argv)
    stats = generate(args.out, args.entries, args.files, args.seed)
    print(f"{args.out}: {args.entries:,} register entries, {stats['files']:,} files, "
          f"{stats['bytes'] / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
