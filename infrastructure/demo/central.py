"""Central government: the Presidential Office and the five Yuans, each the root of its own tree.

OID arcs of the roots follow the national pattern (行政院 = 2.16.886.101.20003 is the real one; the others
are placed beside it). Each second-level body gets its own organisation-code prefix (A00, A01, …).
"""

from datetime import date
from itertools import count

from infrastructure.demo.builder import Builder, Node, n
from infrastructure.demo.central_names import district_bodies
from infrastructure.demo.executive import executive_yuan
from infrastructure.demo.names import CITIES

SPLIT_ON = date(2023, 9, 20)
KNOWN_SEATS = {  # the real switchboard and address of the two best-known roots; the rest are invented
    "總統府": ("(02)2311-3731", "臺北市中正區重慶南路1段122號"),
    "行政院": ("(02)3356-6500", "臺北市中正區忠孝東路1段1號"),
}


def presidential_office() -> Node:
    return n(
        "總統府",
        "A-1 A-2",
        n("國家安全會議", "A-1 A-2"),
        n("中央研究院", "B-1", domain="gate.sinica.edu.tw"),
        n("國史館", "C-1", n("+臺灣文獻館", "C-1", city="南投縣"), domain="drnh.gov.tw", city="新北市"),
        domain="mail.president.gov.tw",
        en="Office of the President",
        sectors=("government",),
    )


def legislative_yuan() -> Node:
    return n(
        "立法院",
        "A-1",
        n("+國會圖書館", "C-1"),
        n("+議政博物館", "D-1"),
        domain="ly.gov.tw",
        en="Legislative Yuan",
        sectors=("government",),
    )


def judicial_yuan() -> Node:
    return n(
        "司法院",
        "A-1 A-4",
        n("最高法院", "A-1"),
        n("最高行政法院", "B-2"),
        n("懲戒法院", "C-1"),
        n(
            "臺灣高等法院",
            "A-1",
            [n(f"+{place}分院", "@regional") for place in ("臺中", "臺南", "高雄", "花蓮")],
            district_bodies("法院", "@regional"),
        ),
        n("福建高等法院金門分院", "@regional", city="金門縣"),
        [
            n(f"{place}高等行政法院", "@regional", city=city)
            for place, city in (("臺北", "臺北市"), ("臺中", "臺中市"), ("高雄", "高雄市"))
        ],
        n("智慧財產及商業法院", "B-2", city="新北市"),
        n("臺灣高雄少年及家事法院", "@regional", city="高雄市"),
        n("+法官學院", "C-1"),
        domain="mail.judicial.gov.tw",
        en="Judicial Yuan",
        sectors=("government",),
    )


def examination_yuan() -> Node:
    return n(
        "考試院",
        "A-1 A-4",
        n("考選部", "A-3 A-4", domain="mail.moex.gov.tw"),
        n("銓敘部", "A-4", domain="mocs.gov.tw"),
        n("公務人員保障暨培訓委員會", "C-1", n("國家文官學院", "C-1")),
        n("公務人員退休撫卹基金管理局", "B-3"),
        domain="mail.exam.gov.tw",
        en="Examination Yuan",
        sectors=("government",),
    )


def control_yuan() -> Node:
    offices = [
        n(f"+{city.name}審計{'處' if city.is_municipality else '室'}", "@office", city=city.name) for city in CITIES
    ]
    return n(
        "監察院",
        "A-1",
        n("審計部", "A-4", offices, domain="audit.gov.tw"),
        domain="cy.gov.tw",
        en="Control Yuan",
        sectors=("government",),
    )


ROOTS = (  # (OID arc, tree)
    (20001, presidential_office),
    (20003, executive_yuan),
    (20004, legislative_yuan),
    (20005, judicial_yuan),
    (20006, examination_yuan),
    (20007, control_yuan),
)


def build_central(builder: Builder) -> None:
    prefixes = (f"A{number:02d}" for number in count())
    for arc, tree in ROOTS:
        node = tree()
        root = builder.add(
            node.name,
            node.criteria,
            sectors=node.sectors,
            domain=node.domain,
            city=node.city,
            en=node.en,
            oid_arc=arc,
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
