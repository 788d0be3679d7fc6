"""Who reviews whose incidents (通報及應變辦法 2021 Art 5 ¶1, ¶2, ¶4, ¶5 and Art 12 ¶1; 2026 Arts 7, 12), on
the shape of the national registry (infrastructure/demo: roots 總統府, the five Yuan, local governments and
councils), and the superior-agency relation obligations use."""

from collections import namedtuple

import pytest
from django.db.models import Q
from django.utils import timezone

from access import grants, supervision
from access.policy import Role
from access.supervision import Basis
from infrastructure.demo import build_registry
from infrastructure.models import Agency
from tests.factories import AgencyFactory, UserFactory

Node = namedtuple("Node", "pk name")


@pytest.fixture(scope="module")
def national():
    registry = build_registry(scale="national")
    return registry.agencies, {agency.name: agency for agency in registry.agencies}


def _chain(agencies, spec) -> list[Node]:
    chain = []
    while spec is not None:
        chain.insert(0, Node(spec.key, spec.name))
        spec = agencies[spec.parent] if spec.parent is not None else None
    return chain


@pytest.mark.parametrize(
    ("name", "reviewer", "basis"),
    [
        ("數位發展部", "數位發展部", Basis.COMPETENT_AUTHORITY_OWN),  # ¶1
        ("數位發展部資通安全署", "數位發展部", Basis.SUBTREE),  # ¶2: a ministry's subtree
        ("總統府", "總統府", Basis.OWN),  # ¶4 (and ¶2)
        ("國家安全會議", "國家安全會議", Basis.OWN),  # ¶4, although below 總統府
        ("中央研究院", "總統府", Basis.SUBTREE),  # ¶2: 總統府 for its subordinates
        ("國史館臺灣文獻館", "總統府", Basis.SUBTREE),
        ("行政院", "行政院", Basis.OWN),  # ¶4
        ("立法院", "立法院", Basis.OWN),
        ("財政部", "財政部", Basis.SUBTREE),  # a direct subordinate of a first-level agency, itself
        ("財政部臺北國稅局", "財政部", Basis.SUBTREE),
        ("司法院", "司法院", Basis.OWN),
        ("臺灣高等法院臺中分院", "臺灣高等法院", Basis.SUBTREE),  # direct subordinate of 司法院
        ("審計部臺北市審計處", "審計部", Basis.SUBTREE),  # direct subordinate of 監察院
        ("臺北市政府", "臺北市政府", Basis.SUBTREE),  # a municipality, itself
        ("臺北市政府教育局", "臺北市政府", Basis.SUBTREE),
        ("臺北市中正區公所", "臺北市政府", Basis.SUBTREE),
        ("新北市烏來區民代表會", "新北市政府", Basis.SUBTREE),  # ¶2: indigenous-district councils
        ("臺北市議會", "臺北市議會", Basis.OWN),  # ¶4: local councils
    ],
)
def test_reviewer_on_the_national_tree(national, name, reviewer, basis):
    agencies, by_name = national
    found = supervision.reviewer_in_chain(_chain(agencies, by_name[name]))
    assert (found.basis, found.agency_id) == (basis, by_name[reviewer].key)


def test_every_government_agency_of_the_national_tree_has_a_reviewer_above_or_itself(national):
    agencies, _by_name = national
    for spec in agencies:
        if spec.kind != "government":
            continue
        chain = _chain(agencies, spec)
        found = supervision.reviewer_in_chain(chain)
        assert found.agency_id in {node.pk for node in chain}, spec.name


def test_a_school_in_a_county_is_reviewed_by_the_county_government(national):
    agencies, _by_name = national
    school = next(spec for spec in agencies if spec.name.startswith("苗栗縣") and spec.name.endswith("國民小學"))
    chain = _chain(agencies, school)
    assert agencies[supervision.reviewer_in_chain(chain).agency_id].name == "苗栗縣政府"


# --- on the database ---------------------------------------------------------------------------------


@pytest.fixture
def tree(db):
    a = {}
    a["president"] = AgencyFactory(name="總統府")
    a["nsc"] = AgencyFactory(name="國家安全會議", parent=a["president"])
    a["sinica"] = AgencyFactory(name="中央研究院", parent=a["president"])
    a["ey"] = AgencyFactory(name="行政院")
    a["moda"] = AgencyFactory(name="數位發展部", parent=a["ey"])
    a["acs"] = AgencyFactory(name="數位發展部資通安全署", parent=a["moda"])
    a["mof"] = AgencyFactory(name="財政部", parent=a["ey"])
    a["tax"] = AgencyFactory(name="財政部臺北國稅局", parent=a["mof"])
    a["branch"] = AgencyFactory(name="財政部臺北國稅局大安分局", parent=a["tax"])
    a["moea"] = AgencyFactory(name="經濟部", parent=a["ey"])
    a["taipei"] = AgencyFactory(name="臺北市政府")
    a["edu"] = AgencyFactory(name="臺北市政府教育局", parent=a["taipei"])
    a["school"] = AgencyFactory(name="臺北市大安區幸安國民小學", parent=a["edu"])
    a["council"] = AgencyFactory(name="臺北市議會")
    a["orphan"] = AgencyFactory(name="未掛上級之機關")
    a["power"] = AgencyFactory(
        name="台灣電力股份有限公司", kind="sngo", sngo_category="state_owned", regulator=a["moea"]
    )
    a["loose"] = AgencyFactory(name="某財團法人", kind="sngo", sngo_category="foundation")
    return a


def _supervisor(name, agency):
    user = UserFactory(username=name)
    grants.role_grant(user=user, role=Role.SUPERIOR_AGENCY, agency=agency, now=timezone.now())
    return user


def _reviewable(user) -> set[str]:
    q = supervision.reviewable_q(user)
    return set() if q is None else set(Agency.objects.filter(q).values_list("name", flat=True))


def test_reviewer_agency_covers_every_branch(tree):
    expected = {
        "moda": (Basis.COMPETENT_AUTHORITY_OWN, "moda"),
        "acs": (Basis.SUBTREE, "moda"),
        "president": (Basis.OWN, "president"),
        "nsc": (Basis.OWN, "nsc"),
        "sinica": (Basis.SUBTREE, "president"),
        "ey": (Basis.OWN, "ey"),
        "branch": (Basis.SUBTREE, "mof"),
        "school": (Basis.SUBTREE, "taipei"),
        "council": (Basis.OWN, "council"),
        "orphan": (Basis.COMPETENT_AUTHORITY, None),
        "power": (Basis.SECTOR_REGULATOR, "moea"),
        "loose": (Basis.COMPETENT_AUTHORITY, None),
    }
    for key, (basis, reviewer) in expected.items():
        found = supervision.reviewer_agency(tree[key])
        assert (found.basis, found.agency_id) == (basis, tree[reviewer].pk if reviewer else None), key
    assert supervision.reviewer_agency(tree["nsc"]).citation == "資通安全事件通報及應變辦法第5條（2026年版第7條）第4項"


def test_reviewable_q_is_the_inverse_of_reviewer_agency(tree):
    mof, president = _supervisor("mof", tree["mof"]), _supervisor("p", tree["president"])
    taipei = _supervisor("taipei", tree["taipei"])
    assert _reviewable(mof) == {"財政部", "財政部臺北國稅局", "財政部臺北國稅局大安分局"}
    assert _reviewable(president) == {"總統府", "中央研究院"}  # not 國家安全會議 (¶4)
    assert _reviewable(taipei) == {"臺北市政府", "臺北市政府教育局", "臺北市大安區幸安國民小學"}
    assert _reviewable(_supervisor("ey", tree["ey"])) == {"行政院"}  # its own (¶4); the ministries review theirs (¶2)
    assert _reviewable(_supervisor("edu", tree["edu"])) == set()  # a bureau is not a reviewer under Art 5
    assert _reviewable(_supervisor("council", tree["council"])) == {"臺北市議會"}
    regulator = UserFactory(username="moea")
    grants.role_grant(user=regulator, role=Role.SECTOR_REGULATOR, agency=tree["moea"], now=timezone.now())
    assert _reviewable(regulator) == {"台灣電力股份有限公司"}
    assert _reviewable(UserFactory(username="nobody")) == set()
    authority = UserFactory(username="ca")
    grants.role_grant(user=authority, role=Role.COMPETENT_AUTHORITY, now=timezone.now())
    assert supervision.reviewable_q(authority) == Q()


def test_reviewer_user_ids_and_is_reviewer_of(tree):
    mof, edu = _supervisor("mof", tree["mof"]), _supervisor("edu", tree["edu"])
    taipei = _supervisor("taipei", tree["taipei"])
    authority = UserFactory(username="ca")
    grants.role_grant(user=authority, role=Role.COMPETENT_AUTHORITY, now=timezone.now())
    assert supervision.reviewer_user_ids(tree["branch"]) == [mof.pk]
    assert supervision.reviewer_user_ids(tree["school"]) == [taipei.pk]  # not the bureau's staff
    assert supervision.reviewer_user_ids(tree["orphan"]) == [authority.pk]
    assert supervision.is_reviewer_of(taipei, tree["school"]) is True
    assert supervision.is_reviewer_of(edu, tree["school"]) is False
    assert supervision.is_reviewer_of(mof, tree["acs"]) is False
    assert supervision.is_reviewer_of(authority, tree["loose"]) is True


def test_superior_agency_relation_is_any_strict_ancestor_or_the_regulator(tree):
    edu = _supervisor("edu", tree["edu"])
    assert supervision.is_superior_of(edu, tree["school"]) is True  # obligations: the bureau supervises
    assert supervision.is_superior_of(edu, tree["edu"]) is False
    assert set(Agency.objects.filter(supervision.superior_q(edu)).values_list("name", flat=True)) == {
        "臺北市大安區幸安國民小學"
    }
