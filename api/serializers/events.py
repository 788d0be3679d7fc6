"""The audit trail's rows as the trail page shows them (access/trail.py, access/trail_display.py)."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from access.trail import source_choices


class TrailChangeSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="Field or key, in the request's language.")
    before = serializers.CharField(required=False, help_text="Shown value before (`—` for none).")
    after = serializers.CharField(required=False, help_text="Shown value after (`—` for none).")
    value = serializers.CharField(required=False, help_text="A detail without before/after.")


class TrailEventSerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    source = serializers.ChoiceField(choices=source_choices(), help_text="The event table the row comes from.")
    source_label = serializers.CharField()
    kind = serializers.CharField(help_text="The event kind within its source (e.g. `level_approved`).")
    kind_label = serializers.CharField()
    actor = serializers.CharField(source="actor_name", allow_null=True, help_text="Username of the acting user.")
    actor_label = serializers.CharField(help_text="The acting user's name.")
    object_type = serializers.CharField(allow_null=True, help_text="`agency`, `user`, `incident`, `app.model`, …")
    object_ref = serializers.CharField(allow_null=True, help_text="The object's id.")
    object_label = serializers.CharField()
    ip = serializers.CharField(allow_null=True, help_text="Client address of the request that wrote the event.")
    changes = TrailChangeSerializer(many=True)
    data = serializers.SerializerMethodField(help_text="The event's recorded data (before/after and details).")

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_data(self, row) -> dict:
        raw = row.get("data")
        if isinstance(raw, str):  # a union's JSON column may come back as text
            try:
                raw = json.loads(raw)
            except ValueError:
                return {}
        return raw if isinstance(raw, dict) else {}
