import functools
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from recruitment.conditions import condition_choices
from trials.models import Phase, RecruitmentStatus


def _with_any(choices, label):
    return [("", label), *choices]


def _near_choices():
    from trials.geo import city_choices

    return [("", _("Anywhere")), *city_choices()]


class TrialFilterForm(forms.Form):
    """The public list's filters, read from the query string; bad values are simply ignored."""

    condition = forms.ChoiceField(
        label=_("Condition"), required=False, choices=lambda: _with_any(condition_choices(), _("Any condition"))
    )
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=_with_any(Phase.choices, _("Any phase")))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_with_any(RecruitmentStatus.choices, _("Any status"))
    )

    # Where the patient is: a city where trials recruit, or the browser's location (JavaScript
    # fills these two in); the sites nearest it come first.
    near = forms.ChoiceField(label=_("Near"), required=False)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    FILTERS = ("condition", "phase", "status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read when shown or checked, once, not when the form is made: a cached page never reads them.
        self._cities = functools.cache(_near_choices)
        cast(forms.ChoiceField, self.fields["near"]).choices = self._cities

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        lookups = {name: self.cleaned_data[name] for name in self.FILTERS if self.cleaned_data.get(name)}
        return queryset.filter(**lookups)

    def has_cities(self) -> bool:
        return len(self._cities()) > 1

    def clean(self):
        super().clean()
        data = self.cleaned_data
        # About 10 km: enough to sort sites, and no one's address in a link or a server's log.
        for name in ("lat", "lon"):
            if data.get(name) is not None:
                data[name] = round(data[name], 1)
        return data

    def origin(self):
        """The point to measure distances from, or None."""
        from trials.geo import origin_of

        if not self.is_valid():
            return None
        data = self.cleaned_data
        return origin_of(city=data.get("near") or "", latitude=data.get("lat"), longitude=data.get("lon"))
