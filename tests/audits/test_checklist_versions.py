"""Checklist templates are versioned data: a published version cannot be edited in the admin (a change is a
new version), a draft can; a version in use cannot be deleted."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from audits.models import ChecklistTemplate

pytestmark = pytest.mark.django_db


def _admin_request(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    return request


def test_published_version_is_read_only_and_a_draft_is_not(admin_user):
    model_admin = site._registry[ChecklistTemplate]
    published = ChecklistTemplate.objects.get(name__startswith="115年度", version=1)
    request = _admin_request(admin_user)
    assert set(model_admin.get_readonly_fields(request, published)) >= {"name", "version", "status", "effective_from"}
    inline = model_admin.get_inline_instances(request, published)[0]
    assert not inline.has_change_permission(request, published)
    draft = ChecklistTemplate.objects.create(
        name=published.name, version=2, audience="government", effective_from=published.effective_from
    )
    assert "name" not in model_admin.get_readonly_fields(request, draft)
    assert inline.has_change_permission(request, draft)
    assert model_admin.has_delete_permission(request, draft)
    assert not model_admin.has_delete_permission(request, published)
