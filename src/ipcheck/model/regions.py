"""The jurisdiction codes a declaration may write (``markets``, ``jurisdiction``): the
ISO 3166-1 alpha-2 country codes, and the regional codes of IP offices and treaties."""

from __future__ import annotations

COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())
"""ISO 3166-1 alpha-2: every officially assigned country code."""

REGIONS: dict[str, str] = {
    "EP": "European patents (EPO)",
    "EU": "EU trade marks and designs (EUIPO)",
    "EM": "EU trade marks and designs (EUIPO, its WIPO code)",
    "WO": "international applications (PCT, Madrid, Hague; WIPO)",
    "EA": "Eurasian patents (EAPO)",
    "AP": "ARIPO (African Regional Intellectual Property Organization)",
    "OA": "OAPI (African Intellectual Property Organization)",
    "GC": "patents of the Gulf Cooperation Council",
    "BX": "Benelux trade marks and designs (BOIP)",
}
"""Regional codes of IP offices and treaties (WIPO ST.3) a register may name."""

CODES = COUNTRIES | REGIONS.keys()


def known_code(code: str) -> bool:
    """Whether ``code`` is a country code or a regional code ipcheck knows."""
    return code in CODES
