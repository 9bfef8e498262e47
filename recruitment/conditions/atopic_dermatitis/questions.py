"""The atopic-dermatitis section of the questionnaire: the diagnosis, since when, the eczema region
by region (how much of each of the four EASI regions, and how strong each of the four signs
is there: from these the server works out the self-reported EASI and body surface), the overall
severity in lay words, the itch, body weight, how creams worked, and other skin diseases."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.atopic_dermatitis.kinds import OtherSkinDisease, TopicalResponse
from recruitment.conditions.atopic_dermatitis.score import (
    AREA_BANDS,
    AREA_MIDPOINTS,
    REGIONS,
    SIGNS,
    Severity,
    Sign,
    extent,
)
from recruitment.conditions.atopic_dermatitis.treatments import EczemaTreatment
from recruitment.conditions.fields import (
    alone,
    clean_month_year,
    limit_year_to_today,
    month_field,
    radio,
    year_field,
    yes_no,
)
from recruitment.conditions.grid import GridColumn, RegionGrid, with_grid
from recruitment.patient_dates import months_between
from recruitment.respondent import ForChild
from recruitment.screening.treatments import Treatment

T, E = Treatment, EczemaTreatment
# The treatments asked about, in the order shown: creams, light, tablets and injections, then JAK
# inhibitors.
TREATMENTS = (
    T.TOPICAL_STEROID,
    T.TOPICAL_CALCINEURIN,
    E.CRISABOROLE,
    T.PHOTOTHERAPY,
    T.ORAL_STEROID,
    E.CYCLOSPORINE,
    E.METHOTREXATE,
    E.AZATHIOPRINE_MYCOPHENOLATE,
    E.DUPILUMAB,
    E.TRALOKINUMAB,
    T.TCM,
    T.UPADACITINIB,
    T.ABROCITINIB,
    T.IVARMACITINIB,
    T.BARICITINIB,
    T.TOFACITINIB,
    T.RUXOLITINIB_CREAM,
)

SEVERITY_CHOICES = [
    (Severity.CLEAR, _("Gone: no eczema to see right now")),
    (Severity.ALMOST_CLEAR, _("Almost gone: only a little faint pink or dry skin")),
    (Severity.MILD, _("Mild: some light-red, slightly raised patches")),
    (Severity.MODERATE, _("Moderate: clearly red, raised or bumpy patches, perhaps some scratch marks")),
    (
        Severity.SEVERE,
        _("Severe: deep red, very raised or thickened patches, often cracked, oozing or crusted, in many places"),
    ),
]
ITCH_CHOICES = [
    ("", "—"),
    (0, _("0: no itch at all")),
    *((n, str(n)) for n in range(1, 10)),
    (10, _("10: the worst itch imaginable")),
]
TOPICAL_CHOICES = [
    (TopicalResponse.NOT_CONTROLLED, _("Yes, but they did not keep the eczema under control")),
    (
        TopicalResponse.NOT_TOLERATED,
        _("Yes, but I could not keep using them because of side effects (such as burning or thin skin)"),
    ),
    (TopicalResponse.CONTROLLED, _("Yes, and they kept the eczema under control")),
    (TopicalResponse.NOT_USED, _("No, not in the last 6 months")),
    (TopicalResponse.UNSURE, _("I am not sure")),
]
OTHER_SKIN_CHOICES = [*OtherSkinDisease.choices, ("none", _("None of these")), ("unsure", _("I am not sure"))]


def _hands(region, percent: int) -> str:
    """A share of the region in the patient's hand units, to the half."""
    halves = round(region.hand_units * percent / 50)
    return f"{halves // 2}" if halves % 2 == 0 else f"{halves / 2:.1f}"


def area_choices(region) -> list:
    """The EASI area steps of one region, each explained in the patient's own hand units."""
    choices: list = [("", "—")]
    for score, low, high in AREA_BANDS:
        if score == 1 and _hands(region, 10) == "1":
            # xgettext:no-python-format
            label = _("Under 1 hand (under 10%)")
        elif score == 1:
            label = format_lazy(
                # xgettext:no-python-format
                _("Under {hands} hands (under 10%)"),
                hands=_hands(region, 10),
            )
        elif high == 100:
            label = format_lazy(
                # xgettext:no-python-format
                _("{hands} hands or more (90% or more)"),
                hands=_hands(region, 90),
            )
        else:
            label = format_lazy(
                # xgettext:no-python-format
                _("{few}–{many} hands ({low}–{high}%)"),
                low=low,
                high=high,
                few=_hands(region, low),
                many=_hands(region, high + 1),
            )
        choices.append((score, label))
    return choices


def _area_field(region) -> forms.Field:
    return forms.TypedChoiceField(
        label=format_lazy(_("{region}: how much of it has eczema"), region=region.label),
        help_text=format_lazy(
            _("{what} All of it is about {hands} of your hand units."), what=region.help, hands=region.hand_units
        ),
        choices=area_choices(region),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(
            attrs={
                "data-easi-area": region.code,
                "data-weight-tenths": int(region.weight * 10),
                "data-hand-units": region.hand_units,
            }
        ),
    )


def _sign_field(sign):
    def field(region) -> forms.Field:
        return forms.TypedChoiceField(
            label=format_lazy(_("{region}: {sign}"), region=region.label, sign=sign.label),
            choices=[("", "—"), *Sign.choices],
            coerce=int,
            required=False,
            empty_value=None,
            widget=forms.Select(attrs={"data-easi-sign": region.code}),
        )

    return field


GRID = (
    GridColumn("area", _area_field, _("Please choose how much of this part has eczema.")),
    *(
        GridColumn(
            sign.code,
            _sign_field(sign),
            format_lazy(_("Please choose how strong this is here: {sign}."), sign=sign.label),
            # "None" is an answer here: a sign may be absent where there is eczema.
            given=lambda value: value is not None,
        )
        for sign in SIGNS
    ),
)


class _EczemaQuestions(RegionGrid):
    section_title = _("2. Your eczema")
    section_template = "conditions/atopic_dermatitis/questions.html"
    treatments = TREATMENTS
    response_question = _("Did the eczema clear or nearly clear while using it?")
    child_section_title = _("2. Your child's eczema")
    child_response_question = response_question
    child_words = {
        # A child's hand unit is the child's palm: 1% of the child's skin, not of the parent's.
        **{
            f"area_{region.code}": ForChild(
                help_text=format_lazy(
                    _("{what} All of it is about {hands} of your child's hand units."),
                    what=region.help,
                    hands=region.hand_units,
                )
            )
            for region in REGIONS
        },
        "diagnosed": ForChild(label=_("Has a doctor told you that your child has atopic dermatitis (atopic eczema)?")),
        "iga": ForChild(label=_("Overall, how does your child's eczema look right now?")),
        "itch": ForChild(
            label=_("Think of the past 7 days: on a typical day, how bad was your child's itch at its worst?"),
            help_text=_(
                "From 0 (no itch) to 10 (the worst itch your child can imagine). Trials ask for 4 or more. If your "
                "child can tell you, go by what they say."
            ),
        ),
        "weight_kg": ForChild(label=_("Your child's body weight (kg)")),
        "topical_response": ForChild(
            label=_(
                "In the last 6 months, has your child used steroid creams or ointments, or tacrolimus or "
                "pimecrolimus, on the eczema?"
            ),
            choices={
                TopicalResponse.NOT_TOLERATED: _(
                    "Yes, but my child could not keep using them because of side effects (such as burning or thin skin)"
                )
            },
        ),
        "other_skin": ForChild(label=_("Has a doctor found another skin disease that your child has now?")),
    }
    grid_regions = REGIONS
    grid_columns = GRID
    grid_empty = _(
        "Please describe at least one part of the body with eczema now: how much of it, and how strong each sign is."
    )

    diagnosed = yes_no(
        _("Has a doctor told you that you have atopic dermatitis (atopic eczema)?"),
        _("The trials are for atopic dermatitis; a doctor at the site will confirm it."),
    )
    started_month = month_field()
    started_year = year_field(_("Year the eczema began"))
    iga = forms.TypedChoiceField(
        label=_("Overall, how does your eczema look right now?"),
        help_text=_(
            "Think of where it is worst. The trials are for moderate or severe eczema; the study doctor judges it "
            "at the visit."
        ),
        choices=SEVERITY_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    itch = forms.TypedChoiceField(
        label=_("Think of the past 7 days: on a typical day, how bad was the itch at its worst?"),
        help_text=_("From 0 (no itch) to 10 (the worst itch you can imagine). Trials ask for 4 or more."),
        choices=ITCH_CHOICES,
        coerce=int,
    )
    weight_kg = forms.IntegerField(
        label=_("Your body weight (kg)"),
        help_text=_("In kilograms (1 kg is 2 jin). Some trials set a lowest weight for the medicine's dose."),
        min_value=15,
        max_value=250,
        error_messages={
            "min_value": _("Please give a weight from 15 to 250 kg."),
            "max_value": _("Please give a weight from 15 to 250 kg. If you gave it in jin, halve it."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    topical_response = radio(
        TOPICAL_CHOICES,
        _(
            "In the last 6 months, have you used steroid creams or ointments, or tacrolimus or pimecrolimus, on "
            "your eczema?"
        ),
        _("The trials are for eczema that creams alone have not kept under control."),
    )
    other_skin = forms.MultipleChoiceField(
        label=_("Has a doctor found another skin disease that you have now?"),
        help_text=_("Another skin disease can make eczema hard to assess, so some trials do not take it."),
        choices=OTHER_SKIN_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_year_to_today(self, "started_year")

    def clean_other_skin(self):
        return alone(self.cleaned_data["other_skin"])

    def clean(self):
        super().clean()
        data = self.cleaned_data
        started = clean_month_year(self, data, "started_month", "started_year")
        if started:
            data["started_on"] = started
        data["regions"] = self.clean_grid()
        return data

    def condition_answers(self) -> dict:
        """The section's cleaned answers, as the answers model stores them."""
        d = self.cleaned_data
        return {
            "started_on": d["started_on"],
            "duration_months": months_between(d["started_on"], self.today),
            "regions": d["regions"],
            "iga": d["iga"],
            "itch": d["itch"],
            "weight_kg": d["weight_kg"],
            "topical_response": d["topical_response"],
            "other_skin_diseases": [c for c in d["other_skin"] if c not in ("none", "unsure")],
            "other_skin_unsure": "unsure" in d["other_skin"],
        }

    # The middle of each area step in % of the region, for the live preview (score.AREA_MIDPOINTS).
    area_midpoints = "|".join(str(AREA_MIDPOINTS[score]) for score, _low, _high in AREA_BANDS)

    def signs(self):
        """What each sign looks like at each step, for the guide above the grid."""
        return [
            (
                sign,
                [
                    (step, words, f"conditions/atopic_dermatitis/signs/{sign.code}-{step.value}.svg")
                    for step, words in zip(Sign, sign.steps, strict=True)
                ],
            )
            for sign in SIGNS
        ]

    def score_preview(self):
        """The server's estimates for the regions on screen, shown without JavaScript too."""
        rows = self.grid_on_screen()
        return extent(rows) if rows else None


# Mixed into the questionnaire of an atopic-dermatitis trial (recruitment.forms.questionnaire_for).
EczemaQuestions = with_grid(_EczemaQuestions)


def initial_from(row) -> dict:
    """An earlier application's answers of this section, to apply to another trial."""
    initial = {
        "started_month": row.started_on.month,
        "started_year": row.started_on.year,
        "iga": row.iga,
        "itch": row.itch,
        "weight_kg": row.weight_kg,
        "topical_response": row.topical_response,
        "other_skin": [*row.other_skin_diseases, "unsure"]
        if row.other_skin_unsure
        else (list(row.other_skin_diseases) or ["none"]),
    }
    for code, answers in row.regions.items():
        for name, value in answers.items():
            initial[f"{name}_{code}"] = value
    return initial
