from datetime import date

import pytest

from infrastructure import rules


def test_child_path_zero_pads_ids():
    assert rules.child_path("00000001.", 42) == "00000001.00000042."


def test_subtree_upper_bound_orders_after_every_descendant():
    path = "00000001."
    bound = rules.subtree_upper_bound(path)
    assert path < "00000001.99999999.99999999." < bound
    assert "00000002." > bound


def test_ancestor_ids_root_first():
    assert rules.ancestor_ids("00000001.00000042.00000007.") == [1, 42, 7]


@pytest.mark.parametrize(
    ("codes", "level"),
    [
        (["C-1"], "C"),
        (["C-1", "B-3"], "B"),
        (["E-1", "D-1", "A-7"], "A"),
        (["E-2"], "E"),
    ],
)
def test_highest_level_wins(codes, level):
    assert rules.level_from_criteria(codes) == level


def test_unknown_criterion_raises():
    with pytest.raises(KeyError):
        rules.level_from_criteria(["Z-9"])


@pytest.mark.parametrize(
    ("effective_from", "years", "due"),
    [
        (date(2024, 3, 15), 2, date(2026, 3, 15)),
        (date(2026, 1, 5), 3, date(2029, 1, 5)),
        (date(2024, 2, 29), 2, date(2026, 2, 28)),  # no 29 Feb: month-end rule
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
    ],
)
def test_reapproval_due(effective_from, years, due):
    assert rules.reapproval_due(effective_from=effective_from, cycle_years=years) == due


def test_criteria_table_matches_the_regulation_csv():
    by_level = {level: sum(1 for c in rules.LEVEL_CRITERIA if c.level == level) for level in rules.LEVEL_ORDER}
    assert by_level == {"A": 7, "B": 7, "C": 1, "D": 1, "E": 3}
