"""The demo registry's name tables are data files (infrastructure/demo/data/): read as documented."""

from datetime import date

import pytest

from infrastructure.demo import builder, names, tables
from infrastructure.demo.builder import Node


def test_the_22_local_governments_and_their_368_districts():
    assert len(names.CITIES) == 22
    assert sum(len(city.districts) for city in names.CITIES) == 368
    taipei = names.CITY_BY_NAME["臺北市"]
    assert (taipei.kind, taipei.area_code, taipei.local_digits, taipei.code) == ("municipality", "02", 8, 379)
    assert taipei.districts[:2] == ("中正區", "大同區")


def test_a_tree_file_nests_rows_by_depth(tmp_path, monkeypatch):
    (tmp_path / "tree.csv").write_text(
        "depth,name,criteria,domain,sectors,city,en,renamed_from,renamed_on\n"
        "0,部,A-1,x.gov.tw,government finance,,Ministry,,\n"
        "1,+署,@leaf,,,臺中市,,舊署,2023-09-15\n"
        "2,+分署,C-1,,,,,,\n"
        "1,+局,B-2,,,,,,\n"
        "0,院,A-2,,,,,,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(tables, "DATA_DIR", tmp_path)
    branch = Node("+署", "@leaf", (Node("+分署", "C-1"),), city="臺中市", renamed_from=("舊署", date(2023, 9, 15)))
    assert builder.load_tree("tree.csv") == (
        Node(
            "部",
            "A-1",
            (branch, Node("+局", "B-2")),
            domain="x.gov.tw",
            sectors=("government", "finance"),
            en="Ministry",
        ),
        Node("院", "A-2"),
    )


def test_a_row_deeper_than_its_parent_allows_is_refused(tmp_path, monkeypatch):
    (tmp_path / "tree.csv").write_text(
        "depth,name,criteria,domain,sectors,city,en,renamed_from,renamed_on\n0,部,A-1,,,,,,\n2,+署,C-1,,,,,,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(tables, "DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match="row 3"):
        builder.load_tree("tree.csv")
