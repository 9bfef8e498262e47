"""The screening questionnaire: every answer typed and validated here, on the server."""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Callable
from typing import cast

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from recruitment.conditions import by_code, condition_of
from recruitment.conditions.fields import alone, radio
from recruitment.consent import CONSENT_TEXTS, consent_label, transfer_needed, transfer_text
from recruitment.labels import Label
from recruitment.models import BestTime, ConsentPurpose, Sex
from recruitment.patient_dates import age_on, patient_today
from recruitment.respondent import ForChild, Respondent, respondent_of, speak_to_parent
from recruitment.screening.treatments import ANY_JAK, Course, History, LastUse, YesNoUnsure

PREGNANCY_CHOICES = [
    ("pregnant", _("I am pregnant")),
    ("breastfeeding", _("I am breastfeeding")),
    ("planning", _("I am planning a pregnancy in the coming months")),
    ("none", _("None of these")),
]
# The questions every trial asks, in a parent's words (recruitment.respondent); each condition's
# section words its own (QuestionSection.child_words).
CHILD_WORDS = {
    "date_of_birth": ForChild(
        label=_("Your child's date of birth"),
        help_text=_("Each trial accepts certain ages; we work out your child's age from this."),
    ),
    "sex": ForChild(label=_("Your child's sex at birth")),
    "phone": ForChild(label=_("Your phone (parent or guardian)")),
    "email": ForChild(label=_("Your e-mail (parent or guardian)")),
    "pregnancy": ForChild(
        choices={
            "pregnant": _("She is pregnant"),
            "breastfeeding": _("She is breastfeeding"),
            "planning": _("She is planning a pregnancy in the coming months"),
        }
    ),
    "health_history": ForChild(
        label=_("Has your child ever had any of these?"),
        help_text=_(
            "Optional. JAK inhibitors are checked for these at the screening visit; telling us now helps the study "
            "team prepare your call. Most of them do not rule your child out by themselves."
        ),
    ),
    "diagnosed": ForChild(label=_("Has a doctor told you that your child has this condition?")),
    "full_name": ForChild(
        label=_("Your child's name"),
        help_text=_("The name the study team registers your child under; your own name is asked below."),
    ),
    "guardian_name": ForChild(
        label=_("Your name (parent or legal guardian)"),
        help_text=_("The study team talks to you, and to your child only together with you."),
    ),
}
# What a treatment's last use reads as, for a parent.
CHILD_LAST_USE: dict[str, Label] = {LastUse.UNSURE: _("Used it, not sure when my child stopped")}
# Below this age a parent or legal guardian must take part in the application (PIPL: 14; trials
# ask for the guardian's consent for every minor).
ADULT_AGE = 18
PHONE = re.compile(r"^\+?[\d\s\-().]{6,30}$")


def _site_label(site) -> str:
    """A site as the patient chooses it: with its distance when the patient said where they are."""
    how_far = getattr(site, "how_far", "")
    if not how_far:
        return str(site)
    return _("%(site)s (%(how_far)s)") % {"site": site, "how_far": how_far}


def clean_phone_number(value: str) -> str:
    """A phone number as typed, checked. Chinese input methods may type full-width digits and
    symbols: the plain forms are kept."""
    phone = unicodedata.normalize("NFKC", value).strip()
    if phone and not PHONE.match(phone):
        raise forms.ValidationError(_("Please enter a phone number using digits, spaces and + only."))
    if phone and len(re.sub(r"\D", "", phone)) < 6:
        raise forms.ValidationError(_("This phone number looks too short."))
    return phone


class ScreeningForm(forms.Form):
    # Who answers: set by the address the patient chose (?for=child), kept with the answers.
    # A CharField: an unknown value is the patient's voice, never an error nobody can see.
    respondent = forms.CharField(initial=Respondent.PATIENT, required=False, widget=forms.HiddenInput)
    # Set once the patient picked the language for calls themselves (a language switch then keeps
    # it); until then, that answer follows the language the page is read in.
    language_chosen = forms.BooleanField(required=False, widget=forms.HiddenInput)
    adult_age = ADULT_AGE  # the page's script hides the guardian's questions from this age
    # --- About you -----------------------------------------------------------------------------
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=_("Each trial accepts certain ages; we work out your age from this."),
        # A date input reads only ISO dates: the Chinese locale's 2010/05/20 showed it empty.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "autocomplete": "bday"}),
    )
    sex = radio(Sex.choices, _("Sex at birth"), _("Some trials have different age limits for women and men."))
    pregnancy = forms.MultipleChoiceField(
        label=_("For women: does any of this apply to you now?"),
        # Needed from women only, so not marked required: the help says so, saving a round trip.
        help_text=_(
            "These medicines are not tested during pregnancy or breastfeeding. Women and girls: please tick "
            "one, “None of these” if nothing applies."
        ),
        choices=PREGNANCY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # --- Health checks at the screening visit: optional, asked gently -------------------------
    health_history = forms.MultipleChoiceField(
        label=_("Have you ever had any of these?"),
        help_text=_(
            "Optional. JAK inhibitors are checked for these at the screening visit; telling us now helps the "
            "study team prepare your call. Most of them do not rule you out by themselves."
        ),
        choices=[*History.choices, ("none", _("None of these")), ("skip", _("I prefer not to say"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # --- The condition (its section, recruitment.conditions, words this for itself) ------------
    diagnosed = radio(
        YesNoUnsure.choices,
        _("Has a doctor told you that you have this condition?"),
        _("A doctor at the site will confirm it."),
    )
    # --- How to reach you ---------------------------------------------------------------------
    full_name = forms.CharField(
        # "Your name" alone reads as the parent's to a parent filling this in for a child.
        label=_("Your name (the patient's)"),
        max_length=200,
        help_text=_(
            "So the study coordinator knows whom to ask for. Filling this in for your child? Choose “Answer about "
            "my child” at the top of the page."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("Give a phone number, an e-mail, or both."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    language = forms.ChoiceField(
        label=_("Language for calls and messages"),
        choices=settings.LANGUAGES,
    )
    site = forms.TypedChoiceField(
        label=_("Preferred study site"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("The site nearest to you, if you know it."),
    )
    best_time_to_call = forms.ChoiceField(label=_("Best time to call"), choices=BestTime.choices, initial=BestTime.ANY)
    # --- Consent: never ticked in advance ------------------------------------------------------
    # A consent's message names it: the error summary does not repeat its whole text.
    consent_health_data = forms.BooleanField(
        label=CONSENT_TEXTS[ConsentPurpose.HEALTH_DATA],
        error_messages={
            "required": _("Please tick the consent to the use of the answers: without it they cannot be checked.")
        },
    )
    consent_contact = forms.BooleanField(
        label=CONSENT_TEXTS[ConsentPurpose.CONTACT],
        error_messages={
            "required": _("Please tick the consent to be contacted: without it the study team cannot call.")
        },
    )
    consent_share_with_sponsor = forms.BooleanField(
        label=CONSENT_TEXTS[ConsentPurpose.SHARE_WITH_SPONSOR], required=False
    )
    guardian_name = forms.CharField(
        label=_("Parent or legal guardian's name (for applicants under 18)"),
        max_length=200,
        required=False,
        help_text=_("A trial can only talk to a minor together with a parent or guardian."),
    )
    consent_guardian = forms.BooleanField(label=CONSENT_TEXTS[ConsentPurpose.GUARDIAN], required=False)
    # Only for a trial whose sponsor is abroad (its label names the sponsor): see __init__.
    consent_transfer_abroad = forms.BooleanField(required=False)
    # Invisible to people; bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this field empty"), max_length=200)

    def __init__(self, *args, trial, sites=None, today=None, **kwargs):
        """`sites`: the trial's recruiting sites in the order offered; read from the database when
        not given."""
        super().__init__(*args, **kwargs)
        # Django's "This field is required." reads machine-made beside a question; a question's
        # own message (consents, the guardian) stays.
        for field in self.fields.values():
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = _("Please answer this question.")
        self.trial = trial
        self.today = today or patient_today()
        if sites is None:
            sites = trial.sites.open_for_signup().order_by("country", "city", "facility")
        self.sites = {site.pk: site for site in sites}
        cast(forms.ChoiceField, self.fields["site"]).choices = [
            ("", _("No preference")),
            *((pk, _site_label(s)) for pk, s in self.sites.items()),
        ]
        self.fields["pregnancy"].label = format_lazy(
            _("For women and girls aged {age} or over: does any of this apply to you now?"),
            age=settings.PORTAL_PREGNANCY_FROM_AGE,
        )
        self.fields["pregnancy"].widget.attrs["data-from-age"] = settings.PORTAL_PREGNANCY_FROM_AGE
        self.for_child = respondent_of(self.data if self.is_bound else self.initial) == Respondent.PARENT
        if self.for_child:
            self._speak_to_parent()
        if transfer_needed(trial):
            self.fields["consent_transfer_abroad"].label = transfer_text(trial, for_child=self.for_child)
        else:
            del self.fields["consent_transfer_abroad"]

    def _speak_to_parent(self) -> None:
        self.fields["pregnancy"].label = format_lazy(
            _("If your child is a girl aged {age} or over: does any of this apply to her now?"),
            age=settings.PORTAL_PREGNANCY_FROM_AGE,
        )
        speak_to_parent(self.fields, CHILD_WORDS)
        speak_to_parent(self.fields, self.child_words)
        for purpose in (
            ConsentPurpose.HEALTH_DATA,
            ConsentPurpose.CONTACT,
            ConsentPurpose.SHARE_WITH_SPONSOR,
            ConsentPurpose.GUARDIAN,
        ):
            self.fields[f"consent_{purpose}"].label = consent_label(purpose, for_child=True)
        # A parent answers only for a minor (see clean): the guardian's name and agreement are
        # always needed, and the page says so.
        self.fields["guardian_name"].required = self.fields["consent_guardian"].required = True
        # The summary shows the label before the message: the message adds the why, not the label again.
        self.fields["guardian_name"].error_messages["required"] = _(
            "Please fill this in: the study team needs to know who agrees for your child."
        )
        self.fields["consent_guardian"].error_messages["required"] = _("Please tick this to agree for your child.")
        for _t, use_field, response_field, course_field in treatment_field_names(self.treatments):
            speak_to_parent(self.fields, {use_field: ForChild(choices=CHILD_LAST_USE)})
            if response_field:
                self.fields[response_field].label = self.child_response_question
                self.fields[course_field].label = _("How long did your child take it?")

    @property
    def title(self) -> str:
        return self.child_section_title if self.for_child else self.section_title

    # --- Validation of single answers ---------------------------------------------------------
    def clean_respondent(self):
        return respondent_of(self.cleaned_data)

    def clean_site(self):
        pk = self.cleaned_data["site"]
        return None if pk is None else self.sites[pk]

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > self.today:
            raise forms.ValidationError(_("The date of birth is in the future. Please check it."))
        if self.age_on(born) > 120:
            raise forms.ValidationError(_("Please check the year of birth."))
        return born

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean_health_history(self):
        return alone(
            self.cleaned_data["health_history"],
            standalone=("none", "skip"),
            message=_('"None of these" and "I prefer not to say" stand alone.'),
        )

    def clean_pregnancy(self):
        return alone(self.cleaned_data["pregnancy"])

    # --- Answers that depend on each other ----------------------------------------------------
    def clean(self):
        super().clean()
        data = self.cleaned_data
        born = data.get("date_of_birth")
        asked = data.get("sex") == Sex.FEMALE and (born is None or self.pregnancy_applies(born))
        if asked and not data.get("pregnancy") and "pregnancy" not in self.errors:
            self.add_error("pregnancy", _('Please tick what applies, or "None of these".'))
        if (
            not data.get("phone")
            and not data.get("email")
            and "phone" not in self.errors
            and "email" not in self.errors
        ):
            self.add_error(
                "phone", _("Please give a phone number or an e-mail address so that the site can reach you.")
            )
        born = data.get("date_of_birth")
        if born and self.for_child and self.age_on(born) >= ADULT_AGE and "date_of_birth" not in self.errors:
            # An adult consents for themselves (PIPL): a parent answers only for a minor.
            self.add_error(
                "date_of_birth",
                _(
                    "By this date of birth your child is 18 or over. An adult fills this in and consents for "
                    "themselves: please check the date, or let your child fill it in (“I am the patient” above)."
                ),
            )
        if born and self.age_on(born) < ADULT_AGE:
            if not data.get("guardian_name", "").strip() and "guardian_name" not in self.errors:
                self.add_error(
                    "guardian_name",
                    _(
                        "By the date of birth given, the patient is under 18: a parent or legal guardian writes "
                        "their name here."
                    ),
                )
            if not data.get("consent_guardian") and "consent_guardian" not in self.errors:
                self.add_error(
                    "consent_guardian",
                    _(
                        "By the date of birth given, the patient is under 18: a parent or legal guardian must tick "
                        "this agreement."
                    ),
                )
        return data

    def pregnancy_applies(self, born: datetime.date) -> bool:
        """Whether the pregnancy question is for someone of this age (a setting, 12 by default)."""
        return self.age_on(born) >= settings.PORTAL_PREGNANCY_FROM_AGE

    def age_on(self, born: datetime.date) -> int:
        return age_on(born, self.today)

    # --- Clean data, shaped for the service ---------------------------------------------------
    def application_fields(self) -> dict:
        d = self.cleaned_data
        woman_or_undisclosed = d["sex"] != Sex.MALE and self.pregnancy_applies(d["date_of_birth"])
        pregnancy = set(d["pregnancy"])
        answered = woman_or_undisclosed and bool(pregnancy)
        return {
            "age_years": self.age_on(d["date_of_birth"]),
            "sex": d["sex"],
            "pregnant": ("pregnant" in pregnancy) if answered else None,
            "breastfeeding": ("breastfeeding" in pregnancy) if answered else None,
            "planning_pregnancy": ("planning" in pregnancy) if answered else None,
            "diagnosed": d["diagnosed"],
            # Not answered, or declined: not known. "None of these": an empty list.
            "health_history": None
            if not d["health_history"] or d["health_history"] == ["skip"]
            else [code for code in d["health_history"] if code != "none"],
            "health_history_asked": list(History.values),
            "respondent": d["respondent"],
        }

    def treatment_rows(self) -> list[dict]:
        rows = []
        for treatment, use_field, response_field, course_field in treatment_field_names(self.treatments):
            last_use = self.cleaned_data.get(use_field)
            if last_use:
                response = self.cleaned_data.get(response_field, "") if response_field else ""
                course = self.cleaned_data.get(course_field, "") if course_field else ""
                rows.append(
                    {"treatment": treatment.value, "last_use": last_use, "response": response, "course": course}
                )
        return rows

    def contact_fields(self) -> dict:
        d = self.cleaned_data
        return {
            "full_name": d["full_name"].strip(),
            "date_of_birth": d["date_of_birth"],
            "phone": d["phone"],
            "email": d["email"].strip(),
            "best_time_to_call": d["best_time_to_call"],
            "guardian_name": d.get("guardian_name", "").strip() if self.age_on(d["date_of_birth"]) < ADULT_AGE else "",
        }

    def consents_given(self) -> set[str]:
        d = self.cleaned_data
        given: set[str] = {ConsentPurpose.HEALTH_DATA, ConsentPurpose.CONTACT}
        if d.get("consent_share_with_sponsor"):
            given.add(ConsentPurpose.SHARE_WITH_SPONSOR)
        if d.get("consent_transfer_abroad"):
            given.add(ConsentPurpose.TRANSFER_ABROAD)
        if d.get("consent_guardian") and self.age_on(d["date_of_birth"]) < ADULT_AGE:
            given.add(ConsentPurpose.GUARDIAN)
        return given

    # --- Template helpers ---------------------------------------------------------------------
    def treatment_groups(self):
        """(bound use field, bound response and course fields or None), general treatments then JAK
        inhibitors."""
        rows = [
            (self[use], self[response] if response else None, self[course] if course else None)
            for _t, use, response, course in treatment_field_names(self.treatments)
        ]
        jak = [row for row in rows if row[1] is not None]
        other = [row for row in rows if row[1] is None]
        return other, jak

    def consent_fields(self):
        names = ["consent_health_data", "consent_contact", "consent_share_with_sponsor", "consent_transfer_abroad"]
        return [self[name] for name in names if name in self.fields]

    def guardian_fields(self):
        return [self["guardian_name"], self["consent_guardian"]]

    # Each condition's section (recruitment.conditions.section.QuestionSection) gives these.
    section_title: str
    child_section_title: str
    child_words: dict[str, ForChild]
    child_response_question: str
    section_template: str
    treatments: tuple  # recruitment.screening.treatments.Treatment, in the order shown
    response_question: str

    condition_answers: Callable[[], dict]


def treatment_field_names(treatments) -> tuple:
    """(treatment, use field, response field or None, course field or None) for each treatment asked
    about: how well and how long are asked of JAK inhibitors."""
    return tuple(
        (t, f"used_{t.value}", *((f"response_{t.value}", f"course_{t.value}") if t in ANY_JAK else (None, None)))
        for t in treatments
    )


def _treatment_fields(questions) -> dict:
    fields = {}
    for treatment, use_field, response_field, course_field in treatment_field_names(questions.treatments):
        fields[use_field] = forms.ChoiceField(
            label=treatment.label, required=False, choices=[("", _("Never used")), *LastUse.choices]
        )
        if response_field:
            fields[response_field] = forms.ChoiceField(
                label=questions.response_question,
                required=False,
                choices=[("", "—"), *YesNoUnsure.choices],
            )
            fields[course_field] = forms.ChoiceField(
                label=_("How long did you take it?"),
                required=False,
                choices=[("", "—"), *Course.choices],
                help_text=_("Some trials count a treatment as not working only after 12 weeks; the study doctor asks."),
            )
    return fields


ScreeningForm.base_fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


@functools.cache
def _questionnaire_form(code: str) -> type[ScreeningForm]:
    questions = by_code()[code].questions
    # The condition's questions where the page shows them, after the diagnosis, then the
    # treatments it asks about: the error summary lists problems in the page's order.
    treatments = _treatment_fields(questions)
    core = list(ScreeningForm.base_fields)
    cut = core.index("diagnosed") + 1
    section = [name for name in questions.base_fields if name != "diagnosed"]
    order = [*core[:cut], *section, *treatments, *core[cut:]]
    return type(f"{questions.__name__}Form", (questions, ScreeningForm), {"field_order": order, **treatments})


def forget_questionnaires() -> None:
    """The questionnaires are made once per condition; made again when the installed ones change."""
    _questionnaire_form.cache_clear()


def questionnaire_for(trial) -> type[ScreeningForm]:
    """The questionnaire of the trial's condition: the questions every trial asks, and the
    condition's section (its fields, its template, what it stores). Made once per condition."""
    return _questionnaire_form(trial.condition)


def initial_from_answers(form_class, data, *, consents=False) -> dict:
    """The answers a patient has typed so far (submitted, not validated), to show them again
    unchanged. Consents only with `consents` (the same page, in the same language): a consent is
    given to the text the patient reads, and is recorded in that text's language. Never the bot
    trap."""
    initial = {}
    for name, field in form_class.base_fields.items():
        if name == "website" or (name.startswith("consent_") and not consents) or name not in data:
            continue
        multiple = getattr(field.widget, "allow_multiple_selected", False)
        initial[name] = data.getlist(name) if multiple else data.get(name)
    return initial


IDENTITY_FIELDS = ("full_name", "date_of_birth", "phone", "email", "best_time_to_call", "guardian_name")


def identity_from_application(application) -> dict:
    """Who the patient is and how to reach them, from an application this browser sent a moment
    ago, or opened with a one-time code sent to the patient, and has not finished with
    (views._own_application): the same person applying again. The next person on a shared phone
    finds none of it: "Finish" forgets the application, and so does the end of the half hour."""
    contact = application.contact
    return {name: getattr(contact, name) for name in IDENTITY_FIELDS}


def initial_from_application(application, *, trial) -> dict:
    """Answers of an earlier application, to apply to `trial` without typing them again.
    Consents and the site are not carried over: they are given for one trial; nor the earlier
    condition's own answers, unless `trial` is of the same condition; nor who the patient is
    (`identity_from_application` adds that where it is safe)."""
    condition = condition_of(application.trial)
    answers = condition.answers_of(application)
    same_condition = trial.condition == application.trial.condition and answers is not None
    pregnancy = [
        name
        for name, flag in (
            ("pregnant", application.pregnant),
            ("breastfeeding", application.breastfeeding),
            ("planning", application.planning_pregnancy),
        )
        if flag
    ]
    if application.pregnant is False and not pregnancy:
        pregnancy = ["none"]
    initial = {
        "sex": application.sex,
        "pregnancy": pregnancy,
        "diagnosed": application.diagnosed,
        "health_history": (
            ["skip"] if application.health_history is None else list(application.health_history) or ["none"]
        ),
        **(condition.initial_from(answers) if same_condition else {}),
        "language": application.language,
        "respondent": application.respondent,
    }
    for use in application.treatments.all():
        initial[f"used_{use.treatment}"] = use.last_use
        if use.response:
            initial[f"response_{use.treatment}"] = use.response
        if use.course:
            initial[f"course_{use.treatment}"] = use.course
    return initial
