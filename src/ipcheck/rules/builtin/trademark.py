"""Trademark rules that a declarative pack cannot say: renewals past due (graded by the grace
period and the products the mark is used on), marks in every market and in the Nice classes
of the products sold there. The simple register checks are in ``rules/packs/trademark.yaml``.

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
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from ipcheck.i18n import Amount, Text, Words, join_list
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import MarketEntry, Product, Trademark
from ipcheck.rules.api import CheckContext, Systemic, Violation, rule
from ipcheck.rules.builtin.china_register_law import legal_expiry
from ipcheck.rules.builtin.common import labelled, named_item, per_declaration
from ipcheck.rules.builtin.protection_system import responsible
from ipcheck.rules.conditions import shift

EU_MEMBERS = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
EU_MARKS = frozenset({"EU", "EM"})
LIVE_MARK = frozenset({"registered", "pending"})

GRACE_MONTHS = 6
"""The grace period after a registration's expiry in which it may still be renewed (China: 宽展期)."""


# -- renewals past due ---------------------------------------------------------------------


def renewal_deadline(mark: Trademark) -> dt.date | None:
    """The expiry a registration's renewal is judged by: its ``expiry``, or the earlier day the
    law gives when a CN register writes an expiry that is no ten-year term (IPT101)."""
    legal = legal_expiry(mark)
    return legal if legal is not None and mark.expiry is not None and legal < mark.expiry else mark.expiry


Expired = tuple[Trademark, dt.date, bool, list[Product]]
"""A registered mark whose expiry has passed, that expiry, whether the grace period is over
too, and the key products the mark is used on."""


@per_declaration
def expired_registrations(decl: Declaration, as_of: dt.date) -> tuple[Expired, ...]:
    """Registered marks whose expiry has passed by ``as_of`` (IPT006 and IPT010 grade them)."""
    expired: list[Expired] = []
    for mark in decl.of(Trademark):
        expiry = renewal_deadline(mark)
        if mark.status != "registered" or expiry is None or expiry >= as_of:
            continue
        key = [p for p in (decl.get(i, Product) for i in mark.products) if p is not None and p.key]
        expired.append((mark, expiry, shift(expiry, "+", GRACE_MONTHS, "m") < as_of, key))
    return tuple(expired)


def _renewal_values(decl: Declaration, mark: Trademark, expiry: dt.date, key: list[Product]) -> dict[str, object]:
    return {"mark": mark.mark, "jurisdiction": mark.jurisdiction, "classes": mark.classes,
            "number": mark.registration_number or mark.application_number or UNNUMBERED,
            "expiry": expiry, "grace": Amount(GRACE_MONTHS, "month"),
            "grace_end": shift(expiry, "+", GRACE_MONTHS, "m"),
            "products": [labelled(p.id, p) for p in key], "responsible": responsible(decl, "trademark")}


UNNUMBERED = Words(Text("(none)", {"zh-CN": "（无）"}))


@rule(
    id="IPT006",
    reads=("Trademark", "Product", "Procedure", "Role", "Person"), per_item="Trademark",
    title={"en": "No registered trademark is left past its renewal date",
           "zh-CN": "注册商标均未超过续展期限"},
    severity="minor",
    protection="trademark",
    clauses=("maintenance",),
    systemic=Systemic(by="jurisdiction"),
    rationale={
        "en": ("A registration that is not renewed by its expiry date (every ten years in most systems) may still be "
               "renewed in the grace period that follows (six months in China, with a surcharge); after it the mark "
               "lapses and can be taken by anyone. A renewal inside the grace period is a lapse to correct now; a "
               "mark lost after it is graded minor when it is used on no key product (IPT010 grades the loss of a key "
               "product's mark major). Where three or more marks of one jurisdiction are past their renewal, the "
               "renewal docket of that country is unmanaged: one systemic finding, graded major."),
        "zh-CN": ("注册商标有效期（多数国家为十年）届满未续展的，仍可在随后的宽展期（在中国为六个月，需缴纳延迟费）内续展；"
                  "宽展期届满后商标即被注销，任何人均可抢注。处于宽展期内属于应立即纠正的一般疏漏；宽展期届满后丧失的"
                  "商标若未用于关键产品，判为一般不符合（关键产品商标的丧失由IPT010判为严重不符合）。同一法域有三件以上"
                  "商标逾期未续展，说明该国的续展监控失控：作为一项系统性问题，判为严重不符合。"),
    },
    fails=("kind: Trademark\nid: TM-1\nmark: HUAXIN\njurisdiction: CN\nclasses: [11]\n"
           "registration_number: \"5512345\"\nstatus: registered\nexpiry: 2026-09-13\n"),
    passes=("kind: Trademark\nid: TM-1\nmark: HUAXIN\njurisdiction: CN\nclasses: [11]\n"
            "registration_number: \"5512345\"\nstatus: registered\nexpiry: 2036-03-13\n"),
    messages={
        "in-grace": {
            "en": "Trademark {subject} '{mark}' ({jurisdiction}, classes {classes}, no. {number}) expired on {expiry} and "
                  "the register shows no renewal: it is inside its grace period of {grace}, which ends on {grace_end}",
            "zh-CN": "商标{subject}“{mark}”（{jurisdiction}，第{classes}类，注册号{number}）已于{expiry}到期，台账未显示续展："
                     "目前处于{grace}的宽展期内，宽展期至{grace_end}届满",
        },
        "lost": {
            "en": "Trademark {subject} '{mark}' ({jurisdiction}, classes {classes}, no. {number}) expired on {expiry} and "
                  "its grace period of {grace} ended on {grace_end}: the mark has lapsed unless it was renewed",
            "zh-CN": "商标{subject}“{mark}”（{jurisdiction}，第{classes}类，注册号{number}）已于{expiry}到期，"
                     "其{grace}的宽展期已于{grace_end}届满：除非已续展，该商标已失效",
        },
    },
    fix={
        "en": ("Renew {subject} '{mark}' in {jurisdiction} at once within the grace period (until {grace_end}), or "
               "refile if it has passed; enter the new expiry date and find out with {responsible} why the renewal "
               "docket missed it."),
        "zh-CN": ("立即在宽展期内（{grace_end}之前）在{jurisdiction}办理{subject}“{mark}”的续展，已过宽展期的重新申请注册；"
                  "填写新的有效期截止日，并与{responsible}一起查明续展监控为何遗漏。"),
    },
)
def renewal_past_due(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for mark, expiry, grace_over, key in expired_registrations(decl, ctx.as_of):
        if grace_over and key:
            continue  # IPT010
        yield Violation(subject=mark.id, path=("expiry",), values=_renewal_values(decl, mark, expiry, key),
                        template="lost" if grace_over else "in-grace")


@rule(
    id="IPT010",
    reads=("Trademark", "Product", "Procedure", "Role", "Person"), per_item="Trademark",
    title={"en": "No trademark used on a key product is lost past its renewal grace period",
           "zh-CN": "关键产品使用的商标未因超过宽展期而丧失"},
    severity="major",
    protection="trademark",
    clauses=("maintenance",),
    rationale={
        "en": ("A mark used on a key product that was not renewed by the end of the grace period is a key right lost "
               "through neglect: anyone may now register it for the enterprise's own goods. Auditors grade it major. "
               "A renewal still inside its grace period, or a lapsed mark used on no key product, is IPT006's minor "
               "finding."),
        "zh-CN": ("关键产品使用的商标在宽展期届满时仍未续展，属于因疏于管理而丧失关键权利：任何人都可以在企业自己的商品上"
                  "抢注该商标。审核员判为严重不符合。仍在宽展期内的续展，或未用于关键产品的失效商标，由IPT006判为"
                  "一般不符合。"),
    },
    fails=("kind: Product\nid: PRD-1\nname: Brazed plate heat exchangers\nkey: true\n---\n"
           "kind: Trademark\nid: TM-1\nmark: HUAXIN\njurisdiction: CN\nclasses: [11]\nstatus: registered\n"
           "expiry: 2026-03-13\nproducts: [PRD-1]\n"),
    passes=("kind: Product\nid: PRD-1\nname: Brazed plate heat exchangers\nkey: true\n---\n"
            "kind: Trademark\nid: TM-1\nmark: HUAXIN\njurisdiction: CN\nclasses: [11]\nstatus: registered\n"
            "expiry: 2036-03-13\nproducts: [PRD-1]\n"),
    messages={
        "default": {
            "en": "Trademark {subject} '{mark}' ({jurisdiction}, classes {classes}, no. {number}), used on key product "
                  "{products}, expired on {expiry} and its grace period of {grace} ended on {grace_end}: the mark has "
                  "lapsed unless it was renewed",
            "zh-CN": "用于关键产品{products}的商标{subject}“{mark}”（{jurisdiction}，第{classes}类，注册号{number}）已于{expiry}"
                     "到期，其{grace}的宽展期已于{grace_end}届满：除非已续展，该商标已失效",
        },
    },
    fix={
        "en": ("Refile {subject} '{mark}' in {jurisdiction} at once (and watch for third-party filings of the mark), "
               "assess with {responsible} what the loss means for {products}, correct the register, and find out why "
               "the renewal docket missed it."),
        "zh-CN": ("立即在{jurisdiction}重新申请注册{subject}“{mark}”（并监视他人对该商标的抢注），与{responsible}评估"
                  "商标丧失对{products}的影响，更正台账，并查明续展监控为何遗漏。"),
    },
)
def key_mark_lost(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for mark, expiry, grace_over, key in expired_registrations(decl, ctx.as_of):
        if grace_over and key:
            yield Violation(subject=mark.id, path=("expiry",), values=_renewal_values(decl, mark, expiry, key))


# -- marks in every market and class ----------------------------------------------------------


def _covers(jurisdiction: str, market: str) -> bool:
    return jurisdiction == market or (jurisdiction in EU_MARKS and (market == "EU" or market in EU_MEMBERS))


@per_declaration
def live_classes(decl: Declaration) -> Mapping[str, set[int]]:
    """Nice classes of the registered or pending marks, by jurisdiction."""
    live: dict[str, set[int]] = {}
    for mark in decl.of(Trademark):
        if mark.status in LIVE_MARK:
            live.setdefault(mark.jurisdiction, set()).update(mark.classes)
    return MappingProxyType(live)


def _market_classes(live: Mapping[str, set[int]], market: str) -> set[int] | None:
    """Classes covered in a market, or None when no live mark covers the market at all."""
    found: set[int] | None = None
    for jurisdiction, classes in live.items():
        if _covers(jurisdiction, market):
            found = (found or set()) | classes
    return found


def nice_classes(classes: list[int]) -> Words:
    """Nice classes as a message names them: "Nice classes 9 and 42", "尼斯分类第9、42类"."""
    listed = ", ".join(map(str, classes[:-1])) + f" and {classes[-1]}" if len(classes) > 1 else str(classes[0])
    return Words(Text(f"Nice class{'es' * (len(classes) > 1)} {listed}",
                      {"zh-CN": f"尼斯分类第{'、'.join(map(str, classes))}类"}))


def classes_sold(classes: list[int]) -> Words:
    """The Nice classes of the goods sold in a market, as a fix names them."""
    if not classes:
        return Words(Text("the classes of the goods and services sold there", {"zh-CN": "当地所售商品和服务的类别"}))
    shown = nice_classes(classes).text
    return Words(Text(f"{shown} (the goods and services sold there)",
                      {"zh-CN": f"{shown.translations['zh-CN']}（当地所售的商品和服务）"}))


def the_marks(names: list[str]) -> Words:
    """The enterprise's live marks as a fix names them: "the marks A and B", "A和B商标"."""
    if not names:
        return Words(Text("the enterprise's marks", {"zh-CN": "企业的商标"}))
    return Words(Text(f"the mark{'s' * (len(names) > 1)} {join_list(names, 'en', 3)}",
                      {"zh-CN": f"{join_list(names, 'zh-CN', 3)}商标"}))


@rule(
    id="IPT004",
    reads=("Trademark", "Enterprise", "Product", "Procedure", "Role", "Person"),
    title={"en": "Trademarks are registered in every market the enterprise sells in",
           "zh-CN": "在企业销售的每个市场均已注册商标"},
    severity="observation",
    protection="trademark",
    clauses=("acquisition", "sales"),
    rationale={
        "en": ("Selling under a mark in a market where it is neither registered nor applied for leaves it open to "
               "squatters and to infringement claims, and makes it hard to stop copies. Registering in every market "
               "at once is good practice beyond the requirement: an observation. A market counts as covered by a "
               "registered or pending mark of that jurisdiction; an EU trade mark (EU or EM) covers the EU and each "
               "member state; an international registration (WO) counts only through the designations declared as "
               "marks of their own. While no trademark is declared at all, the missing register (IPT003) is reported "
               "instead."),
        "zh-CN": ("在商标既未注册也未申请的市场以该商标销售，容易遭人抢注、被诉侵权，也难以制止仿冒。在所有市场同时注册"
                  "属于超出标准要求的良好实践：列为观察项。某一市场由该法域已注册或审查中的商标覆盖；欧盟商标（EU或EM）"
                  "覆盖欧盟及各成员国；国际注册（WO）仅通过以各自法域单独声明的指定国商标计入。若未声明任何商标，"
                  "则改为报告缺少台账（IPT003）。"),
    },
    fails="kind: Enterprise\nid: ACME\nname: Acme\nmarkets: [CN, US]\n---\n"
          "kind: Trademark\nid: TM-1\nmark: ACME\njurisdiction: CN\nclasses: [11]\nstatus: registered\n",
    passes="kind: Enterprise\nid: ACME\nname: Acme\nmarkets: [CN, US]\n---\n"
           "kind: Trademark\nid: TM-1\nmark: ACME\njurisdiction: CN\nclasses: [11]\nstatus: registered\n---\n"
           "kind: Trademark\nid: TM-2\nmark: ACME\njurisdiction: US\nclasses: [11]\nstatus: pending\n",
    messages={
        "enterprise": {"en": "{seller} sells in {market} but no registered or pending trademark covers {market}",
                       "zh-CN": "{seller}在{market}销售，但没有已注册或审查中的商标覆盖{market}"},
        "product": {"en": "Product {subject} '{seller}' is sold in {market} but no registered or pending trademark "
                          "covers {market}",
                    "zh-CN": "产品{subject}“{seller}”在{market}销售，但没有已注册或审查中的商标覆盖{market}"},
    },
    fix={
        "en": ("File {marks} in {market} (directly with the trademark office for {market}, or by a Madrid designation "
               "declared as a mark of {market}) in {classes}; {responsible} tracks the application in the trademark "
               "register."),
        "zh-CN": ("在{market}申请注册{marks}（直接向{market}商标主管机关提出，或通过马德里体系指定并以{market}法域单独声明），"
                  "类别为{classes}；由{responsible}在商标台账中跟踪该申请。"),
    },
)
def marks_in_every_market(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    if not decl.of(Trademark):
        return  # no register at all: IPT003's one finding, not one per market
    live = live_classes(decl)
    seen: set[str] = set()
    places: list[tuple[str, str, str, tuple[str | int, ...], str]] = []  # market, subject, seller, path, template
    ent = decl.enterprise
    if ent is not None:
        for i, market in enumerate(ent.markets):
            if market not in seen:
                seen.add(market)
                places.append((market, ent.id, ent.name, ("markets", i), "enterprise"))
    product_classes: dict[str, set[int]] = {}
    for product in decl.of(Product):
        for i, market in enumerate(product.markets):
            product_classes.setdefault(market, set()).update(product.nice_classes)
            if market not in seen:
                seen.add(market)
                places.append((market, product.id, product.name, ("markets", i), "product"))
    missing = [p for p in places if _market_classes(live, p[0]) is None]
    if not missing:
        return
    names = sorted({m.mark for m in decl.of(Trademark) if m.status in LIVE_MARK})
    who = responsible(decl, "trademark")
    for market, subject, seller, path, template in missing:
        yield Violation(subject=subject, path=path, key=market, template=template,
                        values={"market": market, "seller": seller, "marks": the_marks(names),
                                "classes": classes_sold(sorted(product_classes.get(market, set()))),
                                "responsible": who})


@rule(
    id="IPT005",
    reads=("Trademark", "Product", "Procedure", "Role", "Person"),
    title={"en": "Trademarks cover the Nice classes of the products in each of their markets",
           "zh-CN": "商标覆盖了产品在各销售市场所属的尼斯分类"},
    severity="minor",
    protection="trademark",
    clauses=("acquisition", "sales"),
    rationale={
        "en": ("A mark protects only the goods and services of the classes it is registered in. A product sold in a "
               "market where the enterprise holds marks, but none in the product's Nice class, is sold under an "
               "unprotected name there. Markets with no mark at all are reported by IPT004 instead."),
        "zh-CN": ("商标只保护其核定类别内的商品和服务。产品在企业持有商标的市场销售，但没有商标覆盖该产品所属的尼斯分类，"
                  "该产品在当地就是以不受保护的名称销售。完全没有商标的市场由IPT004报告。"),
    },
    fails="kind: Product\nid: PRD-1\nname: ThermoLink\nmarkets: [CN]\nnice_classes: [9, 42]\n---\n"
          "kind: Trademark\nid: TM-1\nmark: THERMOLINK\njurisdiction: CN\nclasses: [9]\nstatus: registered\n",
    passes="kind: Product\nid: PRD-1\nname: ThermoLink\nmarkets: [CN]\nnice_classes: [9, 42]\n---\n"
           "kind: Trademark\nid: TM-1\nmark: THERMOLINK\njurisdiction: CN\nclasses: [9, 42]\nstatus: registered\n",
    messages={
        "default": {"en": "Product {subject} '{name}' is sold in {market} in {classes}, which no registered or "
                          "pending trademark in {market} covers",
                    "zh-CN": "产品{subject}“{name}”在{market}销售，属于{classes}，但{market}没有已注册或审查中的商标覆盖"},
    },
    fix={
        "en": ("File the mark used for {subject} '{name}' in {market} in {classes} (or extend an "
               "application still open there); {responsible} records it in the trademark register."),
        "zh-CN": ("在{market}就{classes}申请注册{subject}“{name}”使用的商标（或在当地仍在审查的申请中增加类别），"
                  "由{responsible}登记到商标台账。"),
    },
)
def marks_cover_product_classes(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    live = live_classes(decl)
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
            yield Violation(subject=product.id, path=("markets", i), key=market,
                            values={"name": product.name, "market": market, "classes": nice_classes(gaps),
                                    "responsible": who})


# -- marks filed before a product enters a market ----------------------------------------------


def filed_on(mark: Trademark) -> dt.date | None:
    """When a mark was filed: its application date, else its registration date when that is
    all the register says (the filing came no later)."""
    return mark.application_date or mark.registered


@rule(
    reads=("MarketEntry", "Person", "Procedure", "Product", "Role", "Trademark"),
    id="IPT011",
    title={"en": "A product's marks are filed in a market before the product enters it",
           "zh-CN": "产品进入市场前已在当地申请其商标"},
    severity="minor",
    protection="trademark",
    clauses=("foreign-trade", "acquisition"),
    rationale={
        "en": ("Before a product is sold in a new market the enterprise files its marks there in good time (2013 "
               "7.4.3: IP applications and registrations in the destination; 8.5): in first-to-file systems, China "
               "included, whoever files first owns the mark, and a distributor or competitor who sees the product "
               "arrive can file it. The trail runs from each market entry (kind: MarketEntry) to the marks used on "
               "the product (Trademark.products; every mark when none names the product) that cover the market, and "
               "their application dates (Trademark.application_date, else the registration date). An entry into a "
               "market where none of those marks is filed, or filed only after the entry, is a lapse: minor. Marks "
               "whose filing date the register does not give are not judged."),
        "zh-CN": ("产品进入新市场销售前，企业应适时在当地申请注册其商标（2013版7.4.3：在目的地进行知识产权申请、注册和登记；"
                  "8.5）：在包括中国在内的申请在先制度下，谁先申请谁就取得商标，看到产品进入的经销商或竞争对手可能抢先申请。"
                  "核查线索从每次市场进入（kind: MarketEntry）追溯到该产品使用的、覆盖该市场的商标（Trademark.products；"
                  "没有商标列明该产品时为全部商标）及其申请日（Trademark.application_date，未填时为注册日）。进入的市场中"
                  "这些商标均未申请，或在进入之后才申请，属于个别疏漏：一般不符合。台账未给出申请日期的商标不作判断。"),
    },
    fails=("kind: Product\nid: PRD-MCHX\nname: MicroCore microchannel coils\n---\n"
           "kind: Trademark\nid: TM-KR-07\nmark: THERMOCORE\njurisdiction: KR\nclasses: [11]\n"
           "application_date: 2026-05-11\nstatus: pending\nproducts: [PRD-MCHX]\n---\n"
           "kind: MarketEntry\nid: ME-2026-KR-01\nproduct: PRD-MCHX\njurisdiction: KR\ndate: 2026-04-06\n"),
    passes=("kind: Product\nid: PRD-MCHX\nname: MicroCore microchannel coils\n---\n"
            "kind: Trademark\nid: TM-KR-07\nmark: THERMOCORE\njurisdiction: KR\nclasses: [11]\n"
            "application_date: 2025-04-21\nstatus: pending\nproducts: [PRD-MCHX]\n---\n"
            "kind: MarketEntry\nid: ME-2026-KR-01\nproduct: PRD-MCHX\njurisdiction: KR\ndate: 2026-04-06\n"),
    messages={
        "default": {
            "en": "Product {product} entered market {jurisdiction} on {date} ({subject}) and none of {marks} is filed "
                  "in {jurisdiction}",
            "zh-CN": "产品{product}于{date}进入{jurisdiction}市场（{subject}），但{marks}均未在{jurisdiction}申请",
        },
        "filed-after": {
            "en": "Product {product} entered market {jurisdiction} on {date} ({subject}); the first filing of {marks} "
                  "in {jurisdiction} was on {filed}, after the entry",
            "zh-CN": "产品{product}于{date}进入{jurisdiction}市场（{subject}），而{marks}在{jurisdiction}的最早申请日为{filed}，"
                     "晚于进入日",
        },
    },
    fix={
        "en": ("Have {responsible} file {marks} in {jurisdiction} where it is not filed yet, check that no one else "
               "filed or used a conflicting mark there before the enterprise's own filing (oppose it if so), and make "
               "the filing of the product's marks a condition of entering a market in the sales procedure, with the "
               "IP investigation of the market."),
        "zh-CN": ("请{responsible}在{jurisdiction}就尚未申请的{marks}提出申请，核查在企业申请之前是否有他人在当地申请或使用"
                  "相冲突的商标（如有则提出异议），并在销售程序中将产品商标的申请与市场知识产权调查一起作为进入市场的前提条件。"),
    },
)
def market_entered_before_mark_filed(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    marks = decl.of(Trademark)
    if not marks:
        return  # no register at all: IPT003
    by_product: dict[str, list[Trademark]] = {}
    for mark in marks:
        for product in dict.fromkeys(mark.products):
            by_product.setdefault(product, []).append(mark)
    who = None
    for entry in decl.of(MarketEntry):
        if entry.date is None or entry.date > ctx.as_of:
            continue
        used = by_product.get(entry.product) or list(marks)
        covering = [m for m in used if _covers(m.jurisdiction, entry.jurisdiction)]
        dates = [filed_on(m) for m in covering]
        if any(d is not None and d <= entry.date for d in dates) or (covering and None in dates):
            continue  # filed in time, or a filing date the register does not give
        if who is None:
            who = responsible(decl, "trademark")
        shown = covering or used
        values = {"product": named_item(decl, entry.product), "jurisdiction": entry.jurisdiction,
                  "date": entry.date, "marks": the_marks(sorted({m.mark for m in shown})), "responsible": who}
        if covering:
            yield Violation(subject=entry.id, path=("date",), template="filed-after",
                            values={**values, "filed": min(d for d in dates if d is not None)})
        else:
            yield Violation(subject=entry.id, path=("jurisdiction",), values=values)
