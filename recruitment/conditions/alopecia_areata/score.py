"""Alopecia areata: the Severity of Alopecia Tool (SALT) and the AA-IGA severity bands.

SALT (Olsen et al., J Am Acad Dermatol 2004;51:440-447) weights the percent of terminal hair lost
in four views of the scalp by each view's share of the scalp area. What a patient enters is their
own estimate: it is labelled "self-reported estimated SALT" everywhere, never an investigator score.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# Share of the scalp area in each view.
SALT_WEIGHTS = {"top": Decimal("0.40"), "back": Decimal("0.24"), "left": Decimal("0.18"), "right": Decimal("0.18")}


def compute_salt(*, top: int, back: int, left: int, right: int) -> Decimal:
    """Self-reported estimated SALT, 0-100, rounded half up to one decimal."""
    losses = {"top": top, "back": back, "left": left, "right": right}
    for view, loss in losses.items():
        if not 0 <= loss <= 100:
            raise ValueError(f"hair loss on the {view} view must be 0-100, got {loss}")
    total = sum((SALT_WEIGHTS[view] * Decimal(loss) for view, loss in losses.items()), Decimal(0))
    return total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class SeverityBand(models.TextChoices):
    # AA-IGA (Wyrwich et al. 2020).
    NONE = "0", _("0 – no hair loss")
    LIMITED = "1", _("1 – limited (SALT 1-20)")
    MODERATE = "2", _("2 – moderate (SALT 21-49)")
    SEVERE = "3", _("3 – severe (SALT 50-94)")
    VERY_SEVERE = "4", _("4 – very severe (SALT 95-100)")


# Each band as a patient reads it: what it means on their head, not the scale's number.
PATIENT_BAND_WORDS = {
    SeverityBand.NONE: _("no hair loss"),
    SeverityBand.LIMITED: _("limited hair loss: up to a fifth of the scalp"),
    SeverityBand.MODERATE: _("moderate hair loss: from a fifth to half of the scalp"),
    SeverityBand.SEVERE: _("severe hair loss: half of the scalp or more"),
    SeverityBand.VERY_SEVERE: _("very severe hair loss: all or almost all of the scalp"),
}


# Where each band above "none" starts (SALT above 0: limited). The page's live preview reads these
# from the page, so that the browser and the server band a score alike.
BAND_STARTS = (
    (Decimal(21), SeverityBand.MODERATE),
    (Decimal(50), SeverityBand.SEVERE),
    (Decimal(95), SeverityBand.VERY_SEVERE),
)


def severity_band(salt: Decimal) -> SeverityBand:
    """The AA-IGA band of a SALT score. Scores between the published integer bands (e.g. 20.5)
    belong to the band below until they reach the next band's lower bound."""
    if salt <= 0:
        return SeverityBand.NONE
    band = SeverityBand.LIMITED
    for start, above in BAND_STARTS:
        if salt >= start:
            band = above
    return band
