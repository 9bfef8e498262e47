"""What the core reads of this condition (recruitment.conditions.base.Condition), loaded by its
AppConfig once the apps are ready."""

from django.utils.translation import gettext_lazy as _

from recruitment.conditions.alopecia_areata import admin, answers, demo, kinds, questions, treatments
from recruitment.conditions.alopecia_areata.score import SeverityBand
from recruitment.conditions.base import ConditionModule, ExportColumn

CONDITION = ConditionModule(
    code="alopecia_areata",
    label=_("Alopecia areata"),
    kinds=kinds.KINDS,
    registry_terms=("alopecia",),
    poster_question=_("Do you have severe hair loss from alopecia areata?"),
    minutes_to_answer=15,  # measured: 8.5 low, 14 typical, 23 high (2026-12)
    answers_name="alopecia",
    build_answers=answers.build,
    screening_values=answers.screening_values,
    questions=questions.AlopeciaQuestions,
    initial_from=questions.initial_from,
    result_template="conditions/alopecia_areata/result.html",
    script="conditions/alopecia_areata/salt-preview.js",
    export_columns=(
        ExportColumn(_("Self-reported estimated SALT"), "salt", number=True),
        ExportColumn(_("Severity band (AA-IGA)"), "severity", choices=SeverityBand),
        ExportColumn(_("Current episode (months)"), "episode_months"),
    ),
    admin_list_columns=admin.LIST_COLUMNS,
    admin_displays=admin.DISPLAYS,
    coded_args={
        "causes": kinds.HairLossCause,
        "diagnoses": kinds.OtherHairLoss,
        "when": kinds.SpontaneousRegrowth,
        "aa_type": kinds.AAType,
        "scalp": kinds.ScalpCondition,
    },
    waiting_words={kinds.REGROWTH: _("Once your hair has grown back, you may meet these criteria of the trial:")},
    demo=demo.DEMO,
    own_treatments=treatments.AlopeciaTreatment,
    treatment_groups=treatments.GROUPS,
    # Which other hair-loss diseases or scalp conditions a patient has is for the site alone.
    private_kinds=frozenset({"other_hair_loss", "scalp_condition", "hair_loss_cause"}),
    demo_answers={
        "diagnosed": "yes",
        "other_diagnoses": ["none"],
        "hair_loss_causes": ["none"],
        "episode_month": "3",
        "episode_year": "2023",
        "spontaneous_regrowth": "not_in_12",
        "regrowth_within_8_years": "no",
        "treated_regrowth_6_months": "no",
        "aa_type": "patchy",
        "scalp_conditions": ["none"],
        "shaves_head": "no",
        "loss_top": "80",
        "loss_back": "70",
        "loss_left": "60",
        "loss_right": "60",
        "eyebrow_loss": "yes",
        "eyelash_loss": "no",
        "body_hair_loss": "no",
    },
)
