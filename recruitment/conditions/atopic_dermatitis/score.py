"""The self-reported extent and severity of atopic dermatitis: the Eczema Area and Severity Index
(EASI, Hanifin et al., Exp Dermatol 2001;10:11-18) and the body surface with eczema (BSA), worked
out from what a patient answers for each of the four EASI regions. Pure functions, no database.

Per region the patient gives how much of it has eczema, as the EASI area score (1 = 1-9 % of the
region ... 6 = 90-100 %), and how strong each of the four signs is (0 none to 3 severe). Region
score = (sum of the four signs) × area score × the region's weight; EASI is their sum, 0 to 72.
Every trial here enrols from age 12, so the weights are those for age 8 and over.

The body surface is the area band's middle times the region's share of the body. A region's share
in hand units (a palm with the fingers, about 1 % of the body) is its weight × 100: the weights
are the regions' shares of an adult's skin. Both are a patient's own estimate, labelled so
everywhere, and never cut hard at a threshold (`recruitment.screening.checks.check_estimate`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.labels import Label


@dataclass(frozen=True)
class Region:
    code: str
    label: Label
    help: Label  # what belongs to it, in plain words
    weight: Decimal  # of its score in EASI, age 8 and over; also its share of the body

    @property
    def hand_units(self) -> int:
        """About how many of the patient's hand units the whole region measures."""
        return int(self.weight * 100)


REGIONS = (
    Region(
        "head_neck",
        _("Head and neck"),
        _("The face, the scalp, the ears and the neck."),
        Decimal("0.1"),
    ),
    Region(
        "trunk",
        _("Chest, belly and back"),
        _("Including the genital area; the armpits count with the arms, the buttocks with the legs."),
        Decimal("0.3"),
    ),
    Region(
        "arms",
        _("Arms and hands"),
        _("Both arms, from the armpits and the shoulders to the fingertips."),
        Decimal("0.2"),
    ),
    Region(
        "legs",
        _("Legs, feet and buttocks"),
        _("Both legs, from the buttocks and the hips to the toes."),
        Decimal("0.4"),
    ),
)
BY_CODE = {region.code: region for region in REGIONS}

# The EASI area score: (score, from %, to %) of the region with eczema. No 0 step: a region without
# eczema is left empty.
AREA_BANDS = ((1, 1, 9), (2, 10, 29), (3, 30, 49), (4, 50, 69), (5, 70, 89), (6, 90, 100))
# The middle of each band, in % of the region: what the body surface counts.
AREA_MIDPOINTS = {1: 5, 2: 20, 3: 40, 4: 60, 5: 80, 6: 95}


class Sign(models.IntegerChoices):
    """The EASI steps of each sign, as a patient can see them on their skin."""

    NONE = 0, _("None")
    MILD = 1, _("Mild")
    MODERATE = 2, _("Moderate")
    SEVERE = 3, _("Severe")


@dataclass(frozen=True)
class SignKind:
    code: str
    label: Label
    # What each step looks like, NONE to SEVERE, in plain words (a drawing shows each too).
    steps: tuple[Label, Label, Label, Label]


SIGNS = (
    SignKind(
        "redness",
        _("Redness"),
        (
            _("The skin has its usual colour."),
            _("Faint pink, only just visible."),
            _("Clearly red. On darker skin, clearly darker, brownish or purplish."),
            _("Deep, fiery red. On darker skin, dark brown or deep purple."),
        ),
    ),
    SignKind(
        "swelling",
        _("Swelling or bumps"),
        (
            _("Flat and smooth."),
            _("Slightly raised; you can barely feel it."),
            _("Clearly raised or bumpy to the touch."),
            _("Very swollen and raised, with many bumps, maybe blisters or oozing."),
        ),
    ),
    SignKind(
        "scratching",
        _("Scratch marks"),
        (
            _("No scratch marks."),
            _("A few faint scratch lines."),
            _("Many scratch marks, some with small scabs."),
            _("Deep scratches, raw or bleeding skin, crusts."),
        ),
    ),
    SignKind(
        "thickening",
        _("Thickened skin"),
        (
            _("The skin is as thin and soft as elsewhere."),
            _("A little thicker, its lines slightly deeper."),
            _("Clearly thick, with deeper lines, like leather."),
            _("Very thick and hard, with deep lines and folds."),
        ),
    ),
)
SIGN_CODES = tuple(sign.code for sign in SIGNS)


class Severity(models.IntegerChoices):
    """The patient's overall view of their eczema now, on the steps of the investigator's global
    assessment (vIGA-AD / IGA 0-4). A self-estimate: the study doctor assesses it."""

    CLEAR = 0, _("gone")
    ALMOST_CLEAR = 1, _("almost gone")
    MILD = 2, _("mild")
    MODERATE = 3, _("moderate")
    SEVERE = 4, _("severe")


@dataclass(frozen=True)
class Extent:
    easi: Decimal  # 0 to 72, in tenths
    bsa: Decimal  # % of the body, in tenths


TENTH = Decimal("0.1")


def region_score(region: Region, area: int, signs: Mapping[str, int]) -> Decimal:
    return sum((int(signs[code]) for code in SIGN_CODES), 0) * int(area) * region.weight


def region_surface(region: Region, area: int) -> Decimal:
    """% of the body: the band's middle share of the region's hand units."""
    return Decimal(region.hand_units * AREA_MIDPOINTS[int(area)]) / 100


def extent(rows: Mapping[str, Mapping[str, int]]) -> Extent:
    """The estimates from {region code: {"area": 1-6, "redness": 0-3, ...}}; a region absent has
    no eczema. Exact in tenths (weights in tenths, midpoints in whole %, shares in tens of hands):
    no rounding, so a page's figure and the server's cannot differ."""
    easi = bsa = Decimal(0)
    for code, row in rows.items():
        region = BY_CODE[code]
        easi += region_score(region, row["area"], row)
        bsa += region_surface(region, row["area"])
    return Extent(easi=easi.quantize(TENTH), bsa=bsa.quantize(TENTH))
