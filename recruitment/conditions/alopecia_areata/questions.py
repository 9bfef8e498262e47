"""The alopecia-areata section of the questionnaire: the diagnosis, other kinds of hair loss, the
current episode and recent regrowth, hair lost on each of the four scalp views (from which the
server works out the self-reported SALT), and beyond the scalp."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.alopecia_areata.kinds import (
    AAType,
    HairLossCause,
    OtherHairLoss,
    ScalpCondition,
    SpontaneousRegrowth,
)
from recruitment.conditions.alopecia_areata.score import (
    BAND_STARTS,
    PATIENT_BAND_WORDS,
    SALT_WEIGHTS,
    SeverityBand,
    compute_salt,
    severity_band,
)
from recruitment.conditions.alopecia_areata.treatments import AlopeciaTreatment
from recruitment.conditions.fields import (
    alone,
    clean_month_year,
    limit_year_to_today,
    month_field,
    radio,
    year_field,
    yes_no,
)
from recruitment.conditions.section import QuestionSection
from recruitment.patient_dates import months_between
from recruitment.respondent import ForChild
from recruitment.screening.treatments import Treatment

CAUSE_CHOICES = [*HairLossCause.choices, ("none", _("None of these")), ("unsure", _("I am not sure"))]
OTHER_DIAGNOSIS_CHOICES = [*OtherHairLoss.choices, ("none", _("None of these")), ("unsure", _("I am not sure"))]
AA_TYPE_CHOICES = [
    (AAType.PATCHY, _("Round or oval bald patches, with hair between them (patchy)")),
    (AAType.DIFFUSE, _("Thinning all over the scalp rather than patches (diffuse)")),
    (AAType.OPHIASIS, _("A band of hair loss around the sides and the back of the head (ophiasis)")),
    (AAType.TOTALIS, _("All or nearly all scalp hair lost (alopecia totalis)")),
    (AAType.UNIVERSALIS, _("All scalp and body hair lost (alopecia universalis)")),
    (AAType.UNSURE, _("I am not sure")),
]
REGROWTH_CHOICES = [
    (SpontaneousRegrowth.IN_6_MONTHS, _("Yes, in the last 6 months")),
    (SpontaneousRegrowth.IN_6_TO_12_MONTHS, _("Yes, 6 to 12 months ago")),
    (SpontaneousRegrowth.NOT_IN_12_MONTHS, _("No, not in the last 12 months")),
    (SpontaneousRegrowth.UNSURE, _("I am not sure")),
]
SCALP_CHOICES = [*ScalpCondition.choices, ("none", _("None of these")), ("unsure", _("I am not sure"))]
T = Treatment
# The treatments asked about, in the order shown.
TREATMENTS = (
    T.TOPICAL_STEROID,
    AlopeciaTreatment.INTRALESIONAL_STEROID,
    T.ORAL_STEROID,
    AlopeciaTreatment.TOPICAL_MINOXIDIL,
    AlopeciaTreatment.ORAL_MINOXIDIL,
    AlopeciaTreatment.CONTACT_IMMUNOTHERAPY,
    T.PHOTOTHERAPY,
    T.IMMUNOSUPPRESSANT,
    T.BIOLOGIC,
    T.TOFACITINIB,
    T.BARICITINIB,
    T.RITLECITINIB,
    T.DEURUXOLITINIB,
    T.JAKTINIB,
    T.IVARMACITINIB,
    T.UPADACITINIB,
    T.ABROCITINIB,
    T.RUXOLITINIB_CREAM,
    T.TCM,
    T.FOLK_REMEDY,
)

SCALP_VIEWS = [
    (
        "loss_top",
        _("Top of the head"),
        # xgettext:no-python-format
        _("The top is 40% of the scalp."),
    ),
    (
        "loss_back",
        _("Back of the head"),
        # xgettext:no-python-format
        _("The back is 24% of the scalp."),
    ),
    (
        "loss_left",
        _("Left side"),
        # xgettext:no-python-format
        _("Each side is 18% of the scalp."),
    ),
    (
        "loss_right",
        _("Right side"),
        # xgettext:no-python-format
        _("Each side is 18% of the scalp."),
    ),
]
BEYOND_THE_SCALP = ("eyebrow_loss", "eyelash_loss", "body_hair_loss")


def _scalp_view(name, label, help_text):
    # The view's share of the scalp, in hundredths, for the live preview: the page's figure comes
    # from the server's weights, in whole numbers, as the server's does.
    weight = int(SALT_WEIGHTS[name.removeprefix("loss_")] * 100)
    attrs = {"inputmode": "numeric", "step": 1, "data-salt-view": name, "data-weight-hundredths": weight}
    percentage = _("Please give a percentage: a whole number from 0 to 100.")
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs=attrs),
        error_messages={"min_value": percentage, "max_value": percentage, "invalid": percentage},
    )


class AlopeciaQuestions(QuestionSection):
    """Mixed into the questionnaire of an alopecia-areata trial (recruitment.forms.questionnaire_for)."""

    section_title = _("2. Your hair loss")
    section_template = "conditions/alopecia_areata/questions.html"
    treatments = TREATMENTS
    response_question = _("Did your hair grow back while using it?")
    child_section_title = _("2. Your child's hair loss")
    child_response_question = _("Did your child's hair grow back while using it?")
    child_words = {
        "diagnosed": ForChild(label=_("Has a doctor diagnosed your child with alopecia areata?")),
        "hair_loss_causes": ForChild(
            label=_("Has a doctor said that another illness or a treatment causes some of your child's hair loss now?")
        ),
        "other_diagnoses": ForChild(label=_("Has a doctor found another kind of hair loss in your child?")),
        "aa_type": ForChild(label=_("Which describes your child's hair loss best?")),
        "treated_regrowth_6_months": ForChild(
            label=_("In the last 6 months, has thick hair grown back while your child was using a treatment?")
        ),
        "regrowth_within_8_years": ForChild(
            label=_(
                "In the last 8 years, has your child's hair ever grown back, on its own or with a treatment, even "
                "for a while?"
            )
        ),
        "scalp_conditions": ForChild(label=_("Does a doctor treat another condition of your child's scalp?")),
        "shaves_head": ForChild(
            label=_("Does your child shave their head, or have it shaved?"),
            help_text=_("Trials measure hair as it grows back, so it must not be shaved off during the study."),
        ),
        "eyebrow_loss": ForChild(label=_("Has your child lost eyebrow hair?")),
        "eyelash_loss": ForChild(label=_("Has your child lost eyelash hair?")),
        "body_hair_loss": ForChild(label=_("Has your child lost body hair?")),
    }

    diagnosed = yes_no(
        _("Has a doctor told you that you have alopecia areata?"),
        _("The trials are for alopecia areata; a doctor at the site will confirm it."),
    )
    other_diagnoses = forms.MultipleChoiceField(
        label=_("Has a doctor found another kind of hair loss?"),
        help_text=_("Other kinds of hair loss can make results hard to read, so some trials exclude them."),
        choices=OTHER_DIAGNOSIS_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    hair_loss_causes = forms.MultipleChoiceField(
        label=_("Has a doctor said that another illness or a treatment causes some of your hair loss now?"),
        help_text=_("Some trials do not take people whose hair loss has another cause as well."),
        choices=CAUSE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    aa_type = radio(
        AA_TYPE_CHOICES,
        _("Which describes your hair loss best?"),
        _("Some trials do not take every type; the study doctor confirms it."),
    )
    episode_month = month_field()
    episode_year = year_field()
    spontaneous_regrowth = radio(
        REGROWTH_CHOICES,
        _("Has thick, normal hair grown back on its own lately?"),
        _(
            "Count only hair that grew back by itself, not during a treatment, and not fine, light or white hair. "
            "Trials measure regrowth from the medicine, so natural regrowth matters."
        ),
    )
    treated_regrowth_6_months = yes_no(
        _("In the last 6 months, has thick hair grown back while you were using a treatment?"),
        _(
            "Any treatment counts: steroid injections or creams, minoxidil, a JAK inhibitor... Some trials take only "
            "people whose hair has not grown back at all lately, whatever the reason."
        ),
    )
    regrowth_within_8_years = yes_no(
        _("In the last 8 years, has your hair ever grown back, on its own or with a treatment, even for a while?"),
        _("Some trials accept a long episode when hair has grown back within the last 8 years."),
    )
    scalp_conditions = forms.MultipleChoiceField(
        label=_("Does a doctor treat another condition of your scalp?"),
        help_text=_("Other scalp diseases make hair loss and regrowth hard to assess, so some trials exclude them."),
        choices=SCALP_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    shaves_head = yes_no(
        _("Do you shave your head?"),
        _("Trials measure hair as it grows back, so it must not be shaved off during the study."),
    )
    loss_top, loss_back, loss_left, loss_right = (_scalp_view(*view) for view in SCALP_VIEWS)
    eyebrow_loss = yes_no(
        _("Have you lost eyebrow hair?"), _("Hair loss beyond the scalp tells the study team how widespread it is.")
    )
    eyelash_loss = yes_no(_("Have you lost eyelash hair?"), _("Some trials also measure eyelash regrowth."))
    body_hair_loss = yes_no(
        _("Have you lost body hair?"),
        _("Loss of all body hair is alopecia universalis, which most of these trials accept."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_year_to_today(self, "episode_year")

    def clean_other_diagnoses(self):
        return alone(self.cleaned_data["other_diagnoses"])

    def clean_hair_loss_causes(self):
        return alone(self.cleaned_data["hair_loss_causes"])

    def clean_scalp_conditions(self):
        return alone(self.cleaned_data["scalp_conditions"])

    def clean(self):
        super().clean()
        data = self.cleaned_data
        started = clean_month_year(self, data, "episode_month", "episode_year")
        if started:
            data["episode_started_on"] = started
        return data

    def condition_answers(self) -> dict:
        """The section's cleaned answers, as the answers model stores them."""
        d = self.cleaned_data
        return {
            "other_diagnoses": [c for c in d["other_diagnoses"] if c not in ("none", "unsure")],
            "other_diagnoses_unsure": "unsure" in d["other_diagnoses"],
            "hair_loss_causes": [c for c in d["hair_loss_causes"] if c not in ("none", "unsure")],
            "hair_loss_causes_unsure": "unsure" in d["hair_loss_causes"],
            "episode_started_on": d["episode_started_on"],
            "episode_months": months_between(d["episode_started_on"], self.today),
            "spontaneous_regrowth": d["spontaneous_regrowth"],
            "regrowth_within_8_years": d["regrowth_within_8_years"],
            "treated_regrowth_6_months": d["treated_regrowth_6_months"],
            "regrowth_8_years_any_cause": True,
            "aa_type": d["aa_type"],
            "scalp_conditions": [c for c in d["scalp_conditions"] if c not in ("none", "unsure")],
            "scalp_conditions_unsure": "unsure" in d["scalp_conditions"],
            "shaves_head": d["shaves_head"],
            **{name: d[name] for name in (*(view[0] for view in SCALP_VIEWS), *BEYOND_THE_SCALP)},
        }

    def scalp_fields(self):
        return [self[name] for name, _label, _help in SCALP_VIEWS]

    # Where each AA-IGA band above "limited" starts, for the live preview (score.BAND_STARTS).
    band_starts = "|".join(str(start) for start, _band in BAND_STARTS)

    def band_words(self) -> str:
        """Each band in the patient's words, in the scale's order, for the live preview."""
        return "|".join(str(PATIENT_BAND_WORDS[band]) for band in SeverityBand)

    def score_preview(self):
        """The server's SALT for the views on screen (typed, or kept across a language switch),
        when all four are valid numbers: shown without JavaScript too."""
        answers = self.data if self.is_bound else self.initial
        values = {}
        for name, _label, _help in SCALP_VIEWS:
            try:
                values[name] = int(answers.get(name) or "")
            except (TypeError, ValueError):
                return None
            if not 0 <= values[name] <= 100:
                return None
        salt = compute_salt(
            top=values["loss_top"], back=values["loss_back"], left=values["loss_left"], right=values["loss_right"]
        )
        return {"salt": salt, "band": PATIENT_BAND_WORDS[severity_band(salt)]}


def _with_none_or_unsure(listed, unsure) -> list | None:
    """A multiple choice as the form shows it again; None when it was not asked then."""
    if listed is None:
        return None
    return [*listed, "unsure"] if unsure else (list(listed) or ["none"])


def initial_from(row) -> dict:
    """An earlier application's answers of this section, to apply to another trial."""
    initial = {
        "other_diagnoses": _with_none_or_unsure(row.other_diagnoses, row.other_diagnoses_unsure),
        "hair_loss_causes": _with_none_or_unsure(row.hair_loss_causes, row.hair_loss_causes_unsure),
        "episode_month": row.episode_started_on.month,
        "episode_year": row.episode_started_on.year,
        "spontaneous_regrowth": row.spontaneous_regrowth,
        "regrowth_within_8_years": row.regrowth_within_8_years if row.regrowth_8_years_any_cause else None,
        "treated_regrowth_6_months": row.treated_regrowth_6_months,
        "aa_type": row.aa_type,
        "scalp_conditions": _with_none_or_unsure(row.scalp_conditions, row.scalp_conditions_unsure),
        "shaves_head": row.shaves_head,
        **{name: getattr(row, name) for name in (*(view[0] for view in SCALP_VIEWS), *BEYOND_THE_SCALP)},
    }
    return {name: value for name, value in initial.items() if value not in (None, "")}
