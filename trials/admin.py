from typing import cast

from django import forms
from django.contrib import admin
from django.db.models import Sum
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from recruitment.conditions import condition_choices
from recruitment.models import AuditAction
from recruitment.screening.kinds import examples, kind_choices, kind_label
from recruitment.selectors import campaigns_for
from recruitment.services.audit import log_action, log_campaign_change, log_trial_change
from trials import qr
from trials.models import (
    OPEN_FOR_SIGNUP,
    Campaign,
    CampaignScanDay,
    Criterion,
    RecruitmentStatus,
    Site,
    SponsorOrganisation,
    Trial,
    TrialChange,
)

# What the registry says of a trial, trial-wide: only an administrator (or an import) changes it.
# Coordinators write what patients read (the lay texts) and the criteria of their own trials.
REGISTRY_FIELDS = (
    "nct_id",
    "acronym",
    "title",
    "drug",
    "slug",
    "status",
    "is_demo",
    "official_title",
    "sponsor",
    "phase",
    "condition",
    "condition_name",  # shown in the condition's place: the condition in the reader's words
    "target_enrolment",
    "min_age_years",
    "max_age_years",
    "sex_eligibility",
    "registry_summary",
    "registry_eligibility_text",
)


def _changes(form) -> dict:
    """Each field an admin form changed: (old, new); a many-to-many field as the ids it held."""
    return {name: (_ids(form.initial.get(name)), _ids(form.cleaned_data.get(name))) for name in form.changed_data}


def _ids(value):
    if hasattr(value, "values_list"):  # a queryset of a many-to-many field
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, (list, tuple)):
        return sorted(getattr(item, "pk", item) for item in value)
    return value


def _fields_of(form) -> dict:
    """What a deleted inline row held, for the trail: (its value, None) for each field."""
    return {name: (_ids(value), None) for name, value in form.initial.items() if name not in ("id", "trial")}


def _parameter_help():
    lines = [f"{kind_label(kind)}: {example}" for kind, example in examples().items()]
    return format_html(
        "{}<br>{}",
        _("JSON. Examples by kind (kinds not listed take {}):"),
        format_html_join("", "{}<br>", ((line,) for line in lines)),
    )


def _qr_preview(image_path, target_url):
    return format_html(
        '<a href="{0}.png" download><img src="{0}.svg" width="160" height="160" alt="QR"></a>'
        '<br><a href="{0}.png" download>PNG</a> · <a href="{0}.svg" download>SVG</a>'
        "<br><code>{1}</code>",
        image_path,
        target_url,
    )


@admin.register(SponsorOrganisation)
class SponsorOrganisationAdmin(TranslationAdmin):
    list_display = ["name", "public_name"]
    search_fields = ["name", "public_name"]
    filter_horizontal = ["members"]

    def save_related(self, request, form, formsets, change):
        # Members download their trials' pseudonymised data: who added whom is in the trail.
        super().save_related(request, form, formsets, change)
        log_action(
            application=None,
            actor=request.user,
            action=AuditAction.SPONSOR_CHANGED,
            new=form.instance.name,
            details={
                "sponsor": form.instance.name,
                "created": not change,
                "changes": {name: [str(old), str(new)] for name, (old, new) in _changes(form).items()},
            },
        )


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    fields = ["facility", "city", "country", "status"]
    show_change_link = True


class CriterionForm(forms.ModelForm):
    """The kinds installed now (a plain field: new kinds need no migration), and this row's stored
    kind if it is no longer installed, so that its row still opens and saves unchanged."""

    kind = forms.ChoiceField(label=_("kind"))
    condition: str | None = None  # the trial's, set by CriterionInline.get_formset

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = [self.instance.kind] if self.instance.pk else []
        cast(forms.ChoiceField, self.fields["kind"]).choices = kind_choices(stored, condition=self.condition)


class CriterionInline(TranslationStackedInline):
    model = Criterion
    extra = 0
    fields = [("kind", "role", "position"), "params", "patient_text", "source_note"]
    ordering = ["position", "pk"]

    form = CriterionForm

    def get_formset(self, request, obj=None, **kwargs):
        # The kinds offered are the core's and the trial's condition's own.
        form = type("CriterionForm", (CriterionForm,), {"condition": obj.condition if obj else None})
        return super().get_formset(request, obj, form=form, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "params" and field is not None:
            field.help_text = _parameter_help()
            field.widget.attrs.update({"rows": 2, "cols": 80})
        return field


class TrialChangeInline(admin.TabularInline):
    """What the registry sync changed, newest first: read-only."""

    model = TrialChange
    extra = 0
    can_delete = False
    fields = readonly_fields = ("at", "site", "what", "old", "new", "registry_version")
    verbose_name_plural = _("Changes from the registry")

    @admin.display(description=_("what"))
    def what(self, change):
        return change.what

    @admin.display(description=_("from"))
    def old(self, change):
        return change.shown_old

    @admin.display(description=_("to"))
    def new(self, change):
        return change.shown_new

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ConditionFilter(admin.SimpleListFilter):
    """Trials by condition: the installed ones, and any a stored trial names that is not."""

    title = _("condition")
    parameter_name = "condition"

    def lookups(self, request, model_admin):
        return condition_choices(Trial.objects.values_list("condition", flat=True).distinct())

    def queryset(self, request, queryset):
        return queryset.filter(condition=self.value()) if self.value() else queryset


@admin.register(Trial)
class TrialAdmin(TranslationAdmin):
    list_display = ["patients_name", "acronym", "nct_id", "condition_name", "phase", "status", "sponsor", "is_demo"]

    @admin.display(description=_("name for patients"), ordering="lay_title")
    def patients_name(self, obj):
        return obj.display_name

    list_filter = ["status", ConditionFilter, "phase", "sponsor", "is_demo"]
    list_select_related = ["sponsor"]
    search_fields = ["nct_id", "acronym", "title", "drug"]
    readonly_fields = ["qr_code", "imported_at", "registry_updated_on", "created_at", "updated_at"]
    inlines = [CriterionInline, SiteInline, TrialChangeInline]

    @admin.display(description=_("condition"), ordering="condition")
    def condition_name(self, obj):
        return obj.condition_label

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "condition" in form.base_fields:
            # The installed conditions (a plain field: a new condition needs no migration), and this
            # trial's if it is no longer installed, so that the trial still opens and saves.
            form.base_fields["condition"] = forms.ChoiceField(
                label=_("condition"), choices=condition_choices([obj.condition] if obj else [])
            )
        return form

    fieldsets = [
        (
            None,
            {"fields": ["nct_id", "acronym", "title", "slug", "status", "open_locally_reason", "is_demo", "qr_code"]},
        ),
        (
            _("For patients, in every language"),
            {
                "fields": ["lay_title", "summary", "eligibility_summary", "participation"],
                "description": _(
                    "Patients read these texts. Write each one in every language: a page in Chinese "
                    "shows the English text, with a notice, where the Chinese is missing."
                ),
            },
        ),
        (
            _("From the registry"),
            {
                "fields": [
                    "official_title",
                    "drug",
                    "sponsor",
                    "phase",
                    "condition",
                    "target_enrolment",
                    "min_age_years",
                    "max_age_years",
                    "sex_eligibility",
                    "registry_summary",
                    "registry_eligibility_text",
                    "imported_at",
                    "registry_updated_on",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def has_change_permission(self, request, obj=None):
        # Coordinators keep the criteria of their own sites' trials, and no others.
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or request.user.is_superuser:
            return allowed
        return obj.sites.filter(coordinators=request.user).exists()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # Coordinators read the condition, in their words; only a superuser changes it.
        return [
            (name, {**options, "fields": ["condition_name" if f == "condition" else f for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Registry facts come from imports; coordinators write what patients read. A translated
            # field shows as one field per language.
            translated = set(self.trans_opts.all_fields)
            fields += [
                shown
                for name in REGISTRY_FIELDS
                for shown in (
                    name,
                    *(build_localized_fieldname(name, code) for code in AVAILABLE_LANGUAGES if name in translated),
                )
            ]
        return fields

    def save_formset(self, request, form, formset, change):
        """A criterion or a site added, changed or deleted is a trial-wide edit too: audited."""
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            deleted = inline_form in formset.deleted_forms
            if not deleted and not inline_form.has_changed():
                continue
            log_trial_change(
                form.instance,
                by=request.user,
                what=f"{inline_form.instance._meta.verbose_name}: {inline_form.instance}",
                changes=_fields_of(inline_form) if deleted else _changes(inline_form),
                created=not deleted and inline_form.initial == {},
                deleted=deleted,
            )

    def save_model(self, request, obj, form, change):
        pinned = "open_locally_reason" in form.changed_data
        if obj.open_locally_reason and obj.status == RecruitmentStatus.NOT_YET_RECRUITING:
            # Kept open locally: sign-up opens now, ahead of a registry that has not caught up (the
            # model refuses it for a trial the registry stopped).
            TrialChange.objects.create(
                trial=obj,
                field="status",
                old_value=obj.status,
                new_value=OPEN_FOR_SIGNUP,
                registry_version=obj.registry_updated_on,
            )
            obj.status = OPEN_FOR_SIGNUP
        unpinned = pinned and not obj.open_locally_reason and form.initial.get("open_locally_reason")
        if unpinned:
            # No longer kept open: back to the registry's status from before it was opened locally
            # (the sync decides from then on; a demo trial, never synced, would stay open otherwise).
            opened = (
                TrialChange.objects.filter(trial=obj, field="status", new_value=OPEN_FOR_SIGNUP).order_by("-pk").first()
            )
            if opened is not None and obj.status == OPEN_FOR_SIGNUP:
                TrialChange.objects.create(
                    trial=obj,
                    field="status",
                    old_value=obj.status,
                    new_value=opened.old_value,
                    registry_version=obj.registry_updated_on,
                )
                obj.status = opened.old_value
        super().save_model(request, obj, form, change)
        log_trial_change(obj, by=request.user, what=str(obj), changes=_changes(form), created=not change)
        if pinned:
            log_action(
                application=None,
                actor=request.user,
                action=AuditAction.TRIAL_PINNED,
                field="open_locally_reason",
                old=form.initial.get("open_locally_reason") or "",
                new=obj.open_locally_reason,
                details={"trial": obj.nct_id},
            )

    @admin.display(description=_("Sign-up QR code"))
    def qr_code(self, trial):
        if not trial.pk:
            return "—"
        path = reverse("codes:qr", kwargs={"slug": trial.slug, "fmt": "png"})[: -len(".png")]
        return _qr_preview(path, qr.signup_url(trial))


@admin.register(Site)
class SiteAdmin(TranslationAdmin):
    list_display = ["facility", "city", "country", "trial", "status"]
    list_filter = ["status", "country", "trial"]
    filter_horizontal = ["coordinators"]
    list_select_related = ["trial"]
    search_fields = ["facility", "city", "trial__nct_id", "trial__acronym"]

    def get_exclude(self, request, obj=None):
        """Who coordinates a site is for that site's own coordinators (and administrators) to see:
        a coordinator of another site learns no colleague's user name from it."""
        excluded = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser and (obj is None or not obj.coordinators.filter(pk=request.user.pk).exists()):
            excluded += ["coordinators", "lead_coordinator"]
        return excluded

    def save_related(self, request, form, formsets, change):
        # Who coordinates a site decides who sees its applicants: a trial-wide edit, audited.
        super().save_related(request, form, formsets, change)
        site = form.instance
        log_trial_change(
            site.trial,
            by=request.user,
            what=f"{site._meta.verbose_name}: {site}",
            changes=_changes(form),
            created=not change,
        )


class CampaignScanDayInline(admin.TabularInline):
    model = CampaignScanDay
    extra = 0
    fields = ["day", "scans"]
    readonly_fields = ["day", "scans"]
    can_delete = False
    ordering = ["-day"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "trial", "channel", "language", "site", "code", "is_active", "total_scans", "created_at"]
    list_filter = ["is_active", "channel", "trial"]
    list_select_related = ["trial", "site"]
    search_fields = ["name", "code", "trial__nct_id", "trial__acronym"]
    readonly_fields = ["qr_code", "poster", "created_by", "created_at"]
    fields = [
        "trial",
        "name",
        "channel",
        "language",
        "site",
        "code",
        "is_active",
        "qr_code",
        "poster",
        "created_by",
        "created_at",
    ]
    inlines = [CampaignScanDayInline]

    # Scoped like applications: a coordinator runs the campaigns of their own sites, and sees
    # (without changing) the trial-wide ones of their sites' trials; no other site's.
    def get_queryset(self, request):
        return campaigns_for(request.user, super().get_queryset(request).annotate(scan_total=Sum("scan_days__scans")))

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return (
            obj is None or request.user.is_superuser or request.user.coordinated_sites.filter(pk=obj.site_id).exists()
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not request.user.is_superuser and "site" in form.base_fields:
            # A coordinator's campaign hangs at one of their sites: it is theirs to change later.
            form.base_fields["site"].required = True
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "trial" and not request.user.is_superuser:
            kwargs["queryset"] = Trial.objects.filter(sites__coordinators=request.user).distinct()
        if db_field.name == "site" and not request.user.is_superuser:
            kwargs["queryset"] = Site.objects.filter(coordinators=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("QR scans"), ordering="scan_total")
    def total_scans(self, campaign):
        return campaign.scan_total or 0

    @admin.display(description=_("QR code"))
    def qr_code(self, campaign):
        if not campaign.pk:
            return _("Save the campaign to get its QR code.")
        path = reverse("codes:campaign_qr", kwargs={"code": campaign.code, "fmt": "png"})[: -len(".png")]
        return _qr_preview(path, qr.absolute_url(campaign.get_short_path()))

    @admin.display(description=_("Printable poster"))
    def poster(self, campaign):
        if not campaign.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank">{}</a>',
            reverse("codes:campaign_poster", kwargs={"code": campaign.code}),
            _("Open the A4 poster"),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        log_campaign_change(
            obj,
            by=request.user,
            created=not change,
            changes={name: (form.initial.get(name), form.cleaned_data.get(name)) for name in form.changed_data},
        )
