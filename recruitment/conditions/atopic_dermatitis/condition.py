"""What the core reads of atopic dermatitis (recruitment.conditions.base.Condition), loaded by its
AppConfig once the apps are ready."""

from django.utils.translation import gettext_lazy as _

from recruitment.conditions.atopic_dermatitis import admin, answers, demo, kinds, questions, treatments
from recruitment.conditions.base import ConditionModule, ExportColumn

CONDITION = ConditionModule(
    code="atopic_dermatitis",
    label=_("Atopic dermatitis"),
    kinds=kinds.KINDS,
    registry_terms=("atopic dermatitis", "atopic eczema"),
    poster_question=_("Do you have moderate or severe atopic eczema?"),
    minutes_to_answer=20,  # measured: 10 low, 17 typical, 27 high: the EASI grid (2026-12)
    answers_name="atopic_dermatitis",
    build_answers=answers.build,
    screening_values=answers.screening_values,
    questions=questions.EczemaQuestions,
    initial_from=questions.initial_from,
    result_template="conditions/atopic_dermatitis/result.html",
    script="conditions/atopic_dermatitis/easi-preview.js",
    export_columns=(
        ExportColumn(_("Eczema for (months)"), "duration_months"),
        ExportColumn(_("Self-estimated EASI"), "easi", number=True),
        ExportColumn(_("Self-estimated BSA with eczema (%)"), "bsa", number=True),
        ExportColumn(_("Overall severity in the patient's words (IGA step)"), "iga"),
        ExportColumn(_("Worst itch, typical day of the past week (0-10)"), "itch"),
        ExportColumn(_("Creams in the last 6 months"), "topical_response", choices=kinds.TopicalResponse),
    ),
    admin_list_columns=admin.LIST_COLUMNS,
    admin_displays=admin.DISPLAYS,
    coded_args={"topical_response": kinds.TopicalResponse, "skin_diseases": kinds.OtherSkinDisease},
    demo=demo.DEMO,
    own_treatments=treatments.EczemaTreatment,
    treatment_groups=treatments.GROUPS,
    # Which other skin diseases a patient has is for the site alone.
    private_kinds=frozenset({"other_skin_disease"}),
    demo_answers={
        "diagnosed": "yes",
        "started_month": "5",
        "started_year": "2015",
        "area_head_neck": "2",
        "redness_head_neck": "2",
        "swelling_head_neck": "2",
        "scratching_head_neck": "1",
        "thickening_head_neck": "1",
        "area_arms": "4",
        "redness_arms": "2",
        "swelling_arms": "2",
        "scratching_arms": "2",
        "thickening_arms": "2",
        "area_legs": "4",
        "redness_legs": "2",
        "swelling_legs": "2",
        "scratching_legs": "2",
        "thickening_legs": "2",
        "area_trunk": "2",
        "redness_trunk": "2",
        "swelling_trunk": "1",
        "scratching_trunk": "2",
        "thickening_trunk": "1",
        "iga": "3",
        "itch": "7",
        "weight_kg": "58",
        "topical_response": "not_controlled",
        "other_skin": ["none"],
    },
)
