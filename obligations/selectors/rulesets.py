"""Rule sets: list, detail and the side-by-side comparison of two versions."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from obligations.models import Requirement, RuleSet

COMPARED_FIELDS = (
    "dimension",
    "item_zh",
    "item_en",
    "text_zh",
    "text_en",
    "citation",
    "marker",
    "frequency_count",
    "frequency_years",
    "deadline_years",
    "per_core_system",
    "conditions",
    "quantity",
)


@dataclass(frozen=True)
class CompareRow:
    key: tuple[str, str, str]
    left: Requirement | None
    right: Requirement | None
    changed: tuple[str, ...]

    @property
    def state(self) -> str:
        if self.left is None:
            return "added"
        if self.right is None:
            return "removed"
        return "changed" if self.changed else "same"


def ruleset_list() -> QuerySet[RuleSet]:
    return (
        RuleSet.objects.annotate(requirement_count=Count("requirements"))
        .select_related("previous")
        .order_by("-effective_from", "-version")
    )


def ruleset_requirements(*, rule_set: RuleSet) -> QuerySet[Requirement]:
    return rule_set.requirements.order_by("sort_order", "code", "level", "agency_scope")


def ruleset_compare(*, left: RuleSet, right: RuleSet) -> list[CompareRow]:
    """Rows paired by (code, level, applies-to); two queries."""

    def by_key(rule_set):
        return {(r.code, r.level, r.agency_scope): r for r in ruleset_requirements(rule_set=rule_set)}

    lefts, rights = by_key(left), by_key(right)
    order = {key: (r.sort_order, key) for key, r in {**lefts, **rights}.items()}
    rows = []
    for key in sorted(order, key=order.get):
        a, b = lefts.get(key), rights.get(key)
        changed = tuple(f for f in COMPARED_FIELDS if a and b and getattr(a, f) != getattr(b, f))
        rows.append(CompareRow(key=key, left=a, right=b, changed=changed))
    return rows
