"""The coordinator's review form: the only things a coordinator changes on an application."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from recruitment.models import Application, AttemptChannel, AttemptOutcome
from recruitment.pipeline import Status, TransitionError, allowed_moves, check_move
from recruitment.selectors import coordinators_for


class ApplicationReviewForm(forms.ModelForm):
    # The call panel: one attempt to reach the applicant.
    attempt_outcome = forms.ChoiceField(
        label=_("Call outcome"), required=False, choices=[("", _("— no call to record —")), *AttemptOutcome.choices]
    )
    attempt_channel = forms.ChoiceField(
        label=_("How"), choices=AttemptChannel.choices, initial=AttemptChannel.PHONE, required=False
    )
    next_contact_at = forms.DateTimeField(
        label=_("Next contact"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_(
            "When to try again, or when the patient asked to be called back. Not kept when the patient was reached."
        ),
    )
    new_status = forms.ChoiceField(label=_("Move to"), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required for not eligible, declined, unreachable and withdrawn. Kept with the notes, and erased "
            "with them if the patient's data is erased; the audit trail records only that a reason was given."
        ),
    )
    assign_to: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Assigned to"), queryset=None, required=False)
    note = forms.CharField(
        label=_("Add a note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Notes cannot be edited once saved; add another to correct one."),
    )
    reevaluate = forms.BooleanField(
        label=_("Re-evaluate against the trial's current criteria"),
        required=False,
        help_text=_("The earlier evaluation is kept."),
    )

    class Meta:
        model = Application
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        application = self.instance
        moves = allowed_moves(application.status)
        cast(forms.ChoiceField, self.fields["new_status"]).choices = [
            ("", _("— keep “%s” —") % Status(application.status).label)
        ] + [(status, Status(status).label) for status in moves]
        cast(forms.ModelChoiceField, self.fields["assign_to"]).queryset = coordinators_for(application)
        self.fields["assign_to"].initial = application.assigned_to_id

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("attempt_outcome") == "call_back" and not data.get("next_contact_at"):
            self.add_error("next_contact_at", _("When did the patient ask to be called back?"))
        target = data.get("new_status")
        if target:
            try:
                check_move(self.instance.status, target, data.get("reason", ""))
            except TransitionError as exc:
                self.add_error("reason" if "reason" in str(exc).lower() else "new_status", str(exc))
        return data
