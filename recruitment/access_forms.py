"""Forms of "my application" (recruitment.my_application) and of a coordinator's erasure."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.forms import clean_phone_number
from recruitment.models import BestTime


class FindApplicationForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference code"),
        max_length=20,
        help_text=_("As on your confirmation, for example 7K3M-Q9TX."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    address = forms.CharField(
        label=_("The phone number or e-mail address you gave"),
        max_length=254,
        help_text=_("We send a one-time code there."),
        # One autofill token only ("tel email" is invalid HTML, axe: serious); most patients here
        # signed up with a phone number.
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("One-time code"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ContactCorrectionForm(forms.Form):
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    best_time_to_call = forms.ChoiceField(label=_("Best time to call"), choices=BestTime.choices)

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("phone") and not data.get("email") and not self.errors:
            raise forms.ValidationError(
                _("Please keep a phone number or an e-mail address so that the site can reach you.")
            )
        return data


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand: my answers and contact details are deleted for good, and the study team can no "
            "longer contact me about this application."
        ),
    )


class ErasureAsked(models.TextChoices):
    """How the patient asked a coordinator to erase their data: coded, because the audit trail
    outlives the erasure and must keep no words typed about the person."""

    PHONE = "by phone", _("By phone")
    EMAIL = "by e-mail", _("By e-mail")
    IN_PERSON = "in person", _("In person at the site")
    LETTER = "by letter", _("By letter")


class CoordinatorEraseForm(forms.Form):
    asked = forms.ChoiceField(label=_("How the patient asked"), choices=ErasureAsked.choices, widget=forms.RadioSelect)
    identity_checked = forms.BooleanField(
        label=_("I checked that the person asking is the patient (or their parent or guardian)"),
        help_text=_("For example with the reference code and the date of birth."),
    )

    def reason(self) -> str:
        """The trail's reason, in the portal's own words."""
        return f"asked {self.cleaned_data['asked']}, identity checked"
