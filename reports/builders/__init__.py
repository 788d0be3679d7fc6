"""ORM → frozen report data (reports.data). The only place reports query. One module per report kind."""
