"""Texts patients read, in every language of settings.LANGUAGES (django-modeltranslation).
A missing translation shows the English text (MODELTRANSLATION_FALLBACK_LANGUAGES)."""

from modeltranslation.translator import TranslationOptions, register

from trials.models import Criterion, Site, Trial


@register(Trial)
class TrialTranslation(TranslationOptions):
    fields = ("title", "summary", "eligibility_summary", "drug")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("patient_text",)


@register(Site)
class SiteTranslation(TranslationOptions):
    fields = ("facility", "city", "country")
