"""Central government: the Presidential Office and the five Yuans, each the root of its own tree, as of 2026.

The trees are ``data/central.csv``. Criteria follow 分級辦法 Arts 4-8: A at ministries and agencies running
national systems, B at regional bodies and public hospitals, C-E below. Military agencies (國防部 and its
subordinates) and intelligence agencies (國家安全局, 法務部調查局) are not regulated by the Act (Art 3;
施行細則 Art 2) and are left out.

OID arcs of the roots follow the national pattern (行政院 = 2.16.886.101.20003 is the real one; the others
are placed beside it). Each second-level body gets its own organisation-code prefix (A00, A01, …).
"""

from datetime import date
from itertools import count

from infrastructure.demo.builder import Builder, load_tree

SPLIT_ON = date(2023, 9, 20)
KNOWN_SEATS = {  # the real switchboard and address of the two best-known roots; the rest are invented
    "總統府": ("(02)2311-3731", "臺北市中正區重慶南路1段122號"),
    "行政院": ("(02)3356-6500", "臺北市中正區忠孝東路1段1號"),
}
ROOT_ARCS = {"總統府": 20001, "行政院": 20003, "立法院": 20004, "司法院": 20005, "考試院": 20006, "監察院": 20007}


def build_central(builder: Builder) -> None:
    prefixes = (f"A{number:02d}" for number in count())
    for node in load_tree("central.csv"):
        root = builder.add(
            node.name,
            node.criteria,
            sectors=node.sectors,
            domain=node.domain,
            city=node.city,
            en=node.en,
            oid_arc=ROOT_ARCS[node.name],
            org_prefix=next(prefixes),
        )
        root.phone, root.address = KNOWN_SEATS.get(root.name, (root.phone, root.address))
        for child in node.children:
            builder.add_tree(child, parent=root, org_prefix=next(prefixes))
    _split_construction_agency(builder)


def _split_construction_agency(builder: Builder) -> None:
    """內政部營建署 was split into 國土管理署 and 國家公園署 on 2023-09-20: the old row stays, inactive."""
    interior = builder.by_name["內政部"]
    old = builder.add("內政部營建署", "B-2", parent=interior, active=False, dissolved_on=SPLIT_ON)
    for successor in ("內政部國土管理署", "內政部國家公園署"):
        builder.reorganise(
            "split",
            old,
            builder.by_name[successor],
            SPLIT_ON,
            old.name,
            note="組織改造：營建署改制為國土管理署及國家公園署",
        )
