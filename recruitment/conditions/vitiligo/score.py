"""The self-reported extent of vitiligo: depigmented body surface (BSA) and the Vitiligo Area
Scoring Index (VASI), worked out from what a patient estimates region by region with their own
hand. Pure functions, no database.

One "hand unit" is the patient's palm with the fingers, about 1 % of their body surface. VASI per
region = hand units × degree of depigmentation (0, 10, 25, 50, 75, 90 or 100 %), summed over
regions: F-VASI over the face (at most about 3), T-VASI over the whole body, face included. VASI
is a clinician's score: what the patient gives is a self-reported estimate, labelled so
everywhere, and never cut hard at a threshold (`recruitment.screening.checks.check_estimate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.labels import Label


@dataclass(frozen=True)
class Region:
    code: str
    label: Label
    help: Label  # what belongs to it, in plain words
    max_units: Decimal  # about how many of the patient's hand units the whole region measures
    facial: bool = False
    # Palms, soles and the tops of the feet: some trials leave them out of the body surface.
    extremity: bool = False


REGIONS = (
    Region(
        "face",
        _("Face"),
        _("From the forehead to the jaw: eyelids, nose, cheeks and chin; not the scalp, the ears or the neck."),
        Decimal(3),
        facial=True,
    ),
    Region(
        "head_neck",
        _("Scalp, ears and neck"),
        _("The scalp (part the hair and look, or ask someone to), the ears and the neck."),
        Decimal(6),
    ),
    Region(
        "trunk", _("Chest, belly, back and buttocks"), _("Including the armpits and the genital area."), Decimal(37)
    ),
    Region("arms", _("Arms"), _("Both arms, from the shoulders to the wrists."), Decimal(14)),
    Region("hands", _("Backs of the hands and fingers"), _("Both hands, the back side only."), Decimal(3)),
    Region(
        "palms",
        _("Palms (the inside of the hands)"),
        _("The inside of both hands and fingers."),
        Decimal(3),
        extremity=True,
    ),
    Region("legs", _("Legs"), _("Both legs, from the hips to the ankles."), Decimal(34)),
    Region("feet_tops", _("Tops of the feet and toes"), _("Both feet, the top side."), Decimal(3), extremity=True),
    Region("soles", _("Soles and heels"), _("The underside of both feet."), Decimal(3), extremity=True),
)
BY_CODE = {region.code: region for region in REGIONS}


class Whiteness(models.IntegerChoices):
    """The VASI steps of depigmentation within a region's patches, as a patient can see them."""

    NONE = 0, _("No white patches here")
    SPECKS = 10, _("Only a few small white specks")
    LESS_WHITE = 25, _("Patches with more normal colour than white")
    HALF = 50, _("Patches half white, half normal colour")
    MOSTLY_WHITE = 75, _("Patches more white than normal colour")
    NEARLY_WHITE = 90, _("Patches white, with only specks of colour left")
    WHITE = 100, _("Patches completely white")


@dataclass(frozen=True)
class Extent:
    """The self-reported estimates, in % of body surface (BSA) and VASI points."""

    facial_bsa: Decimal
    nonfacial_bsa: Decimal
    total_bsa: Decimal
    bsa_without_palms_soles_feet_tops: Decimal
    f_vasi: Decimal
    t_vasi: Decimal


HUNDREDTH = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    # Two decimals: the registries' thresholds (F-VASI 0.5, T-VASI 3, BSA 0.5 %) need one, and
    # a region of 0.5 hand units at 10 % gives 0.05.
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def region_vasi(units: Decimal, whiteness: int) -> Decimal:
    return Decimal(units) * Decimal(whiteness) / 100


def extent(regions: dict[str, tuple[Decimal, int]]) -> Extent:
    """The estimates from {region code: (hand units, whiteness %)}; a region absent has no patch.
    A region's hand units count towards the body surface only where its patches are white at all."""
    facial = nonfacial = without_extremities = f_vasi = t_vasi = Decimal(0)
    for code, (units, whiteness) in regions.items():
        region = BY_CODE[code]
        units = Decimal(units) if whiteness else Decimal(0)
        vasi = region_vasi(units, whiteness)
        t_vasi += vasi
        if region.facial:
            facial += units
            f_vasi += vasi
        else:
            nonfacial += units
        if not region.extremity:
            without_extremities += units
    return Extent(
        facial_bsa=_round(facial),
        nonfacial_bsa=_round(nonfacial),
        total_bsa=_round(facial + nonfacial),
        bsa_without_palms_soles_feet_tops=_round(without_extremities),
        f_vasi=_round(f_vasi),
        t_vasi=_round(t_vasi),
    )
