"""Generated documents: the per-sector compliance PDFs and the other reports, batches, verification."""

urlpatterns: list = []
