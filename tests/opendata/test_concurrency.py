"""Two reviewers publish one release at the same moment, each on their own PostgreSQL connection: the first
publishes, the second waits for the row lock, re-checks on the fresh row and is told (a conflict); one
PUBLISHED event. Skipped on SQLite (no row locks): ``scripts/with-servers.sh … tests/opendata/test_concurrency.py``."""

import pytest

from access.policy import Role
from opendata import services
from opendata.models import DatasetRelease, OpenDataEvent
from opendata.rules import ALREADY_IN_STATUS, ReleaseStatus
from tests.conftest import _user_with_role
from tests.opendata.releases import NOW
from tests.races import POSTGRESQL_ONLY, Side, assert_one_wins_one_conflicts, race

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), POSTGRESQL_ONLY]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def test_two_reviewers_publish_at_once_one_publishes_the_other_is_told(world, users):
    first, second = (_user_with_role(name, Role.COMPETENT_AUTHORITY) for name in ("reviewer-a", "reviewer-b"))
    release = services.release_prepare(year=2025, quarter=0, min_cell_size=3, acting_user=users["moda"], now=NOW)
    release = services.release_submit(release=release, acting_user=users["moda"], now=NOW)

    def publish_as(user):
        return Side(
            load=lambda: DatasetRelease.objects.get(pk=release.pk),
            act=lambda loaded: services.release_publish(release=loaded, acting_user=user, now=NOW),
        )

    outcome = race(first=publish_as(first), second=publish_as(second))

    assert_one_wins_one_conflicts(outcome, message=str(ALREADY_IN_STATUS) % {"current": ReleaseStatus.PUBLISHED.label})
    release.refresh_from_db()
    assert (release.status, release.published_by) == (ReleaseStatus.PUBLISHED, first)
    assert OpenDataEvent.objects.filter(kind=OpenDataEvent.Kind.PUBLISHED).count() == 1
