"""Validators shared by forms and imports."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVISIBLE_CHARACTERS = _(
    "This value contains invisible control characters (such as a right-to-left override); remove them."
)


def has_invisible_characters(value: str) -> bool:
    """Control characters (tab and line breaks excepted) and invisible format characters: bidirectional
    overrides and isolates (U+202A–U+202E, U+2066–U+2069), zero-width spaces and joiners, the BOM. In a name
    they make "‮gpj.exe" read as "exe.jpg" or two different names look the same (issue 9)."""
    return any(
        (category == "Cc" and char not in "\t\n\r") or category == "Cf"
        for char in value
        for category in (unicodedata.category(char),)
    )


def validate_no_invisible_characters(value) -> None:
    if isinstance(value, str) and has_invisible_characters(value):
        raise ValidationError(INVISIBLE_CHARACTERS, code="invisible_characters")
