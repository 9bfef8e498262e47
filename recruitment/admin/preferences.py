"""A member of staff's own choices (the language of their e-mails), on a page of admin."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recruitment.models import StaffPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = StaffPreference
        fields = ["email_language"]
        widgets = {"email_language": forms.RadioSelect}


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    preference = StaffPreference.objects.filter(user=request.user).first() or StaffPreference(user=request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved: your e-mails will be written in the language you chose."))
        return redirect("staff_preferences")
    context = {**admin.site.each_context(request), "title": _("My preferences"), "form": form}
    return render(request, "admin/preferences.html", context)
