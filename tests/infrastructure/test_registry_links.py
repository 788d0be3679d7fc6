"""The registry pages link only the agencies the user may see; any other agency they name is its plain name
(a link would answer 404). Seen in a load test: 經濟部's sector regulator got links to 行政院 on the list."""

import re
from datetime import date

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from infrastructure import selectors, services
from infrastructure.models import Agency, Sector
from infrastructure.templatetags.registry_links import agency_link
from tests.conftest import otp_verify
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
DETAIL_HREF = re.compile(r'href="/registry/agencies/(\d+)/"')


def _linked_ids(page: str) -> set[int]:
    return {int(pk) for pk in DETAIL_HREF.findall(page)}


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def power_split(world):
    """台灣電力 designated CI by 經濟部 (and, withdrawn, earlier by 國家發展委員會), then split into a company
    經濟部 regulates and one with no sector regulator yet: 經濟部's staff see the first, not the second."""
    council = AgencyFactory(name="國家發展委員會", parent=world["executive"])
    generation = AgencyFactory(name="台電發電股份有限公司", kind="sngo", regulator=world["economy"])
    grid = AgencyFactory(name="台電輸配電股份有限公司", kind="sngo")
    energy = Sector.objects.get(code="energy")
    earlier = services.ci_designate(
        agency=world["power"],
        designated_by=council,
        sectors=[energy],
        designated_on=date(2020, 3, 1),
        now=timezone.now(),
    )
    services.ci_designation_withdraw(designation=earlier, withdrawn_on=date(2022, 6, 30), now=timezone.now())
    services.ci_designate(
        agency=world["power"],
        designated_by=world["economy"],
        sectors=[energy],
        designated_on=date(2022, 7, 1),
        now=timezone.now(),
    )
    services.agency_reorganise(
        kind="split",
        agency=world["power"],
        effective_on=date(2026, 1, 1),
        successors=[generation, grid],
        now=timezone.now(),
    )
    return {"council": council, "generation": generation, "grid": grid}


# The selector ------------------------------------------------------------------------------------------------


def test_visible_ids_are_the_named_ids_inside_the_base(world, django_assert_num_queries):
    base = Agency.objects.filter(Q(regulator=world["economy"]) | Q(pk=world["economy"].pk))
    ids = [world["executive"].pk, world["economy"].pk, world["power"].pk, None, world["power"].pk]
    with django_assert_num_queries(1):
        visible = selectors.agency_ids_visible(ids=ids, base=base)
    assert visible == frozenset({world["economy"].pk, world["power"].pk})
    with django_assert_num_queries(0):
        assert selectors.agency_ids_visible(ids=[None, None], base=base) == frozenset()


def test_the_filter_links_a_visible_agency_and_escapes_the_name_of_any_other():
    agency = Agency(pk=7, name="<b>行政院</b>")
    assert agency_link(agency, frozenset({7})) == '<a href="/registry/agencies/7/">&lt;b&gt;行政院&lt;/b&gt;</a>'
    assert agency_link(agency, frozenset({8})) == "&lt;b&gt;行政院&lt;/b&gt;"
    assert agency_link(None, frozenset({7})) == ""


# The list ----------------------------------------------------------------------------------------------------


def test_the_sector_regulators_list_names_but_does_not_link_the_superior_agency_it_may_not_see(client, world, users):
    otp_verify(client, users["moea"])
    page = _page(client, reverse("infrastructure:agency_list"))
    assert _linked_ids(page) == {world["economy"].pk, world["power"].pk}  # the rows and 台電's regulator
    assert f'href="/registry/agencies/{world["executive"].pk}/"' not in page
    assert "<td>行政院</td>" in page  # 經濟部's superior agency, by name only
    assert f'<td><a href="/registry/agencies/{world["economy"].pk}/">經濟部</a></td>' in page  # 台電's regulator


def test_the_competent_authority_still_gets_every_link_on_the_list(client, world, users):
    otp_verify(client, users["moda"])
    page = _page(client, reverse("infrastructure:agency_list"))
    assert _linked_ids(page) == {agency.pk for agency in world.values()}
    for superior in ("executive", "finance"):
        assert f'<td><a href="/registry/agencies/{world[superior].pk}/">{world[superior].name}</a></td>' in page
    assert "<td>行政院</td>" not in page


# The detail page ---------------------------------------------------------------------------------------------


def test_the_sector_regulator_sees_the_names_of_hidden_designators_and_successors_without_links(
    client, world, users, power_split
):
    otp_verify(client, users["moea"])
    page = _page(client, reverse("infrastructure:agency_detail", args=[world["power"].pk]))
    assert _linked_ids(page) == {world["economy"].pk, power_split["generation"].pk}
    for hidden in ("council", "grid"):
        assert f'href="/registry/agencies/{power_split[hidden].pk}/"' not in page
    assert "<td>國家發展委員會</td>" in page  # the withdrawn designation's regulator
    assert "<td>台電輸配電股份有限公司</td>" in page  # the successor with no sector regulator
    economy_link = f'<a href="/registry/agencies/{world["economy"].pk}/">經濟部</a>'
    assert f"<dd>{economy_link}</dd>" in page  # sector regulator
    assert f"<td>{economy_link}</td>" in page  # the designation in force
    assert f'<td><a href="/registry/agencies/{power_split["generation"].pk}/">台電發電股份有限公司</a></td>' in page


def test_the_sector_regulator_sees_its_own_superior_agency_by_name_only(client, world, users):
    otp_verify(client, users["moea"])
    page = _page(client, reverse("infrastructure:agency_detail", args=[world["economy"].pk]))
    assert _linked_ids(page) == set()
    assert "› 行政院\n" in page  # breadcrumb
    assert "<dd>行政院</dd>" in page  # superior agency


def test_the_competent_authority_still_gets_every_link_on_the_detail_page(client, world, users, power_split):
    otp_verify(client, users["moda"])
    page = _page(client, reverse("infrastructure:agency_detail", args=[world["power"].pk]))
    assert _linked_ids(page) == {world["economy"].pk, *(agency.pk for agency in power_split.values())}
    assert "<td>國家發展委員會</td>" not in page
    page = _page(client, reverse("infrastructure:agency_detail", args=[world["tax"].pk]))
    assert _linked_ids(page) == {world["executive"].pk, world["finance"].pk}  # breadcrumb and superior agency
    assert f'› <a href="/registry/agencies/{world["executive"].pk}/">行政院</a>' in page


# Every link answers ------------------------------------------------------------------------------------------


def test_every_registry_link_the_sector_regulator_gets_answers_200(client, world, users, power_split):
    """Walks every /registry/agencies/<id>/ link on the list (active and all), 台電's and 經濟部's pages, and on
    every page they lead to: each answers 200."""
    otp_verify(client, users["moea"])
    pages = [
        reverse("infrastructure:agency_list"),
        reverse("infrastructure:agency_list") + "?active=all",
        reverse("infrastructure:agency_detail", args=[world["power"].pk]),
        reverse("infrastructure:agency_detail", args=[world["economy"].pk]),
    ]
    to_visit = set().union(*(_linked_ids(_page(client, url)) for url in pages))
    visited = set()
    while to_visit:
        pk = to_visit.pop()
        visited.add(pk)
        response = client.get(f"/registry/agencies/{pk}/")
        assert response.status_code == 200, pk
        to_visit |= _linked_ids(response.content.decode()) - visited
    assert visited == {world["economy"].pk, world["power"].pk, power_split["generation"].pk}
    assert client.get(f"/registry/agencies/{world['executive'].pk}/").status_code == 404  # why it is not linked
