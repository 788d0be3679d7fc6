"""The demo builder: one ``random.Random(seed)`` and the rules that turn name tables into agencies.

OIDs follow the national pattern ``2.16.886.101.<arc>…`` (行政院 = 2.16.886.101.20003, as in the real
registry); every child gets the next arc of its parent from 20001 upwards. Organisation codes are ten
characters (a three-character prefix per ministry or local government, a six-digit serial, a check
letter); SNGAs get an eight-digit unified business number (統一編號) with a valid check digit.
"""

import random
from dataclasses import dataclass
from datetime import date

from infrastructure import rules
from infrastructure.demo import names, tables
from infrastructure.demo.spec import AgencySpec, Registry, ReorganisationSpec

OID_ROOT = "2.16.886.101"
FIRST_CHILD_ARC = 20001
CHECK_LETTERS = "ABCDEFGHJK"

# Weighted criteria profiles for agencies whose level is not fixed by name ("@school" in the tables).
PROFILES: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = {
    "leaf": ((("C-1",), 45), (("D-1",), 40), (("E-2",), 15)),
    "office": ((("C-1",), 65), (("D-1",), 35)),
    "counter": ((("C-1",), 25), (("D-1",), 55), (("E-2",), 20)),
    "school": ((("E-2",), 50), (("D-1",), 42), (("C-1",), 8)),
    "shs": ((("D-1",), 50), (("C-1",), 45), (("E-2",), 5)),
    "bureau": ((("C-1",), 75), (("B-3",), 15), (("D-1",), 10)),
    "regional": ((("B-2",), 40), (("B-3",), 30), (("B-2", "B-3"), 20), (("C-1",), 10)),
    "univ": ((("B-1",), 45), (("B-1", "B-3"), 20), (("C-1",), 35)),
    "museum": ((("C-1",), 70), (("D-1",), 30)),
    "sngo_unit": ((("C-1",), 50), (("D-1",), 30), (("E-3",), 20)),
    "foundation": ((("C-1",), 60), (("D-1",), 30), (("E-3",), 10)),
    "company": ((("B-3",), 25), (("C-1",), 75)),
}


@dataclass(frozen=True)
class Node:
    """One row of a tree file: ``+suffix`` names are appended to the parent's name."""

    name: str
    criteria: str  # "A-3 A-4", or "@profile"
    children: tuple["Node", ...] = ()
    domain: str = ""
    sectors: tuple[str, ...] = ()
    city: str = ""
    en: str = ""
    renamed_from: tuple[str, date] | None = None  # (previous name, effective date)


def load_tree(filename: str) -> tuple[Node, ...]:
    """The agency trees of one tree file in ``data/``: one agency a row, depth first.

    ``depth`` 0 is a root; a row's parent is the nearest row above it with a smaller depth. ``sectors`` holds
    space-separated sector codes, ``criteria`` the 分級辦法 criteria or ``@profile``; ``renamed_from`` and
    ``renamed_on`` give the previous name of a renamed agency.
    """
    table = tables.rows(filename)
    roots, end = _subtrees(table, 0, 0)
    if end != len(table):
        raise ValueError(f"{filename}: row {end + 2} is deeper than the row above it allows")
    return roots


def _subtrees(table: list[dict[str, str]], start: int, depth: int) -> tuple[tuple[Node, ...], int]:
    """The nodes at ``depth`` from row ``start`` on, each with its children, and the first row after them."""
    nodes = []
    index = start
    while index < len(table) and int(table[index]["depth"]) == depth:
        row = table[index]
        children, index = _subtrees(table, index + 1, depth + 1)
        renamed_from = (row["renamed_from"], date.fromisoformat(row["renamed_on"])) if row["renamed_from"] else None
        nodes.append(
            Node(
                row["name"],
                row["criteria"],
                children,
                domain=row["domain"],
                sectors=tables.split(row["sectors"]),
                city=row["city"],
                en=row["en"],
                renamed_from=renamed_from,
            )
        )
    return tuple(nodes), index


class Builder:
    def __init__(self, *, scale: str, seed: int):
        self.rng = random.Random(seed)
        self.registry = Registry(scale=scale, seed=seed)
        self.by_name: dict[str, AgencySpec] = {}
        self._next_arc: dict[int, int] = {}
        self._org_serial: dict[str, int] = {}
        self._org_prefix: dict[int, str] = {}
        self._ubns: set[str] = set()

    # Criteria ---------------------------------------------------------------------------------------
    def criteria(self, spec: str) -> tuple[str, ...]:
        if spec.startswith("@"):
            options = PROFILES[spec[1:]]
            return self.rng.choices([codes for codes, _ in options], weights=[w for _, w in options])[0]
        return tuple(spec.split())

    # Agencies ---------------------------------------------------------------------------------------
    def add(
        self,
        name: str,
        criteria: str,
        *,
        parent: AgencySpec | None = None,
        kind: str = "government",
        category: str = "",
        regulator: AgencySpec | None = None,
        sectors: tuple[str, ...] = (),
        domain: str = "",
        city: str = "",
        en: str = "",
        oid_arc: int | None = None,
        org_prefix: str = "",
        active: bool = True,
        dissolved_on: date | None = None,
        district: str = "",
    ) -> AgencySpec:
        agencies = self.registry.agencies
        codes = self.criteria(criteria)
        city = city or (parent.city if parent else names.TAIPEI.name)
        agency = AgencySpec(
            key=len(agencies),
            name=name,
            kind=kind,
            sngo_category=category,
            parent=parent.key if parent else None,
            regulator=regulator.key if regulator else None,
            name_en=en,
            sectors=tuple(sectors),
            is_active=active,
            dissolved_on=dissolved_on,
            criteria=codes,
            level=rules.level_from_criteria(list(codes)),
            domain=domain or (parent.domain if parent else ""),
            city=city,
        )
        if kind == "government":
            agency.oid = self._oid(parent, oid_arc)
            agency.org_code = self._org_code(agency, parent, org_prefix)
            agency.dn = f"ou={name},{parent.dn}" if parent and parent.dn else f"ou={name},o=Government of Taiwan,c=TW"
        else:
            agency.org_code = self._ubn()
        agency.phone = self.phone(city)
        agency.address = self.address_in(names.CITY_BY_NAME[city], district) if district else self.address(city)
        agencies.append(agency)
        self.by_name.setdefault(name, agency)
        return agency

    def add_tree(
        self, node: Node, *, parent: AgencySpec | None = None, oid_arc: int | None = None, org_prefix: str = ""
    ) -> AgencySpec:
        name = parent.name + node.name[1:] if node.name.startswith("+") and parent else node.name
        agency = self.add(
            name,
            node.criteria,
            parent=parent,
            sectors=node.sectors,
            domain=node.domain,
            city=node.city,
            en=node.en,
            oid_arc=oid_arc,
            org_prefix=org_prefix,
        )
        if node.renamed_from:
            previous, effective_on = node.renamed_from
            self.reorganise("renamed", agency, None, effective_on, previous)
        for child in node.children:
            self.add_tree(child, parent=agency)
        return agency

    def reorganise(
        self,
        kind: str,
        agency: AgencySpec,
        successor: AgencySpec | None,
        effective_on: date,
        previous_name: str,
        note: str = "",
    ) -> None:
        self.registry.reorganisations.append(
            ReorganisationSpec(
                kind=kind,
                agency=agency.key,
                successor=successor.key if successor else None,
                effective_on=effective_on,
                previous_name=previous_name,
                note=note,
            )
        )

    def set_level(self, agency: AgencySpec, level: str, reason: str) -> None:
        """An Art 10 adjustment: the agency's level differs from what its criteria give."""
        agency.level, agency.adjustment_reason = level, reason

    # Identifiers ------------------------------------------------------------------------------------
    def _oid(self, parent: AgencySpec | None, arc: int | None) -> str | None:
        if parent is None:
            return f"{OID_ROOT}.{arc}" if arc else None
        if parent.oid is None:
            return None
        child_arc = self._next_arc.get(parent.key, FIRST_CHILD_ARC)
        self._next_arc[parent.key] = child_arc + 1
        return f"{parent.oid}.{child_arc}"

    def _org_code(self, agency: AgencySpec, parent: AgencySpec | None, prefix: str) -> str:
        prefix = prefix or (self._org_prefix[parent.key] if parent else "A99")
        self._org_prefix[agency.key] = prefix
        serial = self._org_serial.get(prefix, 0)
        self._org_serial[prefix] = serial + 1
        body = f"{prefix}{serial:06d}"
        return body + CHECK_LETTERS[sum(ord(char) for char in body) % len(CHECK_LETTERS)]

    def _ubn(self) -> str:
        """A unified business number whose check digit is valid (weights 1,2,1,2,1,2,4,1; sum % 5 == 0)."""
        while True:
            head = f"{self.rng.randrange(10_000_000):07d}"
            for last in range(10):
                number = head + str(last)
                if _ubn_valid(number) and number not in self._ubns:
                    self._ubns.add(number)
                    return number

    # Contact data -----------------------------------------------------------------------------------
    def phone(self, city_name: str) -> str:
        city = names.CITY_BY_NAME[city_name]
        digits = f"{self.rng.randint(2, 9)}" + "".join(
            str(self.rng.randrange(10)) for _ in range(city.local_digits - 1)
        )
        return f"({city.area_code}){digits[:-4]}-{digits[-4:]}"

    def mobile(self) -> str:
        digits = "".join(str(self.rng.randrange(10)) for _ in range(8))
        return f"09{digits[:2]}-{digits[2:5]}-{digits[5:]}"

    def address(self, city_name: str) -> str:
        city = names.CITY_BY_NAME[city_name]
        district = (
            self.rng.choice(names.TAIPEI_CENTRAL_DISTRICTS) if city is names.TAIPEI else self.rng.choice(city.districts)
        )
        return self.address_in(city, district)

    def address_in(self, city: names.City, district: str) -> str:
        road = self.rng.choice(names.ROADS)
        section = f"{self.rng.randint(1, 4)}段" if city.is_municipality and self.rng.random() < 0.5 else ""
        return f"{city.name}{district}{road}{section}{self.rng.randint(1, 400)}號"


def _ubn_valid(number: str) -> bool:
    weights = (1, 2, 1, 2, 1, 2, 4, 1)
    products = [int(digit) * weight for digit, weight in zip(number, weights, strict=True)]
    total = sum(product // 10 + product % 10 for product in products)
    if total % 5 == 0:
        return True
    return number[6] == "7" and (total + 1) % 5 == 0
