"""What the core reads of this condition (recruitment.conditions.base.Condition), loaded by its
AppConfig once the apps are ready."""

from django.utils.translation import gettext_lazy as _

from recruitment.conditions.base import ConditionModule, ExportColumn
from recruitment.conditions.vitiligo import admin, answers, demo, kinds, questions, treatments

CONDITION = ConditionModule(
    code="vitiligo",
    label=_("Vitiligo"),
    kinds=kinds.KINDS,
    registry_terms=("vitiligo",),
    poster_question=_("Do you have white patches from vitiligo?"),
    minutes_to_answer=15,  # measured: 8.4 low, 14 typical, 23 high (2026-12)
    answers_name="vitiligo",
    build_answers=answers.build,
    screening_values=answers.screening_values,
    questions=questions.VitiligoQuestions,
    initial_from=questions.initial_from,
    result_template="conditions/vitiligo/result.html",
    script="conditions/vitiligo/vasi-preview.js",
    export_columns=(
        ExportColumn(_("Type of vitiligo"), "vitiligo_type", choices=kinds.VitiligoType),
        ExportColumn(_("Vitiligo for (months)"), "duration_months"),
        ExportColumn(_("Spreading in the last 6 months"), "activity", choices=kinds.Activity),
        ExportColumn(_("Self-estimated facial BSA (%)"), "facial_bsa", number=True),
        ExportColumn(_("Self-estimated BSA outside the face (%)"), "nonfacial_bsa", number=True),
        ExportColumn(_("Self-estimated total BSA (%)"), "total_bsa", number=True),
        ExportColumn(
            _("Self-estimated BSA without palms, soles and tops of the feet (%)"),
            "bsa_without_palms_soles_feet_tops",
            number=True,
        ),
        ExportColumn(_("Self-estimated F-VASI"), "f_vasi", number=True),
        ExportColumn(_("Self-estimated T-VASI"), "t_vasi", number=True),
    ),
    admin_list_columns=admin.LIST_COLUMNS,
    admin_displays=admin.DISPLAYS,
    coded_args={"vitiligo_type": kinds.VitiligoType, "activity": kinds.Activity},
    demo=demo.DEMO,
    own_treatments=treatments.VitiligoTreatment,
    demo_answers={
        "diagnosed": "yes",
        "vitiligo_type": "non_segmental",
        "started_month": "9",
        "started_year": "2021",
        "activity": "stable",
        "pigmented_facial_hair": "yes",
        "units_face": "1",
        "whiteness_face": "75",
        "units_arms": "2",
        "whiteness_arms": "50",
        "units_trunk": "3",
        "whiteness_trunk": "75",
    },
)
