"""Deterministic demo registry: ``build_registry`` (pure: the name tables in ``data/`` + ``random.Random(seed)``) and
``load_registry`` (bulk insert in one transaction). Used by ``manage.py seed_demo``.
"""

from infrastructure.demo.builder import Builder
from infrastructure.demo.central import build_central
from infrastructure.demo.details import Policy, finalise
from infrastructure.demo.local import build_local
from infrastructure.demo.small import POLICY as SMALL_POLICY
from infrastructure.demo.small import build_small
from infrastructure.demo.sngo import build_sngo, load_rows
from infrastructure.demo.spec import Registry

SCALES = ("small", "national")
DEFAULT_SEED = 2026


def build_registry(*, scale: str = "small", seed: int = DEFAULT_SEED) -> Registry:
    """The whole registry as plain data; the same scale and seed always give the same result."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")
    builder = Builder(scale=scale, seed=seed)
    if scale == "small":
        build_small(builder)
        finalise(builder, SMALL_POLICY)
    else:
        build_central(builder)
        build_local(builder)
        build_sngo(builder, load_rows("sngo.csv", "sngo_units.csv"))
        finalise(builder, Policy())
    return builder.registry
