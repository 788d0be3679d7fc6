"""Pick a registered body by what people know of it — its name or its government OID — never by a
database id typed by hand. The field resolves the typed text within a queryset the view scopes to the
user's visibility; the widget suggests matches as one types (a datalist filled from the registry's
search endpoint, ``static/js/csma.js``), and still works without JavaScript (type the name or OID)."""

import re

from django import forms
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

_OID_AT_END = re.compile(r"\(([0-9.]+)\)\s*$")


def choice_text(name: str, oid: str | None) -> str:
    """How a suggestion reads, and what the field accepts back: "財政部臺北國稅局 (2.16.886.101.20003.20001)"."""
    return f"{name} ({oid})" if oid else name


def agency_choice_text(agency) -> str:
    return choice_text(agency.name, agency.oid)


class AgencyPickerWidget(forms.TextInput):
    def __init__(self, *, search_url: str = "", attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.search_url = search_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}-options"
        widget_attrs["data-agency-search"] = str(self.search_url)
        widget_attrs.setdefault("placeholder", str(_("Type a name or OID")))
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', name)}-options"
        return html + format_html('<datalist id="{}"></datalist>', list_id)

    def format_value(self, value):
        if hasattr(value, "name"):
            return agency_choice_text(value)
        return super().format_value(value)


class AgencyPickerField(forms.CharField):
    """Cleans "name", "OID" or "name (OID)" to one agency of ``queryset``."""

    default_error_messages = {
        "unknown": _("No agency you can choose is called “%(value)s”. Type part of its name or its OID and pick one."),
        "ambiguous": _("Several agencies are called “%(value)s”. Pick one from the list (it adds the OID)."),
    }

    def __init__(self, *, queryset=None, search_url: str = "", **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("widget", AgencyPickerWidget(search_url=search_url))
        super().__init__(**kwargs)
        self.queryset = queryset

    def prepare_value(self, value):
        return agency_choice_text(value) if hasattr(value, "name") else value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        oid = _OID_AT_END.search(text)
        if oid:
            matches = self.queryset.filter(oid=oid.group(1))
        else:
            matches = self.queryset.filter(Q(oid=text) | Q(name=text))
        found = list(matches[:2])
        if not found:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"value": text})
        if len(found) > 1:
            raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"value": text})
        return found[0]


def agency_search(queryset, text: str, *, limit: int = 20) -> list[dict]:
    """Suggestions for the picker: name or OID contains the text, shortest names first."""
    text = (text or "").strip()
    if not text:
        return []
    rows = (
        queryset.filter(Q(name__icontains=text) | Q(oid__startswith=text))
        .annotate(name_length=Length("name"))
        .order_by("name_length", "name")
        .values("name", "oid")[:limit]
    )
    return [{"label": choice_text(row["name"], row["oid"]), "name": row["name"], "oid": row["oid"]} for row in rows]
