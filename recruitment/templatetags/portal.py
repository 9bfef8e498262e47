from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext, ngettext

from recruitment import language
from recruitment.conditions import installed
from recruitment.language import join_list
from recruitment.screening import wording

register = template.Library()


@register.filter
def in_language(result: dict) -> str:
    """A criterion's words from an evaluation snapshot, in the page's language when it has them."""
    return wording.criterion_text(result)


@register.filter
def reason_in_language(result: dict) -> str:
    """Why a criterion came out as it did, from an evaluation snapshot, in the page's language."""
    return wording.reason_text(result)


@register.filter
def untranslated(trial) -> list[str]:
    """The trial's patient texts that have no version in the page's language (shown in English)."""
    return trial.untranslated_texts(get_language())


@register.filter
def places(sites, limit=3) -> str:
    """Where a trial recruits, for a card: the first few places, each once, then how many more."""
    seen = list(dict.fromkeys(site.place for site in sites))
    shown = join_list(seen[:limit])
    if len(seen) > limit:
        return ngettext("%(places)s and %(n)d more place", "%(places)s and %(n)d more places", len(seen) - limit) % {
            "places": shown,
            "n": len(seen) - limit,
        }
    return shown


@register.filter
def has_translation(result: dict) -> bool:
    """Whether a criterion snapshot has words in the page's language (else the English shows)."""
    return wording.has_translation(result)


@register.simple_tag
def conditions_served() -> str:
    """The conditions the portal serves, in a sentence of the reader's language ("a, b and c"),
    from the registry of conditions rather than written into the templates."""
    labels = [(lambda text: text[:1].lower() + text[1:])(str(c.label)) for c in installed()]
    if len(labels) == 1:
        return labels[0]
    return gettext("%(first)s and %(last)s") % {"first": join_list(labels[:-1]), "last": labels[-1]}


@register.simple_tag
def operator_name() -> str:
    """Who runs the portal (settings.PORTAL_OPERATOR), for every footer."""
    return settings.PORTAL_OPERATOR


@register.simple_tag
def filings() -> list[tuple[str, str]]:
    """The site's filing numbers in mainland China, each with its official lookup (settings)."""
    shown = []
    if settings.ICP_FILING:
        shown.append((settings.ICP_FILING, "https://beian.miit.gov.cn/"))
    if settings.PUBLIC_SECURITY_FILING:
        code = "".join(character for character in settings.PUBLIC_SECURITY_FILING if character.isdigit())
        shown.append((settings.PUBLIC_SECURITY_FILING, f"https://beian.mps.gov.cn/#/query/webSearch?code={code}"))
    return shown


@register.simple_tag(takes_context=True)
def address_in(context, code: str) -> str:
    """This page's address in language `code`, or "" where the address names no language (staff
    pages: the switcher posts the choice there)."""
    request = context.get("request")
    if request is None or not translation.get_language_from_path(request.path_info):
        return ""
    return language.address_in(_page(request), code)


def _page(request) -> str:
    query = request.GET.copy()
    for name in ("lat", "lon"):  # a phone's exact position never goes into a link (trials.forms)
        query.pop(name, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


@register.simple_tag(takes_context=True)
def switch_link(context, code: str) -> str:
    """The switcher's link to this page in language `code`, through the view that remembers it."""
    request = context["request"]
    return reverse("switch_language", args=[code]) + "?" + urlencode({"next": _page(request)})
