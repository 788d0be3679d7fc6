"""Pure ReportLab renderers: frozen report data (reports.data) in, PDF bytes out. No ORM, no settings, no now()."""
