"""Texts patients read, in every language of settings.LANGUAGES (django-modeltranslation).
A missing translation shows the English text (MODELTRANSLATION_FALLBACK_LANGUAGES)."""

from modeltranslation.translator import TranslationOptions, register

from trials.models import Criterion, Site, SponsorOrganisation, Trial


@register(Trial)
class TrialTranslation(TranslationOptions):
    fields = ("lay_title", "title", "summary", "eligibility_summary", "participation", "drug")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("patient_text",)


@register(Site)
class SiteTranslation(TranslationOptions):
    fields = ("facility", "city", "state", "country")


@register(SponsorOrganisation)
class SponsorTranslation(TranslationOptions):
    fields = ("public_name", "country")
