"""Rules of the four-in-one protection that a declarative pack cannot say.

The simple checks of each protection type (a field filled, a date passed) are in the packs
``rules/packs/patent.yaml``, ``trademark.yaml``, ``copyright.yaml`` and
``trade-secret.yaml``. The rules here look across kinds: a procedure and the role that owns
it, a register against the products and projects it should cover, a trademark register
against the markets and Nice classes the enterprise sells in, trade-secret access lists
against confidentiality agreements, leavers and exit checks.

Markets and trademark jurisdictions. A market is the jurisdiction code written in
``Enterprise.markets`` or ``Product.markets``. A trademark covers a market when its
``jurisdiction`` is that code, with one mapping: a European Union trade mark (``EU``, or
``EM`` as EUIPO writes it) covers the market ``EU`` and every EU member state. ``EP`` is the
European *patent* system and no trademark; ``WO`` (an international registration under
the Madrid system) does not say which countries it designates, so it covers no market by
itself: declare the designations as marks of their own jurisdictions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import (
    ConfidentialityAgreement,
    Contract,
    Copyright,
    Patent,
    Procedure,
    Product,
    Project,
    Record,
    RecordForm,
    Role,
    Trademark,
    TradeSecret,
    Unit,
)
from ipcheck.rules.api import CheckContext, Rule, Violation, rule
from ipcheck.rules.builtin.common import name_or, people_who_left, staff_checked

# -- shared helpers ---------------------------------------------------------------------

EU_MEMBERS = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
EU_MARKS = frozenset({"EU", "EM"})
LIVE_MARK = frozenset({"registered", "pending"})

NOUNS = {"patent": "patents", "trademark": "trademarks", "copyright": "copyright works", "trade-secret": "trade secrets"}


def _name(decl: Declaration, person_id: str | None) -> str:
    return name_or(decl, person_id, person_id or "(nobody)")


def _quote(ids: Iterable[str], limit: int = 5) -> str:
    ids = list(ids)
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def governing(decl: Declaration, protection: str) -> list[Procedure]:
    """Procedures that list ``protection`` among the types they govern, in file order."""
    return [p for p in decl.of(Procedure) if protection in p.protection]


def responsible(decl: Declaration, protection: str) -> str:
    """Who answers for a protection type: the owner role of its most specific procedure
    (the one governing the fewest types) and the people holding that role."""
    owned = [p for p in governing(decl, protection) if p.owner]
    for procedure in sorted(owned, key=lambda p: len(p.protection)):
        role = decl.get(procedure.owner, Role)
        if role is None:
            continue
        holders = [_name(decl, h) for h in role.holders]
        return f"{role.title} ({', '.join(holders)})" if holders else role.title
    return "the IP department"


# -- per protection type: an owned control procedure, a register ---------------------------

_EXAMPLE = {
    "patent": ("PR-02", "Patent filing", "Patent", "PAT-001", "title: Plate heat exchanger\njurisdiction: CN\nstatus: pending"),
    "trademark": ("PR-05", "Trademark management", "Trademark", "TM-001", "mark: HUAXIN\njurisdiction: CN\nstatus: registered"),
    "copyright": ("PR-06", "Copyright and software", "Copyright", "CR-001", "title: ThermoLink 3.0\ntype: software"),
    "trade-secret": ("PR-07", "Trade secrets", "TradeSecret", "TS-001", "title: Brazing furnace profile\nlevel: core"),
}


def _owned_procedure_rule(rule_id: str, protection: str, topics: tuple[str, ...]) -> Rule:
    noun = NOUNS[protection]
    pid, title, _, _, _ = _EXAMPLE[protection]

    @rule(
        id=rule_id,
        reads=("Person", "Procedure"),
        title=f"The procedures governing {noun} have an owner",
        severity="major",
        protection=protection,
        clauses=topics,
        rationale=(
            f"A control procedure for {noun} that no role owns is followed by nobody in particular: "
            "nobody keeps it current, answers for its records or is asked when it fails. When every "
            f"procedure that governs {noun} lacks an owner, the management of {noun} has no one "
            "responsible, which auditors grade as a system failure."
        ),
        fails=f"kind: Procedure\nid: {pid}\ntitle: {title}\nprotection: [{protection}]\n",
        passes=(f"kind: Role\nid: ROLE-IP\ntitle: IP department\n---\nkind: Procedure\nid: {pid}\n"
                f"title: {title}\nprotection: [{protection}]\nowner: ROLE-IP\n"),
        fix=("Name the role that owns {procedures} (the procedures governing " + noun + ") in their owner "
             "field, have {mr_name} approve the change, and issue the revised procedures."),
    )
    def check(ctx: CheckContext) -> Iterator[Violation]:
        decl = ctx.declaration
        procedures = governing(decl, protection)
        if not procedures or any(p.owner for p in procedures):
            return
        listed = _quote(f"{p.id} '{p.title}'" for p in procedures)
        approver = next((p.approved_by for p in procedures if p.approved_by), None)
        dedicated = min(procedures, key=lambda p: len(p.protection))  # the first governing fewest types
        yield Violation(
            f"No procedure governing {noun} has an owner: {listed} name no owner role",
            subject=dedicated.id, path=("owner",),
            values={"procedures": _quote(p.id for p in procedures),
                    "mr_name": _name(decl, approver) if approver else "the management representative"},
        )

    return check


def _register_rule(rule_id: str, protection: str, topics: tuple[str, ...], what: str, fix: str) -> Rule:
    noun = NOUNS[protection]
    _, _, kind, item_id, body = _EXAMPLE[protection]
    cls = {"Patent": Patent, "Trademark": Trademark, "Copyright": Copyright, "TradeSecret": TradeSecret}[kind]

    @rule(
        id=rule_id,
        reads=(kind, "Enterprise", "Person", "Procedure", "Product", "Project", "Role"),
        title=f"A register of {noun} is kept",
        severity="major",
        protection=protection,
        clauses=topics,
        rationale=(
            f"An enterprise with products or R&D has {noun}, or has decided it has none worth "
            f"protecting; either way the system needs a register ({what}) to manage them. Without "
            "one nothing can be monitored, maintained or audited, which auditors grade as a "
            "missing register."
        ),
        fails="kind: Product\nid: PRD-1\nname: Plate heat exchanger\n",
        passes=f"kind: Product\nid: PRD-1\nname: Plate heat exchanger\n---\nkind: {kind}\nid: {item_id}\n{body}\n",
        fix=fix,
    )
    def check(ctx: CheckContext) -> Iterator[Violation]:
        decl = ctx.declaration
        if decl.of(cls):
            return
        products, projects = len(decl.of(Product)), len(decl.of(Project))
        if not products and not projects:
            return
        ent = decl.enterprise
        name = ent.name if ent is not None else "The enterprise"
        basis = ", ".join(part for part in (
            f"{products} product{'s' * (products != 1)}" if products else "",
            f"{projects} R&D project{'s' * (projects != 1)}" if projects else "",
        ) if part)
        yield Violation(
            f"{name} declares {basis} but no register of {noun} (no item of kind {kind})",
            subject=ent.id if ent is not None else None,
            values={"enterprise": name, "responsible": responsible(decl, protection)},
        )

    return check


# -- patents --------------------------------------------------------------------------------


@rule(
    reads=("Person", "Procedure", "Project", "Record", "Role"),
    id="IPP004",
    title="A patent search is made before an R&D project starts",
    severity="minor",
    protection="patent",
    clauses=("project-initiation", "research-development", "information-resources"),
    rationale=(
        "A state-of-the-art and freedom-to-operate search before a project starts keeps the "
        "enterprise from re-inventing what is known and from designing into someone else's "
        "patent. A project started without one (or searched only after it started) is a lapse "
        "of the project-initiation control."
    ),
    fails="kind: Project\nid: PJ-1\nname: Microchannel coil\nstart: 2026-03-01\n",
    passes=("kind: Project\nid: PJ-1\nname: Microchannel coil\nstart: 2026-03-01\n"
            "patent_search: {date: 2026-02-10, result: no blocking patent}\n"),
    fix=("Have {leader_name}, leader of project {subject} '{name}', get a state-of-the-art and "
         "freedom-to-operate search from {responsible} now and record it in patent_search; make the "
         "search report a condition of approving a project before it starts."),
)
def patent_search_before_start(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    who = None
    for project in decl.of(Project):
        start = project.start
        if start is None or start > ctx.as_of:
            continue
        search = project.patent_search
        date = search.date if search is not None else None
        if date is None and search is not None and search.record:
            record = decl.get(search.record, Record)
            date = record.date if record is not None else None
        if date is not None and date <= start:
            continue
        if who is None:
            who = responsible(decl, "patent")
        values = {"leader_name": _name(decl, project.leader) if project.leader else "the project leader",
                  "name": project.name, "responsible": who}
        if date is None:
            message = (f"R&D project {project.id} '{project.name}' started on {start.isoformat()} "
                       "with no patent search recorded")
            path: tuple[str | int, ...] = ("patent_search",) if search is not None else ("start",)
        else:
            message = (f"R&D project {project.id} '{project.name}' started on {start.isoformat()} but its "
                       f"patent search is dated {date.isoformat()}, after the start")
            path = ("patent_search", "date")
        yield Violation(message, subject=project.id, path=path, values=values)


DOCKET_WORDS = ("deadline", "annuit", "docket", "renewal", "maintenance fee")


def docket_forms(decl: Declaration) -> dict[str, RecordForm]:
    """The monitoring forms that make up the deadline docket: monitoring forms of procedures
    governing patents, narrowed to those whose title speaks of deadlines, annuities, dockets
    or renewals when there are any such."""
    procedures = {p.id for p in governing(decl, "patent")}
    forms = {f.id: f for f in decl.of(RecordForm) if f.monitoring and f.procedure in procedures}
    docket = {i: f for i, f in forms.items() if any(w in f.title.lower() for w in DOCKET_WORDS)}
    return docket or forms


DOCKET_WINDOW = 90  # days ahead in which a coming annuity must be watched
DOCKET_RECENT = 31  # days within which a deadline check must have been recorded


@rule(
    reads=("Patent", "Person", "Procedure", "Record", "RecordForm", "Role"),
    id="IPP006",
    title="Annuities falling due within 90 days are watched on the deadline docket",
    severity="observation",
    protection="patent",
    clauses=("maintenance", "monitoring"),
    rationale=(
        "Annuities coming due are where patents are lost. With a deadline docket that is checked "
        "(records in the last month on the monitoring forms of the patent procedures, those whose "
        "title speaks of deadlines, annuities, dockets or renewals when there are such), a coming "
        "annuity is in hand and auditors say nothing. Without such a check, each annuity due within "
        "90 days is pointed out so that its payment is confirmed in time: an observation, since "
        "nothing has lapsed yet."
    ),
    fails=("kind: Patent\nid: PAT-1\ntitle: Plate pack with asymmetric channels\njurisdiction: CN\n"
           "status: granted\nannuity_due: 2026-12-20\n"),
    passes=("kind: Patent\nid: PAT-1\ntitle: Plate pack with asymmetric channels\njurisdiction: CN\n"
            "status: granted\nannuity_due: 2026-12-20\n---\nkind: Procedure\nid: PR-04\n"
            "title: Maintenance of rights\nprotection: [patent]\n---\nkind: RecordForm\nid: F-04-1\n"
            "title: Deadline docket check\nprocedure: PR-04\nfrequency: weekly\nmonitoring: true\n---\n"
            "kind: Record\nid: R-1\nform: F-04-1\ndate: 2026-11-16\n"),
    fix=("Confirm with {responsible} that the annuity of {subject} '{title}' due on {annuity_due} is on the "
         "payment list, and record the deadline docket check {forms} at its planned frequency."),
)
def annuity_coming_due(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    as_of = ctx.as_of
    horizon = as_of + dt.timedelta(days=DOCKET_WINDOW)
    coming = [p for p in decl.of(Patent)
              if p.status in ("granted", "pending") and p.annuity_due is not None
              and as_of <= p.annuity_due <= horizon and not (p.expiry is not None and p.expiry < as_of)]
    if not coming:
        return
    forms = docket_forms(decl)
    dates = [r.date for r in decl.of(Record) if r.form in forms and r.date <= as_of] if forms else []
    latest = max(dates, default=None)
    if latest is not None and (as_of - latest).days <= DOCKET_RECENT:
        return
    named = _quote(f"{f.id} '{f.title}'" for f in forms.values())
    if not forms:
        why = "no monitoring form of a patent procedure exists for a deadline docket"
        where = "on a monitoring form of the maintenance procedure"
    elif latest is None:
        why = f"no deadline check is recorded on {named}"
        where = f"on {_quote(forms)}"
    else:
        why = f"the last check recorded on {named} is of {latest.isoformat()}"
        where = f"on {_quote(forms)}"
    who = responsible(decl, "patent")
    for patent in coming:
        assert patent.annuity_due is not None
        yield Violation(
            f"The annuity of patent {patent.id} '{patent.title}' ({patent.jurisdiction}) falls due on "
            f"{patent.annuity_due.isoformat()}, within {DOCKET_WINDOW} days, and {why}",
            subject=patent.id, path=("annuity_due",),
            values={"title": patent.title, "annuity_due": patent.annuity_due.isoformat(), "forms": where,
                    "responsible": who},
        )


@rule(
    reads=("Patent", "Person", "Procedure", "Record", "Role"),
    id="IPP008",
    title="A patent is let lapse or abandoned only on a recorded decision",
    severity="minor",
    protection="patent",
    clauses=("maintenance", "records"),
    rationale=(
        "Dropping a patent or an application is a decision: someone weighs its use, licensing "
        "value and cost and decides. A right in the register as lapsed or abandoned with no "
        "record about it (any Record whose `about` names it) cannot be told apart from a right "
        "lost by a missed deadline. One such right is a lapse; a pattern of them would show the "
        "maintenance control does not work."
    ),
    fails="kind: Patent\nid: PAT-7\ntitle: Gasket clip\njurisdiction: CN\nstatus: lapsed\n",
    passes=("kind: Patent\nid: PAT-7\ntitle: Gasket clip\njurisdiction: CN\nstatus: lapsed\n---\n"
            "kind: RecordForm\nid: F-04-3\ntitle: Decision to abandon a right\n---\n"
            "kind: Record\nid: R-1\nform: F-04-3\ndate: 2026-02-01\nabout: PAT-7\n"
            "summary: no product uses it; R&D Director agreed to stop paying annuities\n"),
    fix=("Find out why {subject} '{title}' is {status}; if it was a decision, record it (who decided, "
         "when and why) as a Record about {subject}; if the right was lost by a missed deadline, ask "
         "{responsible} to check for restoration and correct the docket."),
)
def lapsed_patent_decision(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    dropped = [p for p in decl.of(Patent) if p.status in ("lapsed", "abandoned")]
    if not dropped:
        return
    about = {r.about for r in decl.of(Record) if r.about is not None}
    who = responsible(decl, "patent")
    for patent in dropped:
        if patent.id in about:
            continue
        number = patent.grant_number or patent.application_number
        ref = f" ({patent.jurisdiction} {number})" if number else f" ({patent.jurisdiction})"
        yield Violation(
            f"Patent {patent.id} '{patent.title}'{ref} is {patent.status} and no record of the "
            "decision to drop it is declared",
            subject=patent.id, path=("status",),
            values={"title": patent.title, "status": patent.status, "responsible": who},
        )


@rule(
    reads=("Patent",),
    id="IPP014",
    title="Each patent is registered once",
    severity="minor",
    protection="patent",
    clauses=("maintenance", "information-resources"),
    rationale=(
        "The patent register is what annuities, renewals and the portfolio count are taken from. "
        "An application or grant number on two entries counts one right twice: its annuity may "
        "be docketed twice or, when one entry is corrected and the other not, missed."
    ),
    fails=("kind: Patent\nitems:\n  - {id: PAT-1, title: Valve, jurisdiction: CN, status: pending,\n"
           "     application_number: CN202410001234.5}\n  - {id: PAT-1b, title: Valve, jurisdiction: CN, "
           "status: pending,\n     application_number: CN202410001234.5}\n"),
    passes=("kind: Patent\nitems:\n  - {id: PAT-1, title: Valve, jurisdiction: CN, status: pending,\n"
            "     application_number: CN202410001234.5}\n  - {id: PAT-2, title: Valve seat, jurisdiction: CN, "
            "status: pending,\n     application_number: CN202410001235.0}\n"),
    fix=("Check whether {subject} and {first} are one patent ({field} {number}); if so, remove {subject} from the "
         "register and keep its dates on {first}; if not, correct the number."),
)
def patent_registered_once(ctx: CheckContext) -> Iterator[Violation]:
    first_with: dict[tuple[str, str, str], Patent] = {}  # (field, jurisdiction, number)
    for patent in ctx.declaration.of(Patent):
        for field in ("application_number", "grant_number"):
            number = getattr(patent, field)
            if not number:
                continue
            key = (field, patent.jurisdiction, "".join(number.split()).upper())  # a bare number may recur abroad
            first = first_with.setdefault(key, patent)
            if first is not patent:
                yield Violation(
                    f"Patent {patent.id} has {field.replace('_', ' ')} {number}, as {first.id} has: one patent "
                    "registered twice?",
                    subject=patent.id, path=(field,), key=field,
                    values={"first": first.id, "field": field.replace("_", " "), "number": number},
                )


# -- trademarks -------------------------------------------------------------------------------


def _covers(jurisdiction: str, market: str) -> bool:
    return jurisdiction == market or (jurisdiction in EU_MARKS and (market == "EU" or market in EU_MEMBERS))


def _live_classes(decl: Declaration) -> dict[str, set[int]]:
    """Nice classes of the registered or pending marks, by jurisdiction."""
    live: dict[str, set[int]] = {}
    for mark in decl.of(Trademark):
        if mark.status in LIVE_MARK:
            live.setdefault(mark.jurisdiction, set()).update(mark.classes)
    return live


def _market_classes(live: dict[str, set[int]], market: str) -> set[int] | None:
    """Classes covered in a market, or None when no live mark covers the market at all."""
    found: set[int] | None = None
    for jurisdiction, classes in live.items():
        if _covers(jurisdiction, market):
            found = (found or set()) | classes
    return found


def _classes_phrase(classes: list[int]) -> str:
    if not classes:
        return "in the classes of the goods and services sold there"
    listed = ", ".join(map(str, classes[:-1])) + f" and {classes[-1]}" if len(classes) > 1 else str(classes[0])
    return f"in Nice class{'es' if len(classes) > 1 else ''} {listed} (the goods and services sold there)"


@rule(
    reads=("Enterprise", "Person", "Procedure", "Product", "Role", "Trademark"),
    id="IPT004",
    title="Trademarks are registered in every market the enterprise sells in",
    severity="minor",
    protection="trademark",
    clauses=("acquisition", "sales"),
    rationale=(
        "Selling under a mark in a market where it is neither registered nor applied for leaves "
        "it open to squatters and to infringement claims, and makes it hard to stop copies. A "
        "market counts as covered by a registered or pending mark of that jurisdiction; an EU "
        "trade mark (EU or EM) covers the EU and each member state; an international "
        "registration (WO) counts only through the designations declared as marks of their own. "
        "While no trademark is declared at all, the missing register (IPT003) is reported instead."
    ),
    fails="kind: Enterprise\nid: ACME\nname: Acme\nmarkets: [CN, US]\n---\n"
          "kind: Trademark\nid: TM-1\nmark: ACME\njurisdiction: CN\nclasses: [11]\nstatus: registered\n",
    passes="kind: Enterprise\nid: ACME\nname: Acme\nmarkets: [CN, US]\n---\n"
           "kind: Trademark\nid: TM-1\nmark: ACME\njurisdiction: CN\nclasses: [11]\nstatus: registered\n---\n"
           "kind: Trademark\nid: TM-2\nmark: ACME\njurisdiction: US\nclasses: [11]\nstatus: pending\n",
    fix=("File {marks} in {market} (directly with the trademark office for {market}, or by a Madrid designation "
         "declared as a mark of {market}) {classes}; {responsible} tracks the application in the trademark "
         "register."),
)
def marks_in_every_market(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    if not decl.of(Trademark):
        return  # no register at all: IPT003's one finding, not one per market
    live = _live_classes(decl)
    seen: set[str] = set()
    places: list[tuple[str, str | None, tuple[str | int, ...], str]] = []
    ent = decl.enterprise
    if ent is not None:
        for i, market in enumerate(ent.markets):
            if market not in seen:
                seen.add(market)
                places.append((market, ent.id, ("markets", i), f"{ent.name} sells in {market}"))
    product_classes: dict[str, set[int]] = {}
    for product in decl.of(Product):
        for i, market in enumerate(product.markets):
            product_classes.setdefault(market, set()).update(product.nice_classes)
            if market not in seen:
                seen.add(market)
                places.append((market, product.id, ("markets", i),
                               f"Product {product.id} '{product.name}' is sold in {market}"))
    missing = [p for p in places if _market_classes(live, p[0]) is None]
    if not missing:
        return
    names = sorted({m.mark for m in decl.of(Trademark) if m.status in LIVE_MARK})
    marks = (f"the mark{'s' * (len(names) > 1)} " + _quote(names, 3)) if names else "the enterprise's marks"
    who = responsible(decl, "trademark")
    for market, subject, path, said in missing:
        classes = sorted(product_classes.get(market, set()))
        yield Violation(
            f"{said} but no registered or pending trademark covers {market}",
            subject=subject, path=path, key=market,
            values={"market": market, "marks": marks, "responsible": who,
                    "classes": _classes_phrase(classes)},
        )


@rule(
    reads=("Person", "Procedure", "Product", "Role", "Trademark"),
    id="IPT005",
    title="Trademarks cover the Nice classes of the products in each of their markets",
    severity="minor",
    protection="trademark",
    clauses=("acquisition", "sales"),
    rationale=(
        "A mark protects only the goods and services of the classes it is registered in. A "
        "product sold in a market where the enterprise holds marks, but none in the product's "
        "Nice class, is sold under an unprotected name there. Markets with no mark at all are "
        "reported by IPT004 instead."
    ),
    fails="kind: Product\nid: PRD-1\nname: ThermoLink\nmarkets: [CN]\nnice_classes: [9, 42]\n---\n"
          "kind: Trademark\nid: TM-1\nmark: THERMOLINK\njurisdiction: CN\nclasses: [9]\nstatus: registered\n",
    passes="kind: Product\nid: PRD-1\nname: ThermoLink\nmarkets: [CN]\nnice_classes: [9, 42]\n---\n"
           "kind: Trademark\nid: TM-1\nmark: THERMOLINK\njurisdiction: CN\nclasses: [9, 42]\nstatus: registered\n",
    fix=("File the mark used for {subject} '{name}' in {market} in {classes} (or extend an application "
         "still open there); {responsible} records it in the trademark register."),
)
def marks_cover_product_classes(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    live = _live_classes(decl)
    cache: dict[str, set[int] | None] = {}
    who = None
    for product in decl.of(Product):
        if not product.nice_classes:
            continue
        for i, market in enumerate(product.markets):
            if market not in cache:
                cache[market] = _market_classes(live, market)
            covered = cache[market]
            if covered is None:
                continue
            gaps = [c for c in dict.fromkeys(product.nice_classes) if c not in covered]
            if not gaps:
                continue
            if who is None:
                who = responsible(decl, "trademark")
            shown = ", ".join(map(str, gaps))
            plural = "es" if len(gaps) > 1 else ""
            yield Violation(
                f"Product {product.id} '{product.name}' is sold in {market} in Nice class{plural} {shown}, "
                f"which no registered or pending trademark in {market} covers",
                subject=product.id, path=("markets", i), key=market,
                values={"name": product.name, "market": market, "classes": f"Nice class{plural} {shown}",
                        "responsible": who},
            )


# -- copyright --------------------------------------------------------------------------------


@rule(
    reads=("Contract", "Copyright", "Person", "Procedure", "Role"),
    id="IPC005",
    title="Ownership of commissioned and outsourced works is fixed by contract",
    severity="minor",
    protection="copyright",
    clauses=("contracts", "acquisition"),
    rationale=(
        "Copyright in a commissioned or outsourced work belongs to its author unless a contract "
        "says otherwise. A work the enterprise paid for without a contract that assigns the "
        "rights (`contract` with an `ip_ownership` clause) may not be the enterprise's to use, "
        "change or enforce."
    ),
    fails="kind: Copyright\nid: CR-1\ntitle: Product catalogue 2026\ntype: document\nownership: commissioned\n",
    passes=("kind: Contract\nid: K-1\ntitle: Catalogue design\ntype: commissioning\n"
            "ip_ownership: all copyright assigned to the client on delivery\n---\n"
            "kind: Copyright\nid: CR-1\ntitle: Product catalogue 2026\ntype: document\nownership: commissioned\n"
            "contract: K-1\n"),
    fix=("Get the ownership of {subject} '{title}' in writing: have {contract} assign the copyright to the "
         "enterprise (record the clause in ip_ownership); {responsible} checks every commissioning and "
         "outsourcing contract for that clause before the work starts."),
)
def commissioned_work_contract(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    who = None
    for work in decl.of(Copyright):
        if work.ownership not in ("commissioned", "outsourced"):
            continue
        if work.contract is None:
            message = (f"Copyright work {work.id} '{work.title}' is {work.ownership} but names no contract "
                       "fixing its ownership")
            path: tuple[str | int, ...] = ("ownership",)
            contract = "a contract (or a written assignment) with the author"
        else:
            found = decl.get(work.contract, Contract)
            if found is None or (found.ip_ownership or "").strip():
                continue  # a dangling reference is IPX001's finding
            party = f" with {found.counterparty}" if found.counterparty else ""
            message = (f"Copyright work {work.id} '{work.title}' is {work.ownership}, but its contract "
                       f"{found.id} '{found.title}'{party} has no IP ownership clause (ip_ownership)")
            path = ("contract",)
            contract = f"contract {found.id} '{found.title}' (by an amendment)"
        if who is None:
            who = responsible(decl, "copyright")
        yield Violation(message, subject=work.id, path=path,
                        values={"title": work.title, "contract": contract, "responsible": who})


# -- trade secrets ----------------------------------------------------------------------------


class _Bound:
    """Who is bound by a confidentiality agreement in force, worked out once per check.

    An agreement counts when it is signed (by the check date) and, for someone still
    employed, not expired (a leaver's duties outlive the contract). One that names secrets
    covers those; one that names none covers every secret.
    """

    def __init__(self, decl: Declaration, ctx: CheckContext, *, non_compete: bool = False) -> None:
        as_of = ctx.as_of
        self.leavers = set(people_who_left(decl, as_of))
        self.general: tuple[set[str], set[str]] = (set(), set())  # (in force, signed at all)
        self.scoped: tuple[set[tuple[str, str]], set[tuple[str, str]]] = (set(), set())
        for agreement in decl.of(ConfidentialityAgreement):
            if non_compete and not agreement.non_compete:
                continue
            if agreement.signed is None or agreement.signed > as_of:
                continue
            current = agreement.expires is None or agreement.expires >= as_of
            if agreement.secrets:
                pairs = {(agreement.person, s) for s in agreement.secrets}
                self.scoped[1].update(pairs)
                if current:
                    self.scoped[0].update(pairs)
            else:
                self.general[1].add(agreement.person)
                if current:
                    self.general[0].add(agreement.person)

    def gaps(self, secrets: Iterable[TradeSecret], decl: Declaration, *,
             skip_leavers: bool = False) -> dict[str, list[tuple[TradeSecret, int]]]:
        """People not covered, each with the secrets (and index in their access lists) concerned."""
        leavers, by_id = self.leavers, decl.by_id
        general_now, general_ever = self.general
        scoped_now, scoped_ever = self.scoped
        found: dict[str, list[tuple[TradeSecret, int]]] = {}
        for secret in secrets:
            seen: set[str] = set()
            for index, person_id in enumerate(secret.access):
                if person_id in seen or person_id not in by_id:
                    continue  # listed twice, or dangling (IPX001's finding)
                seen.add(person_id)
                if person_id in leavers:
                    if skip_leavers or person_id in general_ever or (person_id, secret.id) in scoped_ever:
                        continue
                elif person_id in general_now or (person_id, secret.id) in scoped_now:
                    continue
                found.setdefault(person_id, []).append((secret, index))
        return found


def _why_not(decl: Declaration, ctx: CheckContext, person_id: str, secret_id: str) -> str:
    """Why nobody's agreement covers a person's access (only called for findings)."""
    held = [a for a in decl.of(ConfidentialityAgreement)
            if a.person == person_id and (not a.secrets or secret_id in a.secrets)]
    expired = [a for a in held if a.signed is not None and a.signed <= ctx.as_of]
    if expired:
        last = max(expired, key=lambda a: a.expires or ctx.as_of)
        return f"their agreement {last.id} expired on {last.expires}"
    if held:
        return f"their agreement {held[0].id} is not signed"
    return "no confidentiality agreement covering it is declared"


@rule(
    reads=("ConfidentialityAgreement", "Person", "Procedure", "Role", "TradeSecret"),
    id="IPS007",
    title="Everyone with access to a trade secret has signed a confidentiality agreement",
    severity="minor",
    protection="trade-secret",
    clauses=("confidentiality", "employment-contracts"),
    rationale=(
        "Courts protect a trade secret only if the holder took reasonable measures to keep it "
        "secret; a signed confidentiality agreement with each person given access is the first "
        "of them. An agreement counts when it is signed and, for someone still employed, not "
        "expired; one that lists secrets covers only those. Each person without one is a lapse."
    ),
    fails=("kind: Person\nid: P-1\nname: Li Na\n---\nkind: TradeSecret\nid: TS-1\ntitle: Brazing profile\n"
           "level: core\ncustodian: P-1\naccess: [P-1]\n"),
    passes=("kind: Person\nid: P-1\nname: Li Na\n---\nkind: TradeSecret\nid: TS-1\ntitle: Brazing profile\n"
            "level: core\ncustodian: P-1\naccess: [P-1]\n---\n"
            "kind: ConfidentialityAgreement\nid: CA-1\nperson: P-1\nsigned: 2024-05-06\n"),
    fix=("{action}; {responsible} grants access to a trade secret only once the person's agreement is "
         "signed."),
)
def access_has_agreement(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    secrets = decl.of(TradeSecret)
    if not secrets:
        return
    bound = _Bound(decl, ctx)
    gaps = bound.gaps(secrets, decl)
    if not gaps:
        return
    who = responsible(decl, "trade-secret")
    leavers = bound.leavers
    for person_id, where in gaps.items():
        name = _name(decl, person_id)
        ids = _quote([s.id for s, _ in where])
        if person_id in leavers:
            action = (f"Send {name}, who has left, a written reminder of the duty to keep {ids} secret and "
                      "have it acknowledged")
        else:
            action = (f"Have {name} sign a confidentiality agreement covering {ids} (declare it as a "
                      "ConfidentialityAgreement), or withdraw the access")
        listed = [f"{s.id} '{s.title}'" for s, _ in where]
        secret, index = where[0]
        plural = "s" if len(listed) > 1 else ""
        yield Violation(
            f"{name} ({person_id}) {'had' if person_id in leavers else 'has'} access to trade secret{plural} "
            f"{_quote(listed, 3)}, but "
            f"{_why_not(decl, ctx, person_id, secret.id)}",
            subject=secret.id, path=("access", index), key=person_id,
            values={"name": name, "secrets": ids, "action": action, "responsible": who},
        )


@rule(
    reads=("ConfidentialityAgreement", "Person", "Procedure", "Role", "TradeSecret"),
    id="IPS008",
    title="People with access to core trade secrets are bound by a non-compete agreement",
    severity="observation",
    protection="trade-secret",
    clauses=("employment-contracts", "confidentiality"),
    rationale=(
        "Those who know the enterprise's core secrets are the ones a competitor hires. Where the "
        "law allows (in China, for senior managers, senior technical staff and others bound to "
        "confidentiality), a non-compete agreement with compensation keeps that knowledge from "
        "walking out. Good practice, not a requirement: an observation."
    ),
    fails=("kind: Person\nid: P-1\nname: Li Na\n---\nkind: TradeSecret\nid: TS-1\ntitle: Brazing profile\n"
           "level: core\naccess: [P-1]\n---\nkind: ConfidentialityAgreement\nid: CA-1\nperson: P-1\n"
           "signed: 2024-05-06\n"),
    passes=("kind: Person\nid: P-1\nname: Li Na\n---\nkind: TradeSecret\nid: TS-1\ntitle: Brazing profile\n"
            "level: core\naccess: [P-1]\n---\nkind: ConfidentialityAgreement\nid: CA-1\nperson: P-1\n"
            "signed: 2024-05-06\nnon_compete: true\n"),
    fix=("Consider a non-compete agreement (with the compensation the law requires) with {name}, who has "
         "access to core secrets {secrets}; {responsible} and HR decide which roles need one."),
)
def core_access_non_compete(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    core = [s for s in decl.of(TradeSecret) if s.level == "core"]
    if not core:
        return
    gaps = _Bound(decl, ctx, non_compete=True).gaps(core, decl, skip_leavers=True)
    if not gaps:
        return
    who = responsible(decl, "trade-secret")
    for person_id, where in gaps.items():
        name = _name(decl, person_id)
        secret, index = where[0]
        ids = [s.id for s, _ in where]
        plural = "s" if len(ids) > 1 else ""
        yield Violation(
            f"{name} ({person_id}) has access to core trade secret{plural} {_quote(ids, 3)} and no "
            "non-compete agreement in force",
            subject=secret.id, path=("access", index), key=person_id,
            values={"name": name, "secrets": _quote(ids), "responsible": who},
        )


@rule(
    reads=("Person", "Procedure", "Role", "StaffCheck", "TradeSecret"),
    id="IPS009",
    title="Leavers who had access to trade secrets went through an exit IP check",
    severity="minor",
    protection="trade-secret",
    clauses=("exit", "confidentiality"),
    rationale=(
        "When someone who knew a trade secret leaves, the exit check is where materials are "
        "returned, access is revoked and the confidentiality (and non-compete) duties are "
        "recalled in writing: the evidence that the enterprise kept its secret when the person "
        "left. Each leaver without a recorded exit check (StaffCheck of type exit) is a lapse."
    ),
    fails=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
           "title: Brazing profile\naccess: [P-1]\n"),
    passes=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
            "title: Brazing profile\naccess: [P-1]\n---\nkind: StaffCheck\nitems:\n  - id: SC-1\n    person: P-1\n"
            "    type: exit\n    date: 2026-06-29\n"
            "    items: [materials returned, access revoked, confidentiality duties recalled]\n"),
    fix=("Hold the exit IP check of {name} now (return of materials, access to {secrets} revoked, written "
         "reminder of the confidentiality duties) and record it as a StaffCheck of type exit; "
         "{responsible} and HR make the check part of every leaver's last day."),
)
def leavers_exit_check(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    checked = staff_checked(decl, "exit")
    leavers = {i: p for i, p in people_who_left(decl, ctx.as_of).items() if i not in checked}
    if not leavers:
        return
    knew: dict[str, list[str]] = {}
    for secret in decl.of(TradeSecret):
        for person_id in {*secret.access, secret.custodian} & leavers.keys():
            knew.setdefault(person_id, []).append(secret.id)
    who = responsible(decl, "trade-secret") if knew else ""
    for person_id, person in leavers.items():
        secrets = knew.get(person_id)
        if not secrets:
            continue
        assert person.left is not None
        plural = "s" if len(secrets) > 1 else ""
        yield Violation(
            f"{person.name} ({person.id}) left on {person.left.isoformat()} with access to trade "
            f"secret{plural} {_quote(secrets, 3)}, and no exit IP check is recorded",
            subject=person.id, path=("left",),
            values={"name": person.name, "secrets": _quote(secrets), "responsible": who},
        )


@rule(
    reads=("Person", "TradeSecret", "Unit"),
    id="IPS010",
    title="The custodian of a trade secret is still with the enterprise",
    severity="minor",
    protection="trade-secret",
    clauses=("confidentiality", "exit"),
    rationale=(
        "The custodian keeps the secret's carriers, grants and withdraws access and answers for "
        "it. A custodian who has left means nobody does: the handover at exit was missed."
    ),
    fails=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
           "title: Brazing profile\ncustodian: P-1\n"),
    passes=("kind: Person\nid: P-2\nname: Wu Lei\n---\nkind: TradeSecret\nid: TS-1\n"
            "title: Brazing profile\ncustodian: P-2\n"),
    fix=("Appoint a custodian for {subject} '{title}' among the current staff{unit_hint}, hand over the "
         "carriers and the access list from {name}'s file, and update the trade-secret register."),
)
def custodian_not_leaver(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    leavers = people_who_left(decl, ctx.as_of)
    if not leavers:
        return
    for secret in decl.of(TradeSecret):
        person = leavers.get(secret.custodian) if secret.custodian else None
        if person is None:
            continue
        assert person.left is not None
        unit = decl.get(secret.unit, Unit)
        yield Violation(
            f"Trade secret {secret.id} '{secret.title}' is still in the keeping of {person.name} "
            f"({person.id}), who left on {person.left.isoformat()}",
            subject=secret.id, path=("custodian",),
            values={"title": secret.title, "name": person.name,
                    "unit_hint": f" of the {unit.name}" if unit is not None else ""},
        )


@rule(
    reads=("Person", "TradeSecret"),
    id="IPS012",
    title="Leavers are off the access lists of trade secrets",
    severity="minor",
    protection="trade-secret",
    clauses=("confidentiality", "exit"),
    rationale=(
        "Access to a trade secret is withdrawn when a person leaves: the access list is the "
        "register of who may know the secret today. A leaver still on it means either access "
        "was never revoked, or the register no longer shows who knows the secret."
    ),
    fails=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
           "title: Brazing profile\naccess: [P-1]\n"),
    passes=("kind: Person\nid: P-1\nname: Li Na\nleft: 2026-06-30\n---\nkind: TradeSecret\nid: TS-1\n"
            "title: Brazing profile\naccess: []\n"),
    fix=("Revoke {name}'s access to {subject} '{title}' (carriers, systems, premises) if that was not done at the "
         "exit check, and remove {person} from its access list."),
)
def leavers_off_access_lists(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    leavers = people_who_left(decl, ctx.as_of)
    if not leavers:
        return
    for secret in decl.of(TradeSecret):
        for index, person_id in enumerate(secret.access):
            person = leavers.get(person_id)
            if person is None:
                continue
            assert person.left is not None
            yield Violation(
                f"Trade secret {secret.id} '{secret.title}' still lists {person.name} ({person.id}), who left on "
                f"{person.left.isoformat()}, among those with access",
                subject=secret.id, path=("access", index), key=person.id,
                values={"title": secret.title, "name": person.name, "person": person.id},
            )


RULES: list[Rule] = [
    _owned_procedure_rule("IPP002", "patent", ("documentation", "acquisition", "maintenance")),
    _register_rule(
        "IPP003", "patent", ("maintenance", "information-resources"),
        "application and grant numbers, jurisdictions, status, owners and deadlines",
        "Set up the patent register of {enterprise}: declare every patent and application as a Patent "
        "(jurisdiction, application and grant numbers, status, owner, annuity and expiry dates); "
        "{responsible} keeps it current.",
    ),
    patent_search_before_start,
    annuity_coming_due,
    lapsed_patent_decision,
    patent_registered_once,
    _owned_procedure_rule("IPT002", "trademark", ("documentation", "acquisition", "maintenance")),
    _register_rule(
        "IPT003", "trademark", ("maintenance", "information-resources"),
        "marks, registration numbers, classes, jurisdictions and renewal dates",
        "Set up the trademark register of {enterprise}: declare every mark registered or applied for "
        "as a Trademark (jurisdiction, classes, numbers, status, expiry); {responsible} keeps it current.",
    ),
    marks_in_every_market,
    marks_cover_product_classes,
    _owned_procedure_rule("IPC002", "copyright", ("documentation", "acquisition", "contracts")),
    _register_rule(
        "IPC003", "copyright", ("maintenance", "information-resources"),
        "software, documents and designs, their authors, ownership and registrations",
        "Set up the register of works of {enterprise}: declare the software, documentation and designs "
        "as Copyright items (type, authors, ownership, contract, registration); {responsible} keeps it "
        "current.",
    ),
    commissioned_work_contract,
    _owned_procedure_rule("IPS002", "trade-secret", ("documentation", "confidentiality")),
    _register_rule(
        "IPS003", "trade-secret", ("confidentiality",),
        "each secret with its level, custodian and the people with access",
        "Identify the trade secrets of {enterprise} (processes, formulas, customer and cost data) and "
        "declare each as a TradeSecret with its level, custodian and access list; {responsible} keeps "
        "the register.",
    ),
    access_has_agreement,
    core_access_non_compete,
    leavers_exit_check,
    custodian_not_leaver,
    leavers_off_access_lists,
]
