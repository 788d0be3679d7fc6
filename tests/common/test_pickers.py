"""Agency pickers take a name or an OID, never a typed database id; suggestions stay within what the user
may see (common/pickers.py, /registry/agencies/search.json)."""

import pytest
from django import forms

from common.pickers import AgencyPickerField
from infrastructure.models import Agency

pytestmark = pytest.mark.django_db


def test_search_suggests_visible_agencies_by_name_or_oid(client, users, world):
    world["tax"].oid = "2.16.886.101.20003.20001"
    world["tax"].save()
    client.force_login(users["mof"])
    results = client.get("/registry/agencies/search.json", {"q": "國稅"}).json()["results"]
    assert results == [
        {
            "label": "財政部臺北國稅局 (2.16.886.101.20003.20001)",
            "name": "財政部臺北國稅局",
            "oid": "2.16.886.101.20003.20001",
        }
    ]
    by_oid = client.get("/registry/agencies/search.json", {"q": "2.16.886.101.20003"}).json()["results"]
    assert [row["name"] for row in by_oid] == ["財政部臺北國稅局"]
    assert client.get("/registry/agencies/search.json", {"q": "經濟部"}).json()["results"] == []  # not visible
    client.force_login(users["nobody"])
    assert client.get("/registry/agencies/search.json", {"q": "國稅"}).json()["results"] == []


def test_the_field_resolves_name_oid_and_the_suggestion_text(world):
    world["tax"].oid = "2.16.886.101.20003.20001"
    world["tax"].save()
    field = AgencyPickerField(queryset=Agency.objects.exclude(pk=world["school"].pk))
    assert field.clean("財政部臺北國稅局") == world["tax"]
    assert field.clean("2.16.886.101.20003.20001") == world["tax"]
    assert field.clean("財政部臺北國稅局 (2.16.886.101.20003.20001)") == world["tax"]
    with pytest.raises(forms.ValidationError) as error:
        field.clean(str(world["tax"].pk))  # an internal id is not a name
    assert error.value.code == "unknown"
    with pytest.raises(forms.ValidationError):
        field.clean(world["school"].name)  # outside the queryset: the same answer as an unknown name


def test_the_ad_hoc_form_shows_a_picker_not_an_id_box(client, users):
    client.force_login(users["mof"])
    body = client.get("/obligations/adhoc/new/").content.decode()
    assert 'data-agency-search="/registry/agencies/search.json"' in body
    assert "(id)" not in body
