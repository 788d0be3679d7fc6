"""The schema and the interactive documentation, public (they describe the interface, never data; the
API itself needs a token or a session). Swagger UI comes from drf-spectacular-sidecar's local static files
(no CDN), in the split view whose script is a separate file, so the site's strict CSP holds. (Redoc was left
out: its bundle loads a logo from its vendor's CDN and needs inline styles.)"""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

PUBLIC = {"permission_classes": [AllowAny], "authentication_classes": []}

schema_view = SpectacularAPIView.as_view(**PUBLIC)
swagger_view = SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html", **PUBLIC)
