"""Dashboards and compliance pages (one per role), their exports."""

urlpatterns: list = []
