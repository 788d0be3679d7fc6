"""What an incident attachment may be: the allow-list and the message; the check itself is common/uploads.py
(type decided by content, the name's extension agreeing with it, issue 9)."""

from django.utils.translation import gettext_lazy as _

from common import uploads

ALLOWED = uploads.ATTACHMENTS  # PDF, images (PNG, JPEG, GIF), plain text/CSV/log, Office/ODF, ZIP archives
TYPE_NOT_ALLOWED = _(
    "This file type is not accepted. Attach PDF, PNG, JPEG, GIF, plain text/CSV/log, "
    "Office/OpenDocument files or ZIP archives."
)
