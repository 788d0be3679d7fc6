from django.urls import path

from audits.views import audits, calendar, checklist, plans

app_name = "audits"

_ACTION_URLS = [
    path(f"<int:audit_id>/{name.replace('_', '-')}/", audits.audit_action_view, {"action": name}, name=name)
    for name in audits.ACTIONS
]

urlpatterns = [
    path("", plans.plan_list_view, name="plan_list"),
    path("calendar/", calendar.calendar_view, name="calendar"),
    path("calendar/feed/", calendar.calendar_feed_create_view, name="calendar_feed_create"),
    path("calendar/feed/revoke/", calendar.calendar_feed_revoke_view, name="calendar_feed_revoke"),
    path("plans/new/", plans.plan_create_view, name="plan_create"),
    path("plans/<int:plan_id>/", plans.plan_detail_view, name="plan_detail"),
    path("plans/<int:plan_id>/edit/", plans.plan_edit_view, name="plan_edit"),
    path("plans/<int:plan_id>/schedule/", plans.plan_schedule_view, name="plan_schedule"),
    path("plans/<int:plan_id>/approve/", plans.plan_approve_view, name="plan_approve"),
    path("<int:audit_id>/", audits.audit_detail_view, name="audit_detail"),
    path("<int:audit_id>/checklist/", checklist.checklist_view, name="checklist"),
    path("<int:audit_id>/checklist.odt", checklist.checklist_odt_view, name="checklist_odt"),
    path("<int:audit_id>/checklist/answer/", checklist.answer_save_view, name="answer_save"),
    path("<int:audit_id>/improvement/", checklist.improvement_view, name="improvement"),
    *_ACTION_URLS,
]
