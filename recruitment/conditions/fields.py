"""Questions and date rules that several conditions' questionnaire sections share."""

from __future__ import annotations

import datetime

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from recruitment.patient_dates import months_between
from recruitment.screening.treatments import YesNoUnsure

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]
MAX_MONTHS_AGO = 1200


NONE_ALONE = _('"None of these" cannot be combined with another answer.')


def alone(chosen, *, standalone=("none",), message=NONE_ALONE):
    """A multiple choice whose `standalone` answers ("None of these") exclude every other."""
    chosen = set(chosen)
    if chosen & set(standalone) and len(chosen) > 1:
        raise forms.ValidationError(message)
    return sorted(chosen)


def radio(choices, label, help_text, **kwargs):
    return forms.ChoiceField(label=label, help_text=help_text, choices=choices, widget=forms.RadioSelect, **kwargs)


def yes_no(label, help_text):
    return radio(YesNoUnsure.choices, label, help_text)


def month_field():
    return forms.TypedChoiceField(
        label=_("Month"), choices=[("", "—"), *MONTHS], coerce=int, help_text=_("Approximate is fine.")
    )


def year_field(label=None):
    """A year; `label` says the year of what, for the error summary that lists it apart."""
    return forms.IntegerField(
        label=label or _("Year"), min_value=1900, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )


def limit_year_to_today(form, year_field_name: str):
    """A year field of this form instance accepts no year after the form's today (its own copy
    of the field: the class's field is shared by every request)."""
    field = form.fields[year_field_name]
    field.validators.append(
        MaxValueValidator(
            form.today.year,
            message=format_lazy(
                _("This year has not come yet: please give a year up to {year}."), year=form.today.year
            ),
        )
    )
    field.widget.attrs["max"] = form.today.year


def clean_month_year(form, data: dict, month_name: str, year_name: str) -> datetime.date | None:
    """The first of the month the patient gave, or None with an error on the year field when the
    date is impossible (future, before birth, more than a century ago)."""
    month, year = data.get(month_name), data.get(year_name)
    if not (month and year):
        return None
    started = datetime.date(year, month, 1)
    if started > form.today:
        form.add_error(year_name, _("This date is in the future. Please check the month and year."))
    elif data.get("date_of_birth") and started < data["date_of_birth"].replace(day=1):
        form.add_error(year_name, _("This is before the date of birth given above. Please check the year."))
    elif months_between(started, form.today) > MAX_MONTHS_AGO:
        form.add_error(year_name, _("Please check the year: this is more than 100 years ago."))
    else:
        return started
    return None
