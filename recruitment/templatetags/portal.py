from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def in_language(result: dict) -> str:
    """A criterion's words from an evaluation snapshot, in the page's language when it has them."""
    return (result.get("translations") or {}).get(get_language(), result.get("patient_text", ""))
