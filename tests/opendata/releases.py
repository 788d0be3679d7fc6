"""Releases in every state on the (empty-of-incidents) shared world, for the permission matrices."""

from datetime import datetime

from access.policy import Role
from common.periods import TAIPEI
from opendata import services
from tests.conftest import _user_with_role

NOW = datetime(2027, 1, 5, 12, 0, tzinfo=TAIPEI)


def releases_in_every_state(users) -> dict:
    moda, second = users["moda"], _user_with_role("moda2", Role.COMPETENT_AUTHORITY)

    def prepared(year: int, quarter: int):
        return services.release_prepare(year=year, quarter=quarter, min_cell_size=3, acting_user=moda, now=NOW)

    def submitted(year: int, quarter: int):
        return services.release_submit(release=prepared(year, quarter), acting_user=moda, now=NOW)

    def published(year: int, quarter: int):
        return services.release_publish(release=submitted(year, quarter), acting_user=second, now=NOW)

    withdrawn = services.release_withdraw(release=published(2024, 0), reason="wrong", acting_user=second, now=NOW)
    return {
        "draft": prepared(2025, 1),
        "under_review": submitted(2025, 2),
        "published": published(2025, 0),
        "withdrawn": withdrawn,
        "second": second,
    }
