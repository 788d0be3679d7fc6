"""The one outbox (common/outbox.py). Save first, notify after commit: a report survives an unreachable broker
or a failing mail server (incident filings are the outbox's busiest sender, so they drive these tests)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone
from kombu import pools
from kombu.exceptions import OperationalError

from common import outbox, tasks
from common.models import OutboundNotification
from incidents.models import Incident
from tests.incidents.conftest import AWARE_2026, file_incident

pytestmark = pytest.mark.django_db


def test_report_is_kept_when_the_broker_is_unreachable(world, users, django_capture_on_commit_callbacks):
    with mock.patch.object(
        tasks.outbox_deliver_task, "apply_async", side_effect=OperationalError("[Errno 111] Connection refused")
    ) as dispatch:
        with django_capture_on_commit_callbacks(execute=True):
            incident = file_incident(world["tax"], users["officer"], level=3)
    assert dispatch.call_count == 2  # the reviewer's notification and the major-incident alert
    assert Incident.objects.get() == incident
    pending = OutboundNotification.objects.filter(incident=incident, sent_at__isnull=True)
    assert sorted(pending.values_list("topic", flat=True)) == ["major", "reported"]
    assert len(mail.outbox) == 0

    delivered = outbox.outbox_deliver_pending(now=AWARE_2026 + timedelta(minutes=21))  # the sweep, once back
    assert delivered == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["moda@example.gov.tw", "mof@example.gov.tw"]
    assert OutboundNotification.objects.filter(sent_at__isnull=True).exists() is False


@pytest.mark.skipif(
    not django_settings.CELERY_BROKER_URL.startswith("filesystem"),
    reason="swaps the app's broker; on the Redis pass kombu's pooled Redis connections do not recover",
)
def test_report_is_kept_with_a_real_unreachable_broker(world, users, django_capture_on_commit_callbacks, settings):
    """No mock: eager mode off and the broker on a closed local port."""
    from csma.celery import app

    def fresh_pools():
        """Forget every pooled broker connection and producer (kombu keeps them in a process-wide registry,
        keyed by broker: a pool closed here would otherwise be handed out again to the next publish)."""
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.update(
        task_always_eager=False,
        broker_url="amqp://guest:guest@127.0.0.1:9//",
        broker_connection_retry=False,
        broker_connection_max_retries=0,
        task_publish_retry=False,
        broker_connection_timeout=1,
    )
    fresh_pools()  # an earlier test's pool of the real broker must not carry this test's publish
    try:
        with django_capture_on_commit_callbacks(execute=True):
            incident = file_incident(world["tax"], users["officer"], level=1)
    finally:
        app.conf.update(task_always_eager=True, broker_url=settings.CELERY_BROKER_URL)
        fresh_pools()  # the next publish builds fresh pools for the restored broker
    assert Incident.objects.get() == incident
    assert OutboundNotification.objects.get(incident=incident).sent_at is None


def test_dispatched_after_commit_and_delivered_by_the_task(world, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        file_incident(world["tax"], users["officer"], level=1, reported_after=timedelta(minutes=5))
    notification = OutboundNotification.objects.get()
    assert notification.sent_at is not None
    assert [message.subject for message in mail.outbox] == [
        "資通安全事件通報：Level 1 incident（第 1 級，財政部臺北國稅局）"
    ]  # recipients' default: zh-Hant


class DownBackend(locmem.EmailBackend):
    """In-memory mail whose server refuses the connection."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_a_failing_mail_server_is_retried_later(world, users, settings):
    file_incident(world["tax"], users["officer"], level=1)
    notification = OutboundNotification.objects.get()
    first_try = AWARE_2026 + timedelta(minutes=30)
    settings.EMAIL_BACKEND = "tests.common.test_outbox.DownBackend"
    assert outbox.outbox_deliver_pending(now=first_try) == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notification.refresh_from_db()
    assert (notification.attempts, notification.next_attempt_at) == (1, first_try + timedelta(minutes=1))
    assert notification.last_error == "ConnectionRefusedError: smtp down"
    assert outbox.outbox_deliver_pending(now=first_try + timedelta(seconds=30)) == 0  # not yet
    assert outbox.outbox_deliver_pending(now=first_try + timedelta(minutes=1)) == 1
    assert len(mail.outbox) == 1


def test_a_notification_in_chinese_gives_its_times_in_roc_years(world, users):
    # Given a report filed on a zh-Hant deployment (the default language), aware 2026-03-02 02:00 Taipei
    incident = file_incident(world["tax"], users["officer"], level=3)
    # Then every notification reads 民國115年3月2日 02:00, never 2026
    notifications = list(OutboundNotification.objects.filter(incident=incident).order_by("topic"))
    assert [n.topic for n in notifications] == ["major", "reported"]
    for notification in notifications:
        assert "知悉時間：民國115年3月2日 02:00（臺北時間）" in notification.body.splitlines()
        assert "2026" not in notification.subject + notification.body


def test_an_invitation_is_kept_while_mail_is_down_and_its_link_is_never_shown_or_kept_after_sending(
    world, users, settings, admin_client, django_capture_on_commit_callbacks
):
    from datetime import UTC, datetime

    from access import services as access_services
    from access.policy import Role

    now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    settings.EMAIL_BACKEND = "tests.common.test_outbox.DownBackend"
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = access_services.invitation_create(
            email="new.officer@tax.gov.tw",
            role=Role.SECURITY_OFFICER,
            agency=world["tax"],
            acting_user=users["mof"],
            now=now,
            accept_url_template="https://csma.example.gov.tw/accept/TOKEN/",
        )
    row = OutboundNotification.objects.get(topic="invitation")
    assert (row.source, row.recipients, row.secret, row.sent_at, row.attempts) == (
        invitation,
        ["new.officer@tax.gov.tw"],
        True,
        None,
        1,
    )
    assert token in row.body  # kept for the retry …
    page = admin_client.get(f"/admin/common/outboundnotification/{row.pk}/change/")
    assert page.status_code == 200
    assert "ConnectionRefusedError: smtp down" in page.content.decode()
    assert token not in page.content.decode()  # … but not shown to an administrator

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.outbox_deliver_pending(now=timezone.now() + timedelta(minutes=2)) == 1
    (message,) = mail.outbox
    assert message.to == ["new.officer@tax.gov.tw"]
    assert f"https://csma.example.gov.tw/accept/{token}/" in message.body
    row.refresh_from_db()
    assert (row.sent_at is not None, row.body) == (True, "")  # sent: the row keeps no copy of the link
