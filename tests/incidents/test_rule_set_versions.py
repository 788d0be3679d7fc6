"""Issue 8: a published incident rule set is immutable; a change is a new draft version, published from a
later day, and the version it replaces ends the day before. Past incidents keep their law and deadlines."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.periods import TAIPEI
from incidents.models import Incident, IncidentRuleSet, IncidentRuleSetEvent
from incidents.services import common
from incidents.services.rulesets import (
    ruleset_draft_delete,
    ruleset_new_version,
    ruleset_publish,
    ruleset_retire,
    ruleset_save,
)
from tests.incidents.conftest import clock, file_incident

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 20, 10, 0, tzinfo=TAIPEI)
MARCH = datetime(2026, 3, 2, 9, 0, tzinfo=TAIPEI)  # under the 2026-01-05 regulation (in force 2026-01-07)
JUNE = datetime(2026, 6, 2, 9, 0, tzinfo=TAIPEI)


@pytest.fixture
def rules_2026():
    return IncidentRuleSet.objects.get(code="2026-01-05")


@pytest.fixture
def draft_2026_v2(rules_2026, users):
    """A new version of the 2026 rules: review of levels 1–2 within 4 h, in force from 2026-06-01."""
    draft = ruleset_new_version(rule_set=rules_2026, acting_user=users["admin"], now=NOW)
    draft.review_hours_minor, draft.effective_from = 4, date(2026, 6, 1)
    return ruleset_save(rule_set=draft, acting_user=users["admin"], now=NOW)


def test_shipped_rule_sets_are_published_version_1():
    rows = IncidentRuleSet.objects.order_by("effective_from").values_list("code", "status", "version")
    assert list(rows) == [
        ("2018-11-21", "published", 1),
        ("2021-08-23", "published", 1),
        ("2026-01-05", "published", 1),
    ]


def test_editing_a_published_version_is_refused(rules_2026, users):
    rules_2026.review_hours_minor = 4
    with pytest.raises(ValidationError) as refused:
        rules_2026.save()
    assert refused.value.messages == [
        "A published or retired incident rule set cannot be changed; create a new version."
    ]
    with pytest.raises(ValidationError):
        ruleset_save(rule_set=rules_2026, acting_user=users["admin"], now=NOW)
    rules_2026.refresh_from_db()
    assert rules_2026.review_hours_minor == 8  # Art 7 ¶1 (2026): 8 h for levels 1–2
    assert IncidentRuleSetEvent.objects.exclude(channel="migration").exists() is False


def test_a_published_version_cannot_go_back_to_draft(rules_2026):
    rules_2026.status = IncidentRuleSet.Status.DRAFT
    with pytest.raises(ValidationError):
        rules_2026.save()


def test_a_new_version_is_a_draft_with_the_old_values(rules_2026, users):
    draft = ruleset_new_version(rule_set=rules_2026, acting_user=users["admin"], now=NOW)

    assert (draft.status, draft.version, draft.previous, draft.code) == ("draft", 2, rules_2026, "2026-01-05-v2")
    for name in ("name", "promulgated_on", "effective_from", "effective_to", "citations", "verification"):
        assert getattr(draft, name) == getattr(rules_2026, name)
    hours = ("notify_hours", "review_hours_minor", "review_hours_major", "recover_hours_minor", "recover_hours_major")
    assert [getattr(draft, name) for name in hours] == [1, 8, 2, 72, 36]
    assert draft.forward_levels_sngo == [1, 2, 3, 4]
    assert (draft.published_at, draft.published_by) == (None, None)


def test_a_new_version_of_a_draft_is_refused(draft_2026_v2, users):
    with pytest.raises(ValidationError) as refused:
        ruleset_new_version(rule_set=draft_2026_v2, acting_user=users["admin"], now=NOW)
    assert refused.value.messages == ["This version is still a draft: edit it instead of creating a new version."]


def test_a_draft_is_edited_and_deleted(draft_2026_v2, users):
    assert draft_2026_v2.review_hours_minor == 4
    ruleset_draft_delete(rule_set=draft_2026_v2, acting_user=users["admin"], now=NOW)
    assert IncidentRuleSet.objects.filter(code="2026-01-05-v2").exists() is False
    kinds = list(IncidentRuleSetEvent.objects.filter(rule_set_code="2026-01-05-v2").values_list("kind", flat=True))
    assert kinds == ["created", "updated", "deleted"]


def test_a_published_version_is_never_deleted(rules_2026, world, users):
    file_incident(world["tax"], users["officer"], level=1, aware_at=MARCH)
    for delete in (
        rules_2026.delete,
        IncidentRuleSet.objects.filter(pk=rules_2026.pk).delete,
        lambda: ruleset_draft_delete(rule_set=rules_2026, acting_user=users["admin"], now=NOW),
    ):
        with pytest.raises(ValidationError):
            delete()
    assert IncidentRuleSet.objects.filter(pk=rules_2026.pk).exists()


def test_publishing_ends_the_predecessor_the_day_before(draft_2026_v2, rules_2026, users):
    published = ruleset_publish(rule_set=draft_2026_v2, acting_user=users["admin"], now=NOW)

    rules_2026.refresh_from_db()
    assert (rules_2026.status, rules_2026.effective_to) == ("published", date(2026, 5, 31))
    assert (published.status, published.effective_from, published.effective_to) == ("published", date(2026, 6, 1), None)
    assert (published.published_at, published.published_by) == (NOW, users["admin"])


def test_an_incident_filed_before_the_change_keeps_its_law_and_deadlines(draft_2026_v2, rules_2026, world, users):
    # Given a level-1 incident aware in March, reported 20 minutes later under the 2026 rules (review 8 h)
    before = file_incident(world["tax"], users["officer"], level=1, aware_at=MARCH)
    reported = MARCH + timedelta(minutes=20)
    assert clock(before, "review").due_at == reported + timedelta(hours=8)

    # When version 2 (review 4 h from 2026-06-01) is published
    v2 = ruleset_publish(rule_set=draft_2026_v2, acting_user=users["admin"], now=NOW)

    # Then the March incident keeps version 1 and its deadlines: notify 1 h, review 8 h, recover 72 h
    before = Incident.objects.get(pk=before.pk)
    assert before.rule_set == rules_2026
    assert clock(before, "notify").due_at == MARCH + timedelta(hours=1)
    assert clock(before, "review").due_at == reported + timedelta(hours=8)
    assert clock(before, "recover").due_at == MARCH + timedelta(hours=72)
    # a late report of another March incident still gets version 1; a June incident gets version 2 (4 h)
    late = file_incident(world["tax"], users["officer"], level=1, aware_at=MARCH + timedelta(days=1))
    assert late.rule_set == rules_2026
    june = file_incident(world["tax"], users["officer"], level=1, aware_at=JUNE)
    assert june.rule_set == v2
    assert clock(june, "review").due_at == JUNE + timedelta(minutes=20, hours=4)
    assert clock(june, "recover").due_at == JUNE + timedelta(hours=72)


def test_each_action_writes_one_event_with_before_and_after(rules_2026, users):
    admin = users["admin"]
    draft = ruleset_new_version(rule_set=rules_2026, acting_user=admin, now=NOW)
    created = IncidentRuleSetEvent.objects.get(rule_set=draft)
    assert (created.kind, created.actor, created.occurred_at, created.before) == ("created", admin, NOW, {})
    assert (created.after["version"], created.after["review_hours_minor"], created.data) == (
        2,
        8,
        {"previous": "2026-01-05"},
    )

    draft.effective_from = date(2026, 6, 1)
    ruleset_save(rule_set=draft, acting_user=admin, now=NOW)
    updated = IncidentRuleSetEvent.objects.get(rule_set=draft, kind="updated")
    assert (updated.before, updated.after) == ({"effective_from": "2026-01-07"}, {"effective_from": "2026-06-01"})

    ruleset_publish(rule_set=draft, acting_user=admin, now=NOW)
    published = IncidentRuleSetEvent.objects.get(rule_set=draft, kind="published")
    assert published.before == {"status": "draft", "previous_effective_to": None}
    assert published.after == {"status": "published", "previous_effective_to": "2026-05-31"}
    assert published.data == {"previous": "2026-01-05", "incidents_kept_on_previous": 0}

    ruleset_retire(rule_set=rules_2026, acting_user=admin, now=NOW)
    retired = IncidentRuleSetEvent.objects.get(rule_set=rules_2026, kind="retired")
    assert (retired.before, retired.after) == ({"status": "published"}, {"status": "retired"})
    assert IncidentRuleSetEvent.objects.exclude(channel="migration").count() == 4


def test_publishing_on_the_predecessors_first_day_is_refused(rules_2026, users):
    draft = ruleset_new_version(rule_set=rules_2026, acting_user=users["admin"], now=NOW)
    with pytest.raises(ValidationError) as refused:
        ruleset_publish(rule_set=draft, acting_user=users["admin"], now=NOW)
    assert refused.value.messages == [
        "The new version must take effect after 2026-01-05 does (2026-01-07): set its effective-from date later."
    ]
    draft.refresh_from_db()
    rules_2026.refresh_from_db()
    assert (draft.status, rules_2026.effective_to) == ("draft", None)
    assert IncidentRuleSetEvent.objects.filter(kind="published", channel="admin").exists() is False


def test_an_overlapping_publication_is_refused_with_the_version_it_overlaps(rules_2026, users):
    # A rule set added by hand (not a new version of the 2026 rules) from 2026-06-01, open-ended
    added = IncidentRuleSet(
        code="2026-06-01",
        name="試行",
        promulgated_on=date(2026, 5, 1),
        effective_from=date(2026, 6, 1),
        forward_levels_government=[1, 2, 3, 4],
        forward_levels_sngo=[1, 2, 3, 4],
    )
    ruleset_save(rule_set=added, acting_user=users["admin"], now=NOW)
    with pytest.raises(ValidationError) as refused:
        ruleset_publish(rule_set=added, acting_user=users["admin"], now=NOW)
    assert refused.value.messages == ["The period overlaps version 2026-01-05 in force 2026-01-07 – no end date."]
    rules_2026.refresh_from_db()
    assert rules_2026.effective_to is None


def test_a_version_ending_before_its_predecessor_is_refused(draft_2026_v2, users):
    draft_2026_v2.effective_to = date(2026, 12, 31)
    ruleset_save(rule_set=draft_2026_v2, acting_user=users["admin"], now=NOW)
    with pytest.raises(ValidationError) as refused:
        ruleset_publish(rule_set=draft_2026_v2, acting_user=users["admin"], now=NOW)
    assert refused.value.messages == [
        "The new version must cover the rest of the period of 2026-01-05 (until no end date)."
    ]


def test_effective_before_promulgation_is_refused(draft_2026_v2, users):
    draft_2026_v2.promulgated_on = date(2026, 6, 15)
    with pytest.raises(ValidationError) as refused:
        ruleset_save(rule_set=draft_2026_v2, acting_user=users["admin"], now=NOW)
    assert refused.value.message_dict == {"effective_from": ["A rule set cannot take effect before it is promulgated."]}


def test_lookup_ignores_drafts(draft_2026_v2):
    assert common.rule_set_for(aware_at=JUNE).code == "2026-01-05"


def test_retire_needs_an_end_and_a_retired_version_still_governs_its_days(draft_2026_v2, rules_2026, users):
    with pytest.raises(ValidationError) as refused:
        ruleset_retire(rule_set=rules_2026, acting_user=users["admin"], now=NOW)
    assert refused.value.messages == [
        "Version 2026-01-05 has no end date, so it is the law of every new incident: publish the version that "
        "replaces it first."
    ]
    ruleset_publish(rule_set=draft_2026_v2, acting_user=users["admin"], now=NOW)
    ruleset_retire(rule_set=rules_2026, acting_user=users["admin"], now=NOW)
    assert common.rule_set_for(aware_at=MARCH) == rules_2026
    assert common.rule_set_for(aware_at=JUNE) == draft_2026_v2


def _changelist():
    return reverse("admin:incidents_incidentruleset_changelist")


def test_admin_actions_new_version_publish_retire(admin_client, admin_user, rules_2026):
    """The admin speaks zh-Hant by default: the actions' messages are translated."""
    response = admin_client.post(
        _changelist(), {"action": "new_version", "_selected_action": [rules_2026.pk]}, follow=True
    )
    draft = IncidentRuleSet.objects.get(code="2026-01-05-v2")
    assert [str(m) for m in response.context["messages"]] == [f"已建立草稿 {draft}。"]

    response = admin_client.post(_changelist(), {"action": "publish", "_selected_action": [draft.pk]}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"{draft}: 新版本的生效日須晚於 2026-01-05 的生效日（2026-01-07）：請將生效日期設定得更晚。"
    ]
    IncidentRuleSet.objects.filter(pk=draft.pk).update(effective_from=date(2026, 6, 1))
    draft.refresh_from_db()
    response = admin_client.post(_changelist(), {"action": "publish", "_selected_action": [draft.pk]}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [f"已發布 {draft}。"]
    response = admin_client.post(_changelist(), {"action": "retire", "_selected_action": [rules_2026.pk]}, follow=True)
    rules_2026.refresh_from_db()
    assert [str(m) for m in response.context["messages"]] == [f"已停用 {rules_2026}。"]
    assert rules_2026.status == "retired"
    assert IncidentRuleSetEvent.objects.filter(actor=admin_user).count() == 3


def test_admin_messages_in_english(admin_client, rules_2026):
    response = admin_client.post(
        _changelist(),
        {"action": "new_version", "_selected_action": [rules_2026.pk]},
        follow=True,
        headers={"accept-language": "en"},
    )
    draft = IncidentRuleSet.objects.get(code="2026-01-05-v2")
    assert [str(m) for m in response.context["messages"]] == [f"Draft {draft} created."]


def test_admin_changelist_shows_status_and_version(admin_client, rules_2026):
    response = admin_client.get(_changelist())
    assert response.status_code == 200
    assert "column-status" in response.content.decode() and "column-version" in response.content.decode()


def test_admin_change_page_of_a_published_version_saves_only_the_notes(admin_client, admin_user, rules_2026):
    url = reverse("admin:incidents_incidentruleset_change", args=[rules_2026.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"verification": "confirmed against the gazette", "review_hours_minor": 4})
    assert response.status_code == 302
    rules_2026.refresh_from_db()
    assert (rules_2026.verification, rules_2026.review_hours_minor) == ("confirmed against the gazette", 8)
    event = IncidentRuleSetEvent.objects.get(kind="updated")
    assert (event.actor, list(event.after)) == (admin_user, ["verification"])


def test_refusals_are_in_traditional_chinese_on_chinese_pages(rules_2026, users):
    from django.utils import translation

    draft = ruleset_new_version(rule_set=rules_2026, acting_user=users["admin"], now=NOW)
    with translation.override("zh-hant"), pytest.raises(ValidationError) as refused:
        ruleset_publish(rule_set=draft, acting_user=users["admin"], now=NOW)
    with translation.override("zh-hant"):
        assert refused.value.messages == [
            "新版本的生效日須晚於 2026-01-05 的生效日（2026-01-07）：請將生效日期設定得更晚。"
        ]
