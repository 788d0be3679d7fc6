"""The release's tables as JSON for the database (the reviewers' view of what was suppressed and why)."""

import json
from dataclasses import asdict

from django.core.serializers.json import DjangoJSONEncoder

from opendata.builders import ReleaseData


def dump(data: ReleaseData) -> dict:
    return json.loads(json.dumps(asdict(data), cls=DjangoJSONEncoder))
