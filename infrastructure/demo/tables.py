"""The demo's name tables, read from the data files in ``infrastructure/demo/data/``.

The files are data, not code: CSV with a header row (several values in one cell are separated by spaces)
and one JSON file of word lists (``words.json``). Row order matters: the builder draws from one seeded
``random.Random`` in table order, so reordering a file changes the generated registry.

- ``cities.csv``: the 22 local governments (name, kind, English name, mail domains, telephone area code and
  digits, organisation-code prefix, districts/townships).
- ``surnames.csv``, ``given_names.csv``: people's names with their romanisation (and weight for surnames).
- ``words.json``: roads, the central Taipei districts, school name stems, senior-high-school kinds.
- ``central.csv``, ``small.csv``: agency trees (see ``builder.load_tree``).
- ``local_bureaus.csv``, ``local_hospitals.csv``: what every local government has.
- ``sngo.csv``, ``sngo_units.csv``, ``sngo_mergers.csv``, ``small_sngo.csv``: specific non-government
  agencies, their subordinate units and the mergers (see ``sngo``).
- ``systems.csv``, ``ciso_titles.csv``: information systems by agency name (``*`` = any agency) and the
  title of the CISO by how the agency's name ends.
"""

import csv
import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def rows(filename: str) -> list[dict[str, str]]:
    """The rows of one CSV file in ``data/``, as dicts keyed by the header."""
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def words(key: str) -> tuple[str, ...]:
    """One word list of ``data/words.json``."""
    return tuple(_words()[key])


def split(cell: str) -> tuple[str, ...]:
    """A cell holding several space-separated values."""
    return tuple(cell.split())


@cache
def _words() -> dict[str, list[str]]:
    with (DATA_DIR / "words.json").open(encoding="utf-8") as file:
        return json.load(file)
