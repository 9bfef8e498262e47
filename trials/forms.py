from django import forms
from django.utils.translation import gettext_lazy as _

from trials.models import Condition, Phase, RecruitmentStatus


def _with_any(choices, label):
    return [("", label), *choices]


class TrialFilterForm(forms.Form):
    """The public list's filters, read from the query string; bad values are simply ignored."""

    condition = forms.ChoiceField(
        label=_("Condition"), required=False, choices=_with_any(Condition.choices, _("Any condition"))
    )
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=_with_any(Phase.choices, _("Any phase")))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_with_any(RecruitmentStatus.choices, _("Any status"))
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        lookups = {name: value for name, value in self.cleaned_data.items() if value}
        return queryset.filter(**lookups)
