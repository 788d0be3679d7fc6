"""A small supervised world: 行政院 → 財政部 → 國稅局, 經濟部 regulating 台電, and another ministry."""
import pytest

from access import grants
from access.policy import Role
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def world(db):
    executive = AgencyFactory(name="行政院")
    finance = AgencyFactory(name="財政部", parent=executive)
    tax = AgencyFactory(name="財政部臺北國稅局", parent=finance)
    economy = AgencyFactory(name="經濟部", parent=executive)
    power = AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="state_owned", regulator=economy)
    bank = AgencyFactory(name="臺灣銀行", kind="sngo", sngo_category="state_owned", regulator=finance)
    school = AgencyFactory(name="臺北市立大安國民小學")
    return {"executive": executive, "finance": finance, "tax": tax, "economy": economy, "power": power,
            "bank": bank, "school": school}


def _user_with_role(username, role, agency=None):
    user = UserFactory(username=username)
    grants.role_grant(user=user, role=role, agency=agency)
    return user


@pytest.fixture
def users(world):
    return {
        "admin": _user_with_role("admin", Role.ADMINISTRATOR),
        "moda": _user_with_role("moda", Role.COMPETENT_AUTHORITY),
        "moea": _user_with_role("moea", Role.SECTOR_REGULATOR, world["economy"]),
        "mof": _user_with_role("mof", Role.SUPERIOR_AGENCY, world["finance"]),
        "officer": _user_with_role("officer", Role.SECURITY_OFFICER, world["tax"]),
        "viewer": _user_with_role("viewer", Role.AGENCY_VIEWER, world["school"]),
        "auditor": _user_with_role("auditor", Role.AUDITOR),
        "observer": _user_with_role("observer", Role.OBSERVER),
        "nobody": UserFactory(username="nobody"),
    }
