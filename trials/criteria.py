"""Kinds of structured eligibility criteria and the parameters each takes.

Pure: no database. A criterion describes a condition on the applicant's answers ("age between 18
and 70", "used a JAK-inhibitor tablet"); an inclusion criterion is met when the condition holds,
an exclusion criterion when it does not. A review criterion is for a rule the protocol may hold
but the team could not confirm: when its condition holds the result is unknown (the site checks),
never a guess either way. The evaluator lives in recruitment.screening.eligibility.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.screening.treatments import TREATMENT_GROUPS, Treatment


class CriterionKind(models.TextChoices):
    AGE = "age", _("Age range (optionally per sex)")
    SEX = "sex", _("Sex at birth")
    SALT = "salt", _("SALT score range (self-reported estimate)")
    EPISODE_DURATION = "episode_duration", _("Duration of the current episode (months)")
    RECENT_REGROWTH = "recent_regrowth", _("Hair regrowth in the last N months")
    PRIOR_JAK = "prior_jak", _("Prior JAK inhibitor")
    WASHOUT = "washout", _("Treatment used within N days")
    PREGNANCY = "pregnancy", _("Pregnant, breastfeeding or planning pregnancy")
    OTHER_HAIR_LOSS = "other_hair_loss", _("Other hair-loss diagnosis")
    DIAGNOSIS = "diagnosis", _("Diagnosed by a doctor")
    F_VASI = "f_vasi", _("Facial VASI (F-VASI) minimum")
    T_VASI = "t_vasi", _("Total VASI (T-VASI) minimum")
    BSA = "bsa", _("Depigmented body surface area (% BSA) range")
    SEGMENTAL_VITILIGO = "segmental_vitiligo", _("Segmental vitiligo")
    MANUAL = "manual", _("Checked by the study team only")


class Role(models.TextChoices):
    INCLUSION = "inclusion", _("Inclusion: the applicant must meet the condition")
    EXCLUSION = "exclusion", _("Exclusion: meeting the condition excludes")
    REVIEW = "review", _("Review: meeting the condition asks the site to check (unconfirmed rule)")


class OtherHairLoss(models.TextChoices):
    ANDROGENETIC = "androgenetic", _("Androgenetic alopecia (pattern hair loss)")
    SCARRING = "scarring", _("Scarring alopecia")
    DIFFUSE = "diffuse", _("Diffuse hair loss (telogen effluvium)")
    TRACTION = "traction", _("Traction alopecia")
    TRICHOTILLOMANIA = "trichotillomania", _("Trichotillomania (hair pulling)")


# For each kind: parameter name -> (type, required). Types: "number", "bool", "list", "choice".
PARAMETERS: dict[str, dict[str, tuple[str, bool]]] = {
    CriterionKind.AGE: {
        "min": ("number", False), "max": ("number", False),
        "male_min": ("number", False), "male_max": ("number", False),
        "female_min": ("number", False), "female_max": ("number", False),
    },
    CriterionKind.SEX: {"allowed": ("list", True)},
    CriterionKind.SALT: {"min": ("number", False), "max": ("number", False)},
    CriterionKind.EPISODE_DURATION: {
        "min_months": ("number", False), "max_months": ("number", False),
        "min_exclusive": ("bool", False), "max_exclusive": ("bool", False),
    },
    CriterionKind.RECENT_REGROWTH: {"months": ("number", True)},
    CriterionKind.PRIOR_JAK: {"route": ("choice", True), "inadequate_response_only": ("bool", False)},
    CriterionKind.WASHOUT: {"treatments": ("list", True), "days": ("number", True)},
    CriterionKind.PREGNANCY: {},
    CriterionKind.OTHER_HAIR_LOSS: {"diagnoses": ("list", True)},
    CriterionKind.DIAGNOSIS: {},
    CriterionKind.F_VASI: {"min": ("number", True)},
    CriterionKind.T_VASI: {"min": ("number", True)},
    CriterionKind.BSA: {"min": ("number", False), "max": ("number", False)},
    CriterionKind.SEGMENTAL_VITILIGO: {},
    CriterionKind.MANUAL: {},
}

CHOICES = {("prior_jak", "route"): {"oral", "any"}}

EXAMPLES = {
    CriterionKind.AGE: '{"min": 18, "max": 70, "male_max": 60}',
    CriterionKind.SEX: '{"allowed": ["FEMALE", "MALE"]}',
    CriterionKind.SALT: '{"min": 50, "max": 100}',
    CriterionKind.EPISODE_DURATION: '{"min_months": 6, "min_exclusive": true, "max_months": 96, "max_exclusive": true}',
    CriterionKind.RECENT_REGROWTH: '{"months": 6}',
    CriterionKind.PRIOR_JAK: '{"route": "oral", "inadequate_response_only": true}',
    CriterionKind.WASHOUT: '{"treatments": ["oral_steroid", "immunosuppressant"], "days": 90}',
    CriterionKind.OTHER_HAIR_LOSS: '{"diagnoses": ["androgenetic", "scarring"]}',
    CriterionKind.F_VASI: '{"min": 0.5}',
    CriterionKind.T_VASI: '{"min": 3}',
    CriterionKind.BSA: '{"max": 10}',
}


def validate_params(kind: str, params) -> list[str]:
    """Problems with `params` for `kind`, in words a coordinator can act on; empty when valid."""
    if kind not in PARAMETERS:
        return [f"unknown kind {kind!r}"]
    if not isinstance(params, dict):
        return ["parameters must be a JSON object, for example " + EXAMPLES.get(kind, "{}")]
    spec = PARAMETERS[kind]
    problems = [f"unknown parameter {name!r}" for name in params if name not in spec]
    for name, (kind_of_value, required) in spec.items():
        if name not in params:
            if required:
                problems.append(f"parameter {name!r} is required")
            continue
        value = params[name]
        if kind_of_value == "number" and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
            problems.append(f"parameter {name!r} must be a number of 0 or more")
        elif kind_of_value == "bool" and not isinstance(value, bool):
            problems.append(f"parameter {name!r} must be true or false")
        elif kind_of_value == "list" and (not isinstance(value, list) or not value):
            problems.append(f"parameter {name!r} must be a non-empty list")
        elif kind_of_value == "choice" and value not in CHOICES[(kind, name)]:
            problems.append(f"parameter {name!r} must be one of {sorted(CHOICES[(kind, name)])}")
    allowed_lists = {
        ("sex", "allowed"): {"FEMALE", "MALE"},
        ("washout", "treatments"): set(Treatment.values) | set(TREATMENT_GROUPS),
        ("other_hair_loss", "diagnoses"): set(OtherHairLoss.values),
    }
    for (list_kind, name), allowed in allowed_lists.items():
        if kind == list_kind and isinstance(params.get(name), list):
            unknown = [v for v in params[name] if v not in allowed]
            if unknown:
                problems.append(f"parameter {name!r} has unknown values {unknown}; allowed: {sorted(allowed)}")
    for low, high in (("min", "max"), ("min_months", "max_months"), ("male_min", "male_max"),
                      ("female_min", "female_max")):
        if isinstance(params.get(low), (int, float)) and isinstance(params.get(high), (int, float)):
            if params[low] > params[high]:
                problems.append(f"parameter {low!r} is above {high!r}")
    return problems
