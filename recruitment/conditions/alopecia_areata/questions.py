"""The alopecia-areata section of the questionnaire: the diagnosis, other kinds of hair loss, the
current episode and recent regrowth, hair lost on each of the four scalp views (from which the
server works out the self-reported SALT), and beyond the scalp."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.alopecia_areata.kinds import OtherHairLoss
from recruitment.conditions.alopecia_areata.score import compute_salt, severity_band
from recruitment.conditions.fields import (
    clean_month_year, limit_year_to_today, month_field, months_between, year_field, yes_no,
)
from recruitment.screening.treatments import Treatment

OTHER_DIAGNOSIS_CHOICES = [*OtherHairLoss.choices, ("none", _("None of these")), ("unsure", _("I am not sure"))]
T = Treatment
# The treatments asked about, in the order shown.
TREATMENTS = (
    T.TOPICAL_STEROID, T.INTRALESIONAL_STEROID, T.ORAL_STEROID, T.TOPICAL_MINOXIDIL, T.ORAL_MINOXIDIL,
    T.CONTACT_IMMUNOTHERAPY, T.PHOTOTHERAPY, T.IMMUNOSUPPRESSANT, T.BIOLOGIC, T.TOFACITINIB, T.BARICITINIB,
    T.RITLECITINIB, T.DEURUXOLITINIB, T.JAKTINIB, T.IVARMACITINIB, T.UPADACITINIB, T.ABROCITINIB,
    T.RUXOLITINIB_CREAM, T.TCM, T.FOLK_REMEDY,
)

SCALP_VIEWS = [
    ("loss_top", _("Top of the head"),
     # xgettext:no-python-format
     _("The top is 40% of the scalp.")),
    ("loss_back", _("Back of the head"),
     # xgettext:no-python-format
     _("The back is 24% of the scalp.")),
    ("loss_left", _("Left side"),
     # xgettext:no-python-format
     _("Each side is 18% of the scalp.")),
    ("loss_right", _("Right side"),
     # xgettext:no-python-format
     _("Each side is 18% of the scalp.")),
]
BEYOND_THE_SCALP = ("eyebrow_loss", "eyelash_loss", "body_hair_loss")


def _scalp_view(name, label, help_text):
    return forms.IntegerField(
        label=label, help_text=help_text, min_value=0, max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1, "data-salt-view": name}),
    )


class AlopeciaQuestions(forms.Form):
    """Mixed into the questionnaire of an alopecia-areata trial (recruitment.forms.questionnaire_for)."""

    section_title = _("2. Your hair loss")
    section_template = "conditions/alopecia_areata/questions.html"
    treatments = TREATMENTS
    response_question = _("Did your hair grow back while using it?")

    diagnosed = yes_no(_("Has a doctor told you that you have alopecia areata?"),
                       _("The trials are for alopecia areata; a doctor at the site will confirm it."))
    other_diagnoses = forms.MultipleChoiceField(
        label=_("Has a doctor found another kind of hair loss?"),
        help_text=_("Other kinds of hair loss can make results hard to read, so some trials exclude them."),
        choices=OTHER_DIAGNOSIS_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    episode_month = month_field()
    episode_year = year_field()
    regrowth_last_6_months = yes_no(
        _("Has any hair grown back in the last 6 months?"),
        _("Trials measure regrowth from the medicine, so recent natural regrowth matters."),
    )
    loss_top, loss_back, loss_left, loss_right = (_scalp_view(*view) for view in SCALP_VIEWS)
    eyebrow_loss = yes_no(_("Have you lost eyebrow hair?"),
                           _("Hair loss beyond the scalp tells the study team how widespread it is."))
    eyelash_loss = yes_no(_("Have you lost eyelash hair?"), _("Some trials also measure eyelash regrowth."))
    body_hair_loss = yes_no(_("Have you lost body hair?"),
                             _("Loss of all body hair is alopecia universalis, which most of these trials accept."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_year_to_today(self, "episode_year")

    def clean_other_diagnoses(self):
        chosen = set(self.cleaned_data["other_diagnoses"])
        if "none" in chosen and len(chosen) > 1:
            raise forms.ValidationError(_('"None of these" cannot be combined with another answer.'))
        return sorted(chosen)

    def clean(self):
        data = super().clean()
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
            "episode_started_on": d["episode_started_on"],
            "episode_months": months_between(d["episode_started_on"], self.today),
            "regrowth_last_6_months": d["regrowth_last_6_months"],
            **{name: d[name] for name in (*(view[0] for view in SCALP_VIEWS), *BEYOND_THE_SCALP)},
        }

    def scalp_fields(self):
        return [self[name] for name, _label, _help in SCALP_VIEWS]

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
        salt = compute_salt(top=values["loss_top"], back=values["loss_back"], left=values["loss_left"],
                            right=values["loss_right"])
        return {"salt": salt, "band": severity_band(salt)}


def initial_from(row) -> dict:
    """An earlier application's answers of this section, to apply to another trial."""
    other = list(row.other_diagnoses) or ([] if row.other_diagnoses_unsure else ["none"])
    if row.other_diagnoses_unsure:
        other.append("unsure")
    return {
        "other_diagnoses": other,
        "episode_month": row.episode_started_on.month,
        "episode_year": row.episode_started_on.year,
        "regrowth_last_6_months": row.regrowth_last_6_months,
        **{name: getattr(row, name) for name in (*(view[0] for view in SCALP_VIEWS), *BEYOND_THE_SCALP)},
    }
