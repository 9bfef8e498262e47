"""The patient's side: the screening questionnaire and what happens after it."""

import contextlib
import functools
import math

from django import forms
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recruitment import language, ratelimit
from recruitment.access_forms import CodeForm
from recruitment.conditions import condition_of
from recruitment.consent import REMINDER_TEXT
from recruitment.forms import (
    identity_from_application,
    initial_from_answers,
    initial_from_application,
    questionnaire_for,
)
from recruitment.models import Application, Channel, Reminder
from recruitment.patient_dates import patient_today
from recruitment.ratelimit import Throttled
from recruitment.recently_sent import (
    keep_until_browser_closes,
    recent_applications,
    remember_reopened,
    remember_sent,
    sent_here,
)
from recruitment.respondent import FOR_CHILD_PARAMETER, FOR_CHILD_VALUE, Respondent
from recruitment.screening.build import screening_answers
from recruitment.screening.eligibility import Verdict, evaluate
from recruitment.screening.kinds import all_kinds
from recruitment.screening.later import STOPPING
from recruitment.services import patient_access, reminders
from recruitment.services.applications import NoLongerOpen, submit_application
from trials import catalog_cache
from trials.campaign_cookie import campaign_code
from trials.forms import TrialFilterForm
from trials.geo import nearest_first
from trials.models import Campaign, Criterion, Trial
from trials.signup import read_signup_trial, signup_trial
from trials.views import open_trials


def _own_application(request, reference, **filters):
    """An application submitted from this browser recently, or None: a reference is
    never enough on its own to see someone's answers."""
    if not reference:
        return None
    return _own_applications(request, **filters).filter(reference=reference).first()


def _own_applications(request, **filters):
    return (
        Application.objects.select_related("trial", "site", "contact")
        .prefetch_related("treatments")
        .filter(pk__in=recent_applications(request), erased_at=None, **filters)
    )


def _campaign_for(signup, code):
    """The trial's active campaign the patient came through, if any: from the campaigns kept with
    the trial (a broadcast's thousands of sign-ups need no query each), else, for a campaign made
    since they were read, from the database."""
    if not code:
        return None
    code = code.strip().lower()
    kept = signup.campaigns.get(code)
    if kept is not None:
        return kept
    return Campaign.objects.filter(trial=signup.trial, code=code, is_active=True).first()


def _render_form(
    request, trial, form, *, for_child=None, status=200, error=None, notice=None, blank=False, version=None
):
    """`blank`: the empty questionnaire, the same for everyone reading this language this year
    in the same voice (the CSRF token is outside the cached part): the only one cached. Answers,
    errors or a prefill are never cached. `for_child`: a parent answers for a child; given for
    the blank questionnaire (reading it off the form would make it), else the form's."""
    for_child = form.for_child if for_child is None else for_child
    respondent = Respondent.PARENT if for_child else Respondent.PATIENT
    context = {
        "trial": trial,
        "form": form,
        "error": error,
        "notice": notice,
        "problems": [] if blank else _problems(form),
        "condition": condition_of(trial),
        # The language switcher sends the answers typed so far with it (see `_switch_language`).
        "answers_form_id": "screening-form",
        "for_child": for_child,
        **catalog_cache.fragment_context(
            version if blank else None, "questionnaire", trial.slug, patient_today().year, respondent
        ),
    }
    return render(request, "recruitment/apply.html", context, status=status)


def _problems(form):
    """Each answer to correct, with the id of the control a link to it should reach."""
    if not form.is_bound or not form.errors:
        return []
    problems = []
    for name, errors in form.errors.items():
        if name == "__all__":
            problems += [{"id": "screening-form", "label": "", "message": message} for message in errors]
            continue
        field = form[name]
        grouped = getattr(field.field.widget, "allow_multiple_selected", False) or field.widget_type == "radioselect"
        # A consent's label is its whole text: the message alone names it.
        label = "" if isinstance(field.field, forms.BooleanField) else field.label
        # The link reaches the field's group (crispy's div_<id>), its label or legend on top: a jump
        # to the input itself puts the label above the screen's edge. The script then focuses the input.
        problems.append(
            {
                "id": f"div_{field.auto_id}",
                "focus": f"{field.auto_id}_0" if grouped else field.auto_id,
                "label": label,
                # A label that is a question ends with its own mark: no colon after "？".
                "question": str(label).rstrip().endswith(("?", "？")),
                "message": errors[0],
            }
        )
    return problems


def carried_over(earlier, trial, *, identity: bool) -> str:
    """What the questionnaire filled in from the patient's earlier application, and what they
    must give again, said at its top."""
    if not identity:
        return _(
            "Filled in from your application %(reference)s: your answers. For your privacy on this device, "
            "please type your name, date of birth and contact details again, choose a study site and tick "
            "the consents: consents are given for each trial."
        ) % {"reference": earlier.reference}
    if earlier.trial.condition == trial.condition:
        return _(
            "Filled in from your application %(reference)s: all your answers, your name, date of birth "
            "and contact details. Please check them, choose a study site and tick the consents again: "
            "consents are given for each trial."
        ) % {"reference": earlier.reference}
    return _(
        "Filled in from your application %(reference)s: your answers about yourself and the treatments "
        "you tried, your name, date of birth and contact details. This trial is for %(condition)s: "
        "please answer its questions. Then choose a study site and tick the consents again: consents "
        "are given for each trial."
    ) % {"reference": earlier.reference, "condition": condition_of(trial).label}


def _switch_language(request, signup, code):
    """The questionnaire again in another language, with every answer typed so far (the switcher
    on this page submits them: it works without JavaScript, and nothing is validated or stored)."""
    previous = get_language()
    initial = initial_from_answers(questionnaire_for(signup.trial), request.POST)
    # An answer other than the page's language was chosen; so was one the page's script saw picked,
    # and one kept through an earlier switch. Any other follows the language the patient now reads.
    chosen = request.POST.get("language_chosen") in ("1", "True", "on") or initial.get("language") not in (
        None,
        "",
        previous,
    )
    if not chosen:
        initial["language"] = code
    initial["language_chosen"] = chosen
    translation.activate(code)
    ticked = any(name.startswith("consent_") and value for name, value in request.POST.items())
    # Say why the consents ticked are no longer ticked: the patient reads their text again.
    notice = _("Your answers are kept. Please tick the consents again: you give them to the text you now read.")
    return language.choose(_shown_again(request, signup, initial, notice=notice if ticked else None), code)


def _switch_respondent(request, signup, respondent):
    """The questionnaire again in the other voice (a parent for a child, or the patient), with
    every answer typed so far: the switch submits them, as the language switcher does."""
    # The same consent texts in the same language: the consents ticked stay ticked.
    initial = initial_from_answers(questionnaire_for(signup.trial), request.POST, consents=True)
    initial["respondent"] = respondent
    return _shown_again(request, signup, initial)


def _shown_again(request, signup, initial, *, notice=None):
    form = questionnaire_for(signup.trial)(trial=signup.trial, sites=signup.sites, initial=initial)
    return _render_form(request, signup.trial, form, notice=notice)


def _closed(request, trial, *, status):
    context = {"trial": trial, "open_trials": open_trials(exclude=trial, condition=trial.condition)}
    return render(request, "recruitment/closed.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, slug):
    signup = signup_trial(slug)
    if signup is None:
        raise Http404
    trial = signup.trial
    if not trial.is_open_for_signup:
        # 409 for a refused submission; the page reads the same as the one a GET shows.
        return _closed(request, trial, status=409 if request.method == "POST" else 200)

    form_class = questionnaire_for(trial)
    if request.method != "POST":
        for_child = request.GET.get(FOR_CHILD_PARAMETER) == FOR_CHILD_VALUE
        initial = {"language": get_language(), "respondent": Respondent.PARENT if for_child else Respondent.PATIENT}
        earlier = _own_application(request, request.GET.get("from"))
        origin = TrialFilterForm(request.GET).origin() if set(request.GET) & {"near", "lat", "lon"} else None
        if earlier is not None or origin is not None:
            notice = None
            if earlier is not None:
                initial.update(initial_from_application(earlier, trial=trial))
                identity = sent_here(request, earlier.pk)  # a reminder's code opens the answers only
                if identity:
                    initial.update(identity_from_application(earlier))
                if for_child:  # the address chosen now says who answers this time
                    initial["respondent"] = Respondent.PARENT
                notice = carried_over(earlier, trial, identity=identity)
            # The patient said where they are: the nearest recruiting sites are offered first.
            sites = nearest_first(signup.sites, origin)
            form = form_class(trial=trial, sites=sites, initial=initial)
            return _render_form(request, trial, form, notice=notice)
        # The empty questionnaire is usually rendered from the cache: the form is made only if not.
        offered = signup.sites
        blank = SimpleLazyObject(lambda: form_class(trial=trial, sites=offered, initial=initial))
        return _render_form(request, trial, blank, for_child=for_child, blank=True, version=signup.version)

    if language.is_supported(request.POST.get("switch_language")):
        return _switch_language(request, signup, request.POST["switch_language"])
    if request.POST.get("switch_respondent") in Respondent.values:
        return _switch_respondent(request, signup, request.POST["switch_respondent"])
    form = form_class(request.POST, trial=trial, sites=signup.sites)
    if request.POST.get("website"):
        # Only automated form-fillers see the honeypot field; nothing is stored.
        return render(request, "recruitment/rejected.html", {"trial": trial}, status=400)
    if not form.is_valid():
        return _render_form(
            request,
            trial,
            form,
            error=_("Some answers need your attention. Each one is listed here: follow its link to correct it."),
        )
    throttle = ratelimit.signup_throttle(request)
    try:
        # Only complete submissions count: a patient correcting answers is never throttled.
        application = _submit(request, signup, form, throttle)
    except Throttled:
        # The window runs from the address's first sign-up, which the patient may not know of:
        # promise no shorter wait than the window can take.
        minutes = math.ceil(throttle.period / 60)
        message = ngettext(
            "Several applications were sent from this connection in a short time. You can send again "
            "within %(minutes)d minute at most: your answers are still here.",
            "Several applications were sent from this connection in a short time. You can send again "
            "within %(minutes)d minutes at most: your answers are still here.",
            minutes,
        ) % {"minutes": minutes}
        response = _render_form(request, trial, form, status=429, error=message)
        response["Retry-After"] = str(throttle.period)
        return response
    except NoLongerOpen:
        # The trial or the chosen site closed since the cached copy was read, and the cache was not
        # told (a bulk update, a missed bump): drop it, and read the trial afresh.
        catalog_cache.changed()
        signup = read_signup_trial(slug)
        if signup is None or not signup.trial.is_open_for_signup:
            return _closed(request, trial, status=409)
        # Every answer comes back but the site, which is no longer a choice: the reason shows beside it.
        data = request.POST.copy()
        data["site"] = ""
        form = questionnaire_for(trial)(data, trial=signup.trial, sites=signup.sites)
        message = _(
            "The study site you chose no longer takes applications. Please choose another one; your "
            "other answers are still here."
        )
        form.is_valid()
        form.add_error("site", message)
        return _render_form(request, signup.trial, form, status=409, error=message)
    done = HttpResponseRedirect(_done_path(get_script_prefix(), get_language(), trial.slug))
    return remember_sent(request, done, application.pk)


@functools.lru_cache(maxsize=1024)
def _done_path(script_prefix: str, language_code: str, slug: str) -> str:
    """The confirmation page's address (`script_prefix` and the language key the cache: `reverse`
    reads them too).
    Made once per trial: reversing it walked the URL resolver's tables after every submission's
    database wait, by when they had left the CPU's caches."""
    return reverse("recruitment:apply_done", kwargs={"slug": slug})


def _submit(request, signup, form, throttle):
    trial = signup.trial
    return submit_application(
        trial=trial,
        criteria=signup.criteria,
        application=form.application_fields(),
        condition_answers=form.condition_answers(),
        treatments=form.treatment_rows(),
        contact=form.contact_fields(),
        consents=form.consents_given(),
        site=form.cleaned_data.get("site"),
        campaign=_campaign_for(signup, campaign_code(request)),
        language=form.cleaned_data["language"],
        shown_language=get_language(),
        throttle=throttle,
    )


def _own_latest(request, trial):
    """This browser's most recent application to `trial`, or None."""
    recent = recent_applications(request)
    mine = sorted(_own_applications(request, trial=trial), key=lambda app: recent.index(app.pk))
    return mine[0] if mine else None


def _waiting_for(results: list[dict]) -> str:
    """What a "not yet" waits for besides time (recruitment.screening.later): a treatment still
    used to be stopped comes first, then what a condition names (shaved hair to grow back...); ""
    for time alone. An evaluation stored before this was kept: a washout not yet met with no date
    is a treatment."""
    after = {
        r.get("after") or (STOPPING if r.get("kind") == "washout" and not r.get("met_from") else "")
        for r in results
        if r["result"] == "not_met" and r.get("not_yet")
    }
    return STOPPING if STOPPING in after else min(after - {""}, default="")


@never_cache
@require_safe
def apply_done(request, slug):
    trial = get_object_or_404(Trial, slug=slug)
    application = _own_latest(request, trial)
    if application is None:
        return redirect(trial)
    evaluation = application.evaluations.latest()
    results = evaluation.results
    condition = condition_of(trial)
    waiting_for = _waiting_for(results)
    other_fits = _other_fits(application) if evaluation.verdict != Verdict.LIKELY_ELIGIBLE else []
    applied_to = set(_own_applications(request).values_list("trial_id", flat=True)) if other_fits else set()
    context = {
        "trial": trial,
        "application": application,
        # A parent answered: the page speaks of their child, as the questions did.
        "child": application.respondent == Respondent.PARENT,
        "result_template": condition.result_template,
        "answers": condition.answers_of(application),
        "verdict": evaluation.verdict,
        "not_met": [r for r in results if r["result"] == "not_met"],
        "unknown": [r for r in results if r["result"] == "unknown"],
        "waiting_for": waiting_for,
        "waiting_words": condition.waiting_words.get(waiting_for),
        "other_fits": other_fits,
        # Trials this browser already sent an application to: marked, never offered again.
        "applied_to": applied_to,
        "offer_again": any(fit["trial"].pk not in applied_to for fit in other_fits),
        "reminder": Reminder.objects.filter(application=application).first(),
        "reminder_text": REMINDER_TEXT,
        "reminder_unticked": request.GET.get("reminder") == "unticked",
    }
    return render(request, "recruitment/done.html", context)


@never_cache
@require_POST
def remind_me(request, slug):
    """A "not yet eligible" patient asks to be reminded on the day, ticking its own consent."""
    trial = get_object_or_404(Trial, slug=slug)
    application = _own_latest(request, trial)
    if application is None:
        return redirect(trial)
    done = reverse("recruitment:apply_done", kwargs={"slug": slug})
    if not request.POST.get("consent_reminder"):
        return HttpResponseRedirect(f"{done}?reminder=unticked")
    with contextlib.suppress(reminders.NoReminderDate):  # a verdict without a date offers no reminder
        reminders.ask(application, language=get_language())
    return HttpResponseRedirect(done)


REMINDER_CODE = "reminder_code"  # {"reminder": pk, "ask": the asker's token}, in the session


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reminder_link(request, token):
    """The link of a reminder e-mail. With a one-time code sent to the patient's e-mail (as
    "my application" asks), the questionnaire of the trial, filled in with the answers given then
    (consents asked again), in this browser. The link alone opens nothing: a forwarded e-mail or a
    mail scanner's visit shows no answer, and nothing about the patient is guessable."""
    reminder = reminders.reminder_from(token)
    if reminder is None:
        return render(request, "recruitment/reminder_link_expired.html", status=410)
    pending = request.session.get(REMINDER_CODE) or {}
    ask = pending.get("ask") if pending.get("reminder") == reminder.pk else None
    form = CodeForm(request.POST if "code" in request.POST else None)
    status = 200
    if request.method == "POST" and "send" in request.POST:
        ask = patient_access.send_code(reminder.application, Channel.EMAIL)
        request.session[REMINDER_CODE] = {"reminder": reminder.pk, "ask": ask, "sent": True}
        keep_until_browser_closes(request)
        pending = request.session[REMINDER_CODE]
    elif form.is_bound:
        code = form.cleaned_data["code"] if form.is_valid() else ""
        opened = patient_access.check_code(ask, code)
        if opened is not None and opened.pk == reminder.application_id:
            request.session.pop(REMINDER_CODE, None)
            reminders.opened(reminder)
            apply_path = reverse("recruitment:apply", kwargs={"slug": reminder.application.trial.slug})
            response = HttpResponseRedirect(f"{apply_path}?from={reminder.application.reference}")
            return remember_reopened(request, response, reminder.application_id)
        form.add_error(
            "code", _("This code is not right, or it has expired. Check the message, or ask for a new code.")
        )
        status = 400
    context = {"form": form, "sent": bool(pending.get("sent")), "minutes": patient_access.CODE_MINUTES}
    return render(request, "recruitment/reminder_link.html", context, status=status)


def _other_fits(application):
    """Other recruiting trials the same answers may fit, best first."""
    answers = screening_answers(application)
    candidates = open_trials(exclude=application.trial, condition=application.trial.condition).prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"))
    )
    fits = []
    for trial in candidates:
        outcome = evaluate([c.as_spec() for c in trial.criteria.all()], answers, all_kinds())
        if outcome.verdict != Verdict.LIKELY_INELIGIBLE:
            rank = [Verdict.LIKELY_ELIGIBLE, Verdict.NEEDS_REVIEW, Verdict.NOT_YET_ELIGIBLE].index(outcome.verdict)
            fits.append((rank, trial.title, trial, outcome))
    return [
        {"trial": trial, "verdict": outcome.verdict, "eligible_from": outcome.eligible_from}
        for _rank, _title, trial, outcome in sorted(fits, key=lambda f: f[:2])
    ]
