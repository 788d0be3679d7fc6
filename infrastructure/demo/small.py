"""The ``small`` scale: 30 agencies with the national shape, every level fixed, for tests and quick demos.

24 government agencies (行政院 with six ministries and their subordinates, 臺北市政府 with bureaus, a
district office, two elementary schools and a junior high school, a hospital) and 6 SNGAs in six sectors,
one of them (台灣電力) a designated CI provider. One rename, one older approved level, one pending proposal.
The tables are ``data/small.csv`` (行政院 and 臺北市政府 trees) and ``data/small_sngo.csv``.
"""

from infrastructure.demo.builder import Builder, load_tree
from infrastructure.demo.details import Policy
from infrastructure.demo.local import MUNICIPAL_ADJUSTMENT
from infrastructure.demo.names import CITY_BY_NAME
from infrastructure.demo.sngo import build_sngo, load_rows

POLICY = Policy(
    history_share=0,
    pending_share=0,
    predecessor_share=0,
    history=("財政部財政資訊中心",),
    pending=("財政部臺北國稅局",),
)


def build_small(builder: Builder) -> None:
    executive, taipei_government = load_tree("small.csv")
    root = builder.add(
        executive.name,
        executive.criteria,
        domain=executive.domain,
        en=executive.en,
        oid_arc=20003,
        org_prefix="A01",
        sectors=executive.sectors,
    )
    for number, ministry in enumerate(executive.children, start=2):
        builder.add_tree(ministry, parent=root, org_prefix=f"A{number:02d}")
    taipei = CITY_BY_NAME["臺北市"]
    government = builder.add_tree(taipei_government, oid_arc=90001, org_prefix=str(taipei.code))
    builder.set_level(government, "A", MUNICIPAL_ADJUSTMENT)
    build_sngo(builder, load_rows("small_sngo.csv"), mergers=())
