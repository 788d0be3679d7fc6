"""The schema and the interactive documentation, public (they describe the interface, never data; the
API itself needs a token or a session). Swagger UI and Redoc come from drf-spectacular-sidecar's local
static files (no CDN); Redoc's inline styles need ``style-src 'unsafe-inline'`` on its page only."""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

PUBLIC = {"permission_classes": [AllowAny], "authentication_classes": []}

schema_view = SpectacularAPIView.as_view(**PUBLIC)
swagger_view = SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html", **PUBLIC)
redoc_view = method_decorator(csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]}), name="dispatch")(
    SpectacularRedocView
).as_view(url_name="api-schema", template_name="api/redoc.html", **PUBLIC)
