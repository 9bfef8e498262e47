"""The vitiligo section of the questionnaire: the diagnosis, the type, since when, whether it is
spreading, and the white patches' extent estimated region by region with the patient's own hand
(from which the server works out the self-reported BSA, F-VASI and T-VASI)."""

from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.fields import (
    clean_month_year,
    limit_year_to_today,
    month_field,
    radio,
    year_field,
    yes_no,
)
from recruitment.conditions.section import QuestionSection
from recruitment.conditions.vitiligo.kinds import Activity, VitiligoType
from recruitment.conditions.vitiligo.score import REGIONS, Whiteness, extent
from recruitment.conditions.vitiligo.treatments import VitiligoTreatment
from recruitment.patient_dates import months_between
from recruitment.screening.treatments import Treatment

T = Treatment
# The treatments asked about, in the order shown: vitiligo's own first, then JAK inhibitors.
TREATMENTS = (
    T.TOPICAL_STEROID,
    T.TOPICAL_CALCINEURIN,
    T.PHOTOTHERAPY,
    T.ORAL_STEROID,
    T.IMMUNOSUPPRESSANT,
    VitiligoTreatment.DEPIGMENTATION,
    T.TCM,
    T.RUXOLITINIB_CREAM,
    T.TOFACITINIB,
    T.BARICITINIB,
    T.RITLECITINIB,
    T.UPADACITINIB,
    T.ABROCITINIB,
    T.DEURUXOLITINIB,
    T.JAKTINIB,
    T.IVARMACITINIB,
)

TYPE_CHOICES = [
    (VitiligoType.NON_SEGMENTAL, _("Patches on both sides of the body, often alike (non-segmental, the most common)")),
    (VitiligoType.SEGMENTAL, _("Patches on one side or in one band of the body only (segmental)")),
    (VitiligoType.MIXED, _("Both: a one-sided band and patches on both sides (mixed)")),
    (VitiligoType.UNSURE, _("I am not sure")),
]
ACTIVITY_CHOICES = [
    (Activity.SPREADING, _("It has spread: new patches, or patches growing")),
    (Activity.STABLE, _("No change: no new or growing patches")),
    (Activity.UNSURE, _("I am not sure")),
]
# No "0 %" step: a part without white patches is left empty, as the page says.
WHITENESS_CHOICES = [
    ("", "—"),
    *(
        (value, format_lazy(_("{percent}%: {description}"), percent=value, description=label))
        for value, label in Whiteness.choices
        if value
    ),
]


def units_name(region) -> str:
    return f"units_{region.code}"


def whiteness_name(region) -> str:
    return f"whiteness_{region.code}"


class _VitiligoQuestions(QuestionSection):
    section_title = _("2. Your white patches")
    section_template = "conditions/vitiligo/questions.html"
    treatments = TREATMENTS
    response_question = _("Did the white patches get colour back while using it?")

    diagnosed = yes_no(
        _("Has a doctor told you that you have vitiligo?"),
        _("The trials are for vitiligo; a doctor at the site will confirm it."),
    )
    vitiligo_type = radio(
        TYPE_CHOICES,
        _("Where are your white patches?"),
        _("Most trials are for non-segmental vitiligo; the study doctor confirms the type."),
    )
    started_month = month_field()
    started_year = year_field()
    activity = radio(
        ACTIVITY_CHOICES,
        _("In the last 6 months, has your vitiligo changed?"),
        _("Some trials look for vitiligo that is spreading, others accept both."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_year_to_today(self, "started_year")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        started = clean_month_year(self, data, "started_month", "started_year")
        if started:
            data["started_on"] = started
        total, given = Decimal(0), False
        for region in REGIONS:
            units, whiteness = data.get(units_name(region)), data.get(whiteness_name(region))
            if units_name(region) in self.errors or whiteness_name(region) in self.errors:
                continue
            if units and whiteness is None:
                self.add_error(whiteness_name(region), _("Please choose how white the patches are here."))
            elif whiteness and not units:
                self.add_error(units_name(region), _("Please estimate how many hand units the patches cover here."))
            total += units or 0
            given = given or bool(units and whiteness)
        if total > 100:
            self.add_error(None, _("The hand units add up to more than 100, the whole body. Please check them."))
        elif not given and not any(name.startswith(("units_", "whiteness_")) for name in self.errors):
            # An empty grid is not "no white patches": a patient applying has some. Scores of 0
            # would turn them away from every trial.
            self.add_error(
                units_name(REGIONS[0]),
                _(
                    "Please estimate at least one part of the body with white patches, with its hand units and "
                    "how white the patches are."
                ),
            )
        return data

    def regions(self) -> dict:
        """{region code: {"units", "whiteness"}} for each region with white patches."""
        d = self.cleaned_data
        return {
            region.code: {"units": f"{d[units_name(region)]:.1f}", "whiteness": d[whiteness_name(region)]}
            for region in REGIONS
            if d.get(units_name(region)) and d.get(whiteness_name(region))
        }

    def condition_answers(self) -> dict:
        """The section's cleaned answers, as the answers model stores them."""
        d = self.cleaned_data
        return {
            "vitiligo_type": d["vitiligo_type"],
            "started_on": d["started_on"],
            "duration_months": months_between(d["started_on"], self.today),
            "activity": d["activity"],
            "regions": self.regions(),
        }

    def region_rows(self):
        """(region, bound hand-units field, bound whiteness field), in the order shown."""
        return [(region, self[units_name(region)], self[whiteness_name(region)]) for region in REGIONS]

    def score_preview(self):
        """The server's estimates for the regions on screen (typed, or kept across a language
        switch) when every region given is a valid, complete answer: shown without JavaScript too."""
        answers = self.data if self.is_bound else self.initial
        regions = {}
        for region in REGIONS:
            try:
                units = self.fields[units_name(region)].clean(answers.get(units_name(region)))
                whiteness = self.fields[whiteness_name(region)].clean(answers.get(whiteness_name(region)))
            except forms.ValidationError:
                return None
            if bool(units) != bool(whiteness):
                return None  # half an answer: the form asks for the other half
            if units and whiteness:
                regions[region.code] = (units, whiteness)
        return extent(regions) if regions else None


def _region_fields() -> dict:
    fields: dict[str, forms.Field] = {}
    for region in REGIONS:
        fields[units_name(region)] = forms.DecimalField(
            label=format_lazy(_("{region}: how many hand units"), region=region.label),
            help_text=region.help,
            required=False,
            min_value=0,
            max_value=region.max_units,
            decimal_places=1,
            max_digits=4,
            error_messages={
                "max_value": format_lazy(
                    _("All of this part is about {most} hand units: please give a number from 0 to {most}."),
                    most=region.max_units,
                )
            },
            widget=forms.NumberInput(
                attrs={
                    "inputmode": "decimal",
                    "step": "0.1",
                    "data-vasi-units": region.code,
                    "data-facial": "1" if region.facial else "",
                    "data-max": str(region.max_units),
                }
            ),
        )
        fields[whiteness_name(region)] = forms.TypedChoiceField(
            label=format_lazy(_("{region}: how white"), region=region.label),
            choices=WHITENESS_CHOICES,
            coerce=int,
            required=False,
            empty_value=None,
            widget=forms.Select(attrs={"data-vasi-whiteness": region.code}),
        )
    return fields


# Mixed into the questionnaire of a vitiligo trial (recruitment.forms.questionnaire_for).
VitiligoQuestions = type("VitiligoQuestions", (_VitiligoQuestions,), {"__module__": __name__, **_region_fields()})


def initial_from(row) -> dict:
    """An earlier application's answers of this section, to apply to another trial."""
    initial = {
        "vitiligo_type": row.vitiligo_type,
        "started_month": row.started_on.month,
        "started_year": row.started_on.year,
        "activity": row.activity,
    }
    for code, value in row.regions.items():
        initial[f"units_{code}"] = value["units"]
        initial[f"whiteness_{code}"] = value["whiteness"]
    return initial
