"""The patient's own pages: "my application" (opened with a reference and a one-time code, on
any phone), "finish" on a shared phone, and the privacy notice. Thin: the work is in
services.patient_access, services.patient_rights and services.erasure."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recruitment import ratelimit
from recruitment.access_forms import CodeForm, ContactCorrectionForm, EraseForm, FindApplicationForm
from recruitment.consent import OPTIONAL_CONSENTS, givable_later, text_of
from recruitment.models import Application, ConsentPurpose
from recruitment.pipeline import Status
from recruitment.recently_sent import (
    erased_here,
    forget,
    forget_erased,
    keep_until_browser_closes,
    opened_application_id,
    remember_opened,
)
from recruitment.respondent import Respondent
from recruitment.services import contact_changes, erasure, patient_access, patient_rights
from recruitment.services.patient_messages import study_team_contact

PENDING = "pending_access"
CHECKING = "checking_address"  # the code sent to a new phone or e-mail, in this browser

# Each status in the patient's words: what it means for them.
STATUS_WORDS = {
    Status.NEW: gettext_lazy(
        "Received. The study team has not called you yet; they usually do within a few working days."
    ),
    Status.CONTACTED: gettext_lazy("The study team has been in touch with you."),
    Status.PRESCREEN_PASSED: gettext_lazy(
        "The study team checked your answers with you; the next step is an invitation to a screening visit."
    ),
    Status.REFERRED: gettext_lazy("You are invited to a screening visit at the study site."),
    Status.ENROLLED: gettext_lazy("You have joined the trial."),
    Status.NOT_ELIGIBLE: gettext_lazy("Closed: the study team found that this trial is not right for you."),
    Status.DECLINED: gettext_lazy("Closed: you decided not to go on."),
    Status.UNREACHABLE: gettext_lazy(
        "The study team could not reach you. Check your phone number below, or call them."
    ),
    Status.WITHDRAWN: gettext_lazy("Closed: you withdrew. The study team will not contact you about it."),
}


def _posted(request):
    """The submitted data, or None for a GET (an empty POST is still a submission to check)."""
    return request.POST if request.method == "POST" else None


def _opened(request):
    """The application this browser opened with a code, while it is open; never an erased one."""
    pk = opened_application_id(request)
    if pk is None:
        return None
    return (
        Application.objects.select_related("trial__sponsor", "site", "contact")
        .prefetch_related("consents")
        .filter(pk=pk, erased_at=None)
        .first()
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    form = FindApplicationForm(_posted(request), initial={"reference": request.GET.get("ref", "")})
    if form.is_valid():
        throttle = ratelimit.signup_throttle(request, group="access-code", rate=settings.ACCESS_CODE_RATE_LIMIT)
        request.session[PENDING] = patient_access.ask_for_code(
            reference=form.cleaned_data["reference"], address=form.cleaned_data["address"], throttle=throttle
        )
        keep_until_browser_closes(request)
        return redirect("recruitment:my_code")
    return render(request, "my/start.html", {"form": form}, status=400 if form.is_bound else 200)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def code(request):
    if PENDING not in request.session:
        return redirect("recruitment:my_start")
    form = CodeForm(_posted(request))
    if form.is_valid():
        application = patient_access.check_code(request.session.get(PENDING), form.cleaned_data["code"])
        if application is not None:
            remember_opened(request, application.pk)
            request.session.pop(PENDING, None)
            return redirect("recruitment:my_home")
        form.add_error(
            "code", _("This code is not right, or it has expired. Check the message, or ask for a new code.")
        )
    return render(
        request,
        "my/code.html",
        {"form": form, "minutes": patient_access.CODE_MINUTES},
        status=400 if form.is_bound else 200,
    )


def _updated(request):
    """What the patient just did, said back in words: which consent, not only "a consent"."""
    updated = request.GET.get("updated", "")
    purpose = request.GET.get("purpose", "")
    if purpose in OPTIONAL_CONSENTS:
        return updated, ConsentPurpose(purpose).label
    return updated, None


def _home(request, application, *, contact_form=None, confirm_form=None, status=200):
    consents = list(application.consents.all())
    in_force = {c.purpose for c in consents if c.withdrawn_at is None}
    open_ = patient_rights.still_in_pipeline(application)
    for_child = application.respondent == Respondent.PARENT  # the words the parent agreed to
    updated, updated_consent = _updated(request)
    context = {
        "application": application,
        "status_words": STATUS_WORDS[Status(application.status)],
        "can_withdraw": open_,
        "team": study_team_contact(application),
        "consents": [(c, text_of(c.purpose, application.trial, for_child=for_child)) for c in consents],
        "withdrawable": [p for p in OPTIONAL_CONSENTS if p in in_force],
        "givable": [
            (p, text_of(p, application.trial, for_child=for_child))
            for p in givable_later(application.trial)
            if open_ and p not in in_force
        ],
        "contact_form": contact_form
        or ContactCorrectionForm(
            initial={
                "phone": application.contact.phone,
                "email": application.contact.email,
                "best_time_to_call": application.contact.best_time_to_call,
            }
        ),
        "updated": updated,
        "updated_consent": updated_consent,
        "checking": contact_changes.pending_address(application, request.session.get(CHECKING)),
        "confirm_form": confirm_form or CodeForm(),
        "minutes": patient_access.CODE_MINUTES,
    }
    return render(request, "my/home.html", context, status=status)


@never_cache
@require_safe
def home(request):
    application = _opened(request)
    if application is None:
        return _closed(request)
    return _home(request, application)


def _closed(request):
    """Nothing open in this browser: deleted, if it was deleted here; otherwise closed for privacy."""
    if erased_here(request):
        return redirect("recruitment:my_erased")
    return redirect(f"{reverse('recruitment:my_start')}?expired=1")


def _with_opened(view):
    """A POST on "my application": only while it is open in this browser."""

    def wrapper(request, *args, **kwargs):
        application = _opened(request)
        if application is None:
            return _closed(request)
        return view(request, application, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return never_cache(require_POST(wrapper))


def _done(what, purpose=""):
    return HttpResponseRedirect(
        f"{reverse('recruitment:my_home')}?updated={what}" + (f"&purpose={purpose}" if purpose else "")
    )


@_with_opened
def correct_contact(request, application):
    form = ContactCorrectionForm(request.POST)
    if not form.is_valid():
        return _home(request, application, contact_form=form, status=400)
    try:
        checking = contact_changes.ask_to_correct(application, **form.cleaned_data)
    except contact_changes.CorrectionRefused as refused:
        form.add_error(None, str(refused))
        return _home(request, application, contact_form=form, status=400)
    if checking is not None:  # a code went to the new address: typed back, it replaces the old one
        request.session[CHECKING] = checking
        return HttpResponseRedirect(f"{reverse('recruitment:my_home')}#confirm-address")
    return _done("contact")


@_with_opened
def confirm_address(request, application):
    """The code sent to a new phone or e-mail, typed back: the address is used from now on."""
    form = CodeForm(request.POST)
    if form.is_valid():
        if contact_changes.confirm_address(application, request.session.get(CHECKING), form.cleaned_data["code"]):
            request.session.pop(CHECKING, None)
            return _done("contact")
        form.add_error(
            "code", _("This code is not right, or it has expired. Check the message, or save the new address again.")
        )
    return _home(request, application, confirm_form=form, status=400)


@_with_opened
def withdraw_consent(request, application):
    purpose = request.POST.get("purpose", "")
    if purpose in OPTIONAL_CONSENTS:
        patient_rights.withdraw_consent(application, purpose)
        return _done("consent", purpose)
    return _done("")


@_with_opened
def give_consent(request, application):
    purpose = request.POST.get("purpose", "")
    if purpose in givable_later(application.trial) and patient_rights.give_consent(application, purpose):
        return _done("consent-given", purpose)
    return _done("")


@_with_opened
def withdraw(request, application):
    patient_rights.withdraw(application)
    return _done("withdrawn")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request):
    application = _opened(request)
    if application is None:
        return _closed(request)
    form = EraseForm(_posted(request))
    if form.is_valid():
        erasure.erase(application, by_patient=True, reason="asked for on my application")
        forget_erased(request)
        return redirect("recruitment:my_erased")
    return render(
        request, "my/erase.html", {"form": form, "application": application}, status=400 if form.is_bound else 200
    )


@never_cache
@require_safe
def erased(request):
    return render(request, "my/erased.html")


@never_cache
@require_POST
def finish(request):
    """ "Finish: forget me on this device": whatever this browser held of the patient goes."""
    forget(request)
    return redirect("recruitment:finished")


@require_safe
def finished(request):
    return render(request, "my/finished.html")


@require_safe
def privacy(request):
    context = {
        "operator": settings.PORTAL_OPERATOR,
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "contact_phone": settings.PORTAL_CONTACT_PHONE,
        "retention_months": round(settings.RETENTION_DAYS / 30.44),
        "purposes": ConsentPurpose,
    }
    return render(request, "privacy.html", context)
