"""``{{ citation|public_text }}``: stored text without internal markers, with ROC years on Chinese pages
(common/display.py)."""

from django import template
from django.utils import translation

from common.display import public_text as _public_text

register = template.Library()


@register.filter
def public_text(value):
    if value in (None, ""):
        return ""
    return _public_text(str(value), chinese=(translation.get_language() or "").startswith("zh"))
