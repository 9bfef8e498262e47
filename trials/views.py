from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db import transaction
from django.db.models import Case, Prefetch, When
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from recruitment import language, ratelimit
from recruitment.conditions import condition_of, is_installed
from recruitment.selectors import campaigns_for
from trials import catalog_cache, qr
from trials.campaign_cookie import remember_campaign, remember_scan, scanned_today
from trials.forms import TrialFilterForm
from trials.geo import nearest_first
from trials.models import Campaign, Site, Trial, open_for_signup_q
from trials.services import record_campaign_scan
from trials.signup import signup_trial


def _recruiting_sites():
    sites = Site.objects.open_for_signup().order_by("country", "city", "facility")
    return Prefetch("sites", queryset=sites, to_attr="recruiting_sites")


def open_trials(*, exclude=None, condition=None):
    """Trials open for sign-up, of `condition` when it is one the portal serves (else of any)."""
    trials = Trial.objects.open_for_signup().select_related("sponsor").order_by("title")
    if exclude is not None:
        trials = trials.exclude(pk=exclude.pk)
    if condition and is_installed(condition):
        trials = trials.filter(condition=condition)
    return trials


def _canonical_filters(request) -> str | None:
    """The list's query string as the cache files it: the filters given a value, each once, in
    order, plainly encoded. None where the page is not cached: a name the form does not know
    (even empty), one given twice, a value it refuses, or a browser's position (anyone's own)."""
    if not request.GET:
        return ""
    names = set(request.GET)
    if not names <= set(TrialFilterForm.base_fields) or any(len(request.GET.getlist(n)) > 1 for n in names):
        return None
    given = {name: value for name, value in request.GET.items() if value}  # the form sends empties
    if given.keys() & {"lat", "lon"} or not TrialFilterForm(request.GET).is_valid():
        return None
    return urlencode(sorted(given.items()))


def _cacheable_list(request) -> bool:
    """Only the canonical spelling of a filter is kept: one copy per filter whatever the order,
    the empties or the percent-encoding a link used (`trial_list` sends the others to it)."""
    return _canonical_filters(request) == request.META.get("QUERY_STRING", "")


def _nearest_sites_first(trials, origin):
    """Each trial's recruiting sites nearest first, and the trials by their nearest site: a patient
    who said where they are reads first what they could reach. Trials open for sign-up stay
    before the others (`open_first`), and a trial without a located site goes last among them."""
    trials = list(trials)
    for trial in trials:
        trial.recruiting_sites = nearest_first(trial.recruiting_sites, origin)

    def nearest(trial):
        distances = [site.distance_km for site in trial.recruiting_sites if site.distance_km is not None]
        return min(distances) if distances else float("inf")

    return sorted(trials, key=lambda trial: (not trial.is_open_for_signup, nearest(trial)))


def near_query(request) -> str:
    """The "near" part of this page's query string, carried to the pages it links to."""
    form = TrialFilterForm(request.GET)
    if not form.is_valid():
        return ""
    return urlencode(
        {
            name: form.cleaned_data[name]
            for name in ("near", "lat", "lon")
            if form.cleaned_data.get(name) not in (None, "")
        }
    )


@require_safe
@catalog_cache.cached_page(_cacheable_list)
def trial_list(request):
    canonical = _canonical_filters(request)
    if canonical is not None and canonical != request.META.get("QUERY_STRING", ""):
        return redirect(f"{request.path}?{canonical}" if canonical else request.path)
    form = TrialFilterForm(request.GET or None)
    trials = Trial.objects.select_related("sponsor").prefetch_related(_recruiting_sites()).open_first()
    trials = form.filter(trials)
    origin = form.origin()
    if origin is not None:
        trials = _nearest_sites_first(trials, origin)
    return render(
        request,
        "trials/list.html",
        {"form": form, "trials": trials, "near": near_query(request), "origin": origin},
    )


@require_safe
@catalog_cache.cached_page(lambda request: not request.GET)  # measured from somewhere, the reader's own
def trial_detail(request, slug):
    signup = signup_trial(slug)  # the trial, cached with what its sign-up needs
    if signup is None:
        raise Http404
    trial = signup.trial
    sites: Iterable[Site]
    sites = trial.sites.annotate(closed=Case(When(open_for_signup_q(), then=0), default=1)).order_by(
        "closed", "country", "city"
    )
    form = TrialFilterForm(request.GET or None)
    origin = form.origin() if request.GET else None
    if origin is not None:
        sites = [site for site in nearest_first(sites, origin) if site.is_open_for_signup] + [
            site for site in sites if not site.is_open_for_signup
        ]
    context = {
        "trial": trial,
        "sites": sites,
        "near_form": form,
        "near": near_query(request),
        "origin": origin,
        "signup_url": qr.signup_url(trial),
        "other_open_trials": [] if trial.is_open_for_signup else open_trials(exclude=trial, condition=trial.condition),
    }
    return render(request, "trials/detail.html", context)


def _qr_response(request, url, fmt):
    if fmt not in qr.FORMATS:
        raise Http404
    etag = f'"{qr.etag_for(url, fmt)}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    response = HttpResponse(qr.qr_image(url, fmt), content_type=qr.FORMATS[fmt])
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def trial_qr(request, slug, fmt):
    trial = get_object_or_404(Trial, slug=slug)
    return _qr_response(request, qr.signup_url(trial), fmt)


def _campaign_or_unavailable(request, code):
    campaign = Campaign.objects.select_related("trial", "site").filter(code=code.lower()).first()
    if campaign is None or not campaign.is_active:
        # Other trials of the same condition: the patient came for that one.
        context = {
            "campaign": campaign,
            "open_trials": open_trials(condition=campaign.trial.condition if campaign else None),
        }
        # 410 tells crawlers the retired link is gone for good; both pages read the same to people.
        status = 404 if campaign is None else 410
        return None, render(request, "trials/campaign_unavailable.html", context, status=status)
    return campaign, None


def campaign_link(request, code):
    """A campaign's short link: count the scan, then send the patient to the trial's sign-up."""
    campaign, unavailable = _campaign_or_unavailable(request, code)
    if unavailable:
        return unavailable
    # A Chinese poster opens the portal in Chinese, even on a phone set to English; the switcher
    # on every page still changes it. Without a language of its own, the reader's.
    with translation.override(campaign.language or translation.get_language()):
        response = remember_campaign(redirect(campaign.trial.get_signup_path()), campaign)
    today = timezone.localdate().isoformat()
    if request.method in ("GET", "HEAD") and not scanned_today(request, campaign, today):
        if _scan_counts(request):
            record_campaign_scan(campaign)
        remember_scan(request, response, campaign, today)
    if campaign.language:
        # Remembered for the addresses without a language the patient may open next.
        language.choose(response, campaign.language)
    return response


def _scan_counts(request) -> bool:
    """Whether this address may still add scans: a script that drops its cookie cannot inflate a
    poster's count beyond SCAN_RATE_LIMIT an hour (the patient is sent on either way)."""
    throttle = ratelimit.signup_throttle(request, group="scan", rate=settings.SCAN_RATE_LIMIT)
    with transaction.atomic():
        return ratelimit.count_hit(throttle, timezone.now()) <= throttle.limit


@require_safe
def campaign_qr(request, code, fmt):
    campaign = get_object_or_404(Campaign, code=code.lower())
    return _qr_response(request, qr.absolute_url(campaign.get_short_path()), fmt)


@staff_member_required
@require_safe
def campaign_poster(request, code):
    # Scoped like the campaign's admin page: a coordinator prints only their own trials' posters.
    campaigns = campaigns_for(request.user, Campaign.objects.select_related("trial", "trial__sponsor", "site"))
    campaign = get_object_or_404(campaigns, code=code)
    if campaign.language:
        # Printed in the language of the people it is for, whatever the coordinator reads admin in.
        translation.activate(campaign.language)
    short_url = qr.absolute_url(campaign.get_short_path())
    context = {
        "campaign": campaign,
        "trial": campaign.trial,
        "poster_question": condition_of(campaign.trial).poster_question,
        "short_url": short_url,
        "short_url_display": short_url.split("://", 1)[-1],
        "qr_path": reverse("codes:campaign_qr", kwargs={"code": campaign.code, "fmt": "svg"}),
    }
    return render(request, "trials/poster.html", context)
