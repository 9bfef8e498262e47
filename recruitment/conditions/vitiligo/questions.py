"""The vitiligo section of the questionnaire: the diagnosis, the type, since when, whether it is
spreading, and the white patches' extent estimated region by region with the patient's own hand
(from which the server works out the self-reported BSA, F-VASI and T-VASI)."""

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
from recruitment.conditions.grid import GridColumn, RegionGrid, with_grid
from recruitment.conditions.vitiligo.kinds import Activity, VitiligoType
from recruitment.conditions.vitiligo.score import REGIONS, Whiteness, extent
from recruitment.conditions.vitiligo.treatments import VitiligoTreatment
from recruitment.patient_dates import months_between
from recruitment.respondent import ForChild
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


def _units_field(region) -> forms.Field:
    return forms.DecimalField(
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


def _whiteness_field(region) -> forms.Field:
    return forms.TypedChoiceField(
        label=format_lazy(_("{region}: how white"), region=region.label),
        choices=WHITENESS_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"data-vasi-whiteness": region.code}),
    )


GRID = (
    GridColumn("units", _units_field, _("Please estimate how many hand units the patches cover here.")),
    GridColumn("whiteness", _whiteness_field, _("Please choose how white the patches are here.")),
)


class _VitiligoQuestions(RegionGrid):
    section_title = _("2. Your white patches")
    section_template = "conditions/vitiligo/questions.html"
    treatments = TREATMENTS
    response_question = _("Did the white patches get colour back while using it?")
    child_section_title = _("2. Your child's white patches")
    child_response_question = response_question
    child_words = {
        "diagnosed": ForChild(label=_("Has a doctor told you that your child has vitiligo?")),
        "vitiligo_type": ForChild(label=_("Where are your child's white patches?")),
        "activity": ForChild(label=_("In the last 6 months, has your child's vitiligo changed?")),
    }
    grid_regions = REGIONS
    grid_columns = GRID
    grid_empty = _(
        "Please estimate at least one part of the body with white patches, with its hand units and "
        "how white the patches are."
    )

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

    pigmented_facial_hair = yes_no(
        _("Inside the white patches on the face, do some hairs still have their colour (eyebrows, eyelashes, beard)?"),
        _(
            "Some trials need a few coloured hairs in the facial patches. Answer “No” if there are no patches on "
            "the face."
        ),
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
        rows = self.clean_grid()
        if sum(row["units"] for row in rows.values()) > 100:
            self.add_error(None, _("The hand units add up to more than 100, the whole body. Please check them."))
        data["regions"] = {
            code: {"units": f"{row['units']:.1f}", "whiteness": row["whiteness"]} for code, row in rows.items()
        }
        return data

    def condition_answers(self) -> dict:
        """The section's cleaned answers, as the answers model stores them."""
        d = self.cleaned_data
        return {
            "vitiligo_type": d["vitiligo_type"],
            "started_on": d["started_on"],
            "duration_months": months_between(d["started_on"], self.today),
            "activity": d["activity"],
            "pigmented_facial_hair": d["pigmented_facial_hair"],
            "regions": d["regions"],
        }

    def score_preview(self):
        """The server's estimates for the regions on screen, shown without JavaScript too."""
        rows = self.grid_on_screen()
        return extent({code: (row["units"], row["whiteness"]) for code, row in rows.items()}) if rows else None


# Mixed into the questionnaire of a vitiligo trial (recruitment.forms.questionnaire_for).
VitiligoQuestions = with_grid(_VitiligoQuestions)


def initial_from(row) -> dict:
    """An earlier application's answers of this section, to apply to another trial."""
    initial = {
        "vitiligo_type": row.vitiligo_type,
        "started_month": row.started_on.month,
        "started_year": row.started_on.year,
        "activity": row.activity,
        "pigmented_facial_hair": row.pigmented_facial_hair or None,
    }
    for code, value in row.regions.items():
        initial[f"units_{code}"] = value["units"]
        initial[f"whiteness_{code}"] = value["whiteness"]
    return initial
