from reports.urls_dashboards import urlpatterns as dashboard_patterns
from reports.urls_documents import urlpatterns as document_patterns

app_name = "reports"
urlpatterns = [*dashboard_patterns, *document_patterns]
