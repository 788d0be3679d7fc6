"""Dashboards, compliance pages and their exports: thin views over reports.dashboards / reports.figures."""
