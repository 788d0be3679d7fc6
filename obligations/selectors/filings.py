"""Annual filings of an agency."""

from django.db.models import Prefetch, QuerySet

from obligations.models import AnnualFiling, FilingSection


def filing_list(*, agency) -> QuerySet[AnnualFiling]:
    return (
        AnnualFiling.objects.filter(agency=agency)
        .select_related("filed_by", "reviewed_by", "receiving_authority")
        .order_by("-year", "kind", "-version")
    )


def filing_latest(*, agency, kind: str, year: int) -> AnnualFiling | None:
    """The latest version, with ``texts`` {section number: text} for the form."""
    filing = (
        AnnualFiling.objects.filter(agency=agency, kind=kind, year=year)
        .prefetch_related(Prefetch("sections", queryset=FilingSection.objects.order_by("number")))
        .order_by("-version")
        .first()
    )
    if filing is not None:
        field = "content" if kind == "plan" else "result"
        filing.texts = {section.number: getattr(section, field) for section in filing.sections.all()}
    return filing
