"""The alopecia-areata section of the questionnaire: hair lost on each of the four scalp views
(from which the server works out the self-reported SALT), and beyond the scalp."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.alopecia_areata.score import compute_salt, severity_band
from recruitment.screening.treatments import YesNoUnsure

SCALP_VIEWS = [
    ("loss_top", _("Top of the head"),
     # xgettext:no-python-format
     _("The top is 40% of the scalp.")),
    ("loss_back", _("Back of the head"),
     # xgettext:no-python-format
     _("The back is 24% of the scalp.")),
    ("loss_left", _("Left side"),
     # xgettext:no-python-format
     _("Each side is 18% of the scalp.")),
    ("loss_right", _("Right side"),
     # xgettext:no-python-format
     _("Each side is 18% of the scalp.")),
]
BEYOND_THE_SCALP = ("eyebrow_loss", "eyelash_loss", "body_hair_loss")


def _scalp_view(name, label, help_text):
    return forms.IntegerField(
        label=label, help_text=help_text, min_value=0, max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1, "data-salt-view": name}),
    )


def _yes_no(label, help_text):
    return forms.ChoiceField(label=label, help_text=help_text, choices=YesNoUnsure.choices, widget=forms.RadioSelect)


class AlopeciaQuestions(forms.Form):
    """Mixed into the questionnaire of an alopecia-areata trial (recruitment.forms.questionnaire_for)."""

    section_template = "conditions/alopecia_areata/questions.html"

    loss_top, loss_back, loss_left, loss_right = (_scalp_view(*view) for view in SCALP_VIEWS)
    eyebrow_loss = _yes_no(_("Have you lost eyebrow hair?"),
                           _("Hair loss beyond the scalp tells the study team how widespread it is."))
    eyelash_loss = _yes_no(_("Have you lost eyelash hair?"), _("Some trials also measure eyelash regrowth."))
    body_hair_loss = _yes_no(_("Have you lost body hair?"),
                             _("Loss of all body hair is alopecia universalis, which most of these trials accept."))

    def condition_answers(self) -> dict:
        """The section's cleaned answers, as the answers model stores them."""
        return {name: self.cleaned_data[name] for name in (*(view[0] for view in SCALP_VIEWS), *BEYOND_THE_SCALP)}

    def scalp_fields(self):
        return [self[name] for name, _label, _help in SCALP_VIEWS]

    def score_preview(self):
        """The server's SALT for the views on screen (typed, or kept across a language switch),
        when all four are valid numbers: shown without JavaScript too."""
        answers = self.data if self.is_bound else self.initial
        values = {}
        for name, _label, _help in SCALP_VIEWS:
            try:
                values[name] = int(answers.get(name) or "")
            except (TypeError, ValueError):
                return None
            if not 0 <= values[name] <= 100:
                return None
        salt = compute_salt(top=values["loss_top"], back=values["loss_back"], left=values["loss_left"],
                            right=values["loss_right"])
        return {"salt": salt, "band": severity_band(salt)}


def initial_from(row) -> dict:
    """An earlier application's answers of this section, to apply to another trial."""
    return {name: getattr(row, name) for name in (*(view[0] for view in SCALP_VIEWS), *BEYOND_THE_SCALP)}
