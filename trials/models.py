"""The trial catalog: sponsors, trials, their sites and the campaigns that advertise them."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from recruitment.conditions import condition_of, installed, is_installed, validate_condition
from recruitment.language import reads_chinese
from recruitment.screening.eligibility import CriterionSpec
from recruitment.screening.kinds import is_known_kind, kind_label, kinds_for, validate_kind, validate_params
from recruitment.screening.roles import Role


class Phase(models.TextChoices):
    # Values mirror ClinicalTrials.gov's phase lists joined with "_" (["PHASE2", "PHASE3"]).
    EARLY_PHASE1 = "EARLY_PHASE1", _("Early phase 1")
    PHASE1 = "PHASE1", _("Phase 1")
    PHASE1_PHASE2 = "PHASE1_PHASE2", _("Phase 1/2")
    PHASE2 = "PHASE2", _("Phase 2")
    PHASE2_PHASE3 = "PHASE2_PHASE3", _("Phase 2/3")
    PHASE3 = "PHASE3", _("Phase 3")
    PHASE4 = "PHASE4", _("Phase 4")
    NA = "NA", _("Not applicable")


class RecruitmentStatus(models.TextChoices):
    # ClinicalTrials.gov overallStatus / location status values.
    RECRUITING = "RECRUITING", _("Recruiting")
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING", _("Not yet recruiting")
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION", _("Enrolling by invitation")
    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING", _("Active, not recruiting")
    SUSPENDED = "SUSPENDED", _("Suspended")
    TERMINATED = "TERMINATED", _("Terminated")
    COMPLETED = "COMPLETED", _("Completed")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")
    UNKNOWN = "UNKNOWN", _("Unknown status")


class SexEligibility(models.TextChoices):
    ALL = "ALL", _("All")
    FEMALE = "FEMALE", _("Women only")
    MALE = "MALE", _("Men only")


class SponsorOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("As the registry names it."))
    public_name = models.CharField(
        _("name for patients"),
        max_length=200,
        blank=True,
        help_text=_(
            "The name patients know, in each language (for example 礼来 for Eli Lilly). Empty: the registry's name."
        ),
    )
    # PIPL art. 38-39: patients' answers sent to a sponsor in another country need their separate
    # consent, naming the recipient. Empty: the sponsor is in the patients' country.
    country = models.CharField(
        _("country"),
        max_length=80,
        blank=True,
        help_text=_(
            "Where the sponsor receives data, in English as the registry writes it (for example "
            "United States). Empty when it is the patients' country."
        ),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="sponsor_organisations",
        verbose_name=_("sponsor users"),
        help_text=_("Users who may follow this sponsor's trials."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("sponsor organisation")
        verbose_name_plural = _("sponsor organisations")

    def __str__(self):
        return self.name

    @property
    def patient_name(self):
        return self.public_name or self.name


# The one definition of "open for sign-up", for a trial and for each of its sites: the registry
# says it recruits (a coordinator who keeps a trial open ahead of the registry sets this status).
OPEN_FOR_SIGNUP = RecruitmentStatus.RECRUITING

# Names of a trial go into e-mail subjects ("New applicant for …"), where a line break is a header
# injection and makes every such e-mail fail: refused where the name is typed or imported.
ONE_LINE = RegexValidator(r"[\r\n]", _("This must fit on one line: remove the line break."), inverse_match=True)


class RemembersStored(models.Model):
    """Keeps the values of the fields in `remembered` as the row was read (Django's documented
    `from_db` hook), so that clean() tells a changed code from one kept as stored without reading
    the row again: an admin page saving a trial's criteria costs no query per criterion."""

    remembered: tuple[str, ...] = ()
    _stored: dict[str, object]

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored = {name: getattr(instance, name) for name in cls.remembered if name in field_names}
        return instance

    def stored(self, name: str):
        """A field's value as read from the database (None for a row not read from it)."""
        return getattr(self, "_stored", {}).get(name)


def open_for_signup_q(path: str = "") -> models.Q:
    """Sites open for sign-up: these rows, or the sites at `path` ("sites__")."""
    return models.Q(**{f"{path}status": OPEN_FOR_SIGNUP})


def trial_open_for_signup_q(path: str = "") -> models.Q:
    """Trials open for sign-up, these or those at `path` ("application__trial__"): recruiting, and
    of a condition installed here (a trial of another has no questions to ask)."""
    return open_for_signup_q(path) & models.Q(**{f"{path}condition__in": [c.code for c in installed()]})


class TrialQuerySet(models.QuerySet):
    def open_for_signup(self):
        # A trial of a condition no longer installed has no questions to ask: it takes no sign-up.
        return self.filter(trial_open_for_signup_q())

    def open_first(self):
        return self.annotate(
            status_rank=models.Case(
                models.When(trial_open_for_signup_q(), then=0),
                models.When(status=RecruitmentStatus.NOT_YET_RECRUITING, then=1),
                default=2,
                output_field=models.IntegerField(),
            )
        ).order_by("status_rank", "title")


class Trial(RemembersStored):
    remembered = ("condition", "open_locally_reason")  # checked when they change (clean)

    nct_id = models.CharField(
        _("NCT number"),
        max_length=11,
        unique=True,
        validators=[RegexValidator(r"^NCT\d{8}$", _("An NCT number is NCT followed by 8 digits."))],
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Part of the trial's address and QR code: changing it breaks printed QR codes."),
    )
    acronym = models.CharField(_("acronym"), max_length=60, blank=True, validators=[ONE_LINE])
    lay_title = models.CharField(
        _("short title for patients"),
        max_length=120,
        blank=True,
        validators=[ONE_LINE],
        help_text=_(
            "What the trial tests, in a few plain words; trial cards and headings show it. Not overwritten by imports."
        ),
    )
    title = models.CharField(
        _("title"), max_length=300, help_text=_("The registry's brief title."), validators=[ONE_LINE]
    )
    official_title = models.TextField(_("official title"), blank=True)
    summary = models.TextField(
        _("plain-language summary"),
        help_text=_("What the trial is, in words a patient understands. Not overwritten by imports."),
    )
    registry_summary = models.TextField(_("registry summary"), blank=True)
    eligibility_summary = models.TextField(
        _("who may join, in plain words"),
        blank=True,
        help_text=_("One point per line, shown on the trial page. Not overwritten by imports."),
    )
    participation = models.TextField(
        _("what taking part involves, in plain words"),
        blank=True,
        help_text=_("Visits, duration, placebo, costs: one point per line. Not overwritten by imports."),
    )
    registry_eligibility_text = models.TextField(_("registry eligibility criteria"), blank=True)
    drug = models.CharField(_("drug"), max_length=200, blank=True)
    sponsor = models.ForeignKey(
        SponsorOrganisation, on_delete=models.PROTECT, related_name="trials", verbose_name=_("sponsor")
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.NA)
    # A plain code, checked against the installed conditions when it changes (clean).
    condition = models.CharField(_("condition"), max_length=30)
    status = models.CharField(
        _("recruitment status"),
        max_length=30,
        choices=RecruitmentStatus.choices,
        default=RecruitmentStatus.NOT_YET_RECRUITING,
        db_index=True,
    )
    target_enrolment = models.PositiveIntegerField(_("target enrolment"), null=True, blank=True)
    min_age_years = models.PositiveSmallIntegerField(_("minimum age (years)"), null=True, blank=True)
    max_age_years = models.PositiveSmallIntegerField(_("maximum age (years)"), null=True, blank=True)
    sex_eligibility = models.CharField(
        _("sex"), max_length=10, choices=SexEligibility.choices, default=SexEligibility.ALL
    )
    is_demo = models.BooleanField(
        _("demonstration data"),
        default=False,
        help_text=_("Shown to patients as demonstration data; its status is not the registry's."),
    )
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)
    registry_updated_on = models.DateField(
        _("registry version"),
        null=True,
        blank=True,
        help_text=_("The registry's last update of the record (lastUpdatePostDate) when it was last read."),
    )
    # A site may recruit ahead of the registry's update: pinned, the trial's sign-up stays open
    # whatever the daily sync reads, until unpinned. Audited.
    open_locally_reason = models.CharField(
        _("open locally, because"),
        max_length=300,
        blank=True,
        help_text=_(
            "Fill in to keep the sign-up open while the registry does not yet say it recruits (for "
            "example: site initiation visit done on 2 December, registry update pending). Empty: "
            "the registry decides."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrialQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("trial")
        verbose_name_plural = _("trials")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age_years__isnull=True)
                | models.Q(max_age_years__isnull=True)
                | models.Q(min_age_years__lte=models.F("max_age_years")),
                name="trial_age_range_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.acronym or self.title} ({self.nct_id})"

    def get_absolute_url(self):
        return reverse("trials:detail", kwargs={"slug": self.slug})

    def clean(self):
        # A condition chosen now must be installed; one stored before its app was removed stays.
        if self.condition != self.stored("condition"):
            try:
                validate_condition(self.condition)
            except ValidationError as error:
                raise ValidationError({"condition": error.messages}) from None
        # Opening locally runs ahead of a registry that has not yet caught up, never against one
        # that stopped the trial (suspended, terminated, completed...).
        # A new reason opens a trial not yet recruiting; one already given is kept on the trial it
        # opened (clearing it gives back the status from before: trials.admin).
        allowed = [RecruitmentStatus.NOT_YET_RECRUITING]
        if self.stored("open_locally_reason"):
            allowed.append(OPEN_FOR_SIGNUP)
        if self.open_locally_reason and self.status not in allowed:
            raise ValidationError(
                {
                    "open_locally_reason": _(
                        "Only a trial the registry lists as not yet recruiting can be opened locally; it lists "
                        "this one as “%(status)s”."
                    )
                    % {"status": self.get_status_display()}
                }
            )

    @property
    def display_name(self):
        """What patients call the trial: its lay title in their language."""
        return self.lay_title or self.acronym or self.title

    @property
    def staff_name(self):
        """What coordinators and sponsors call the trial: its acronym."""
        return self.acronym or self.display_name

    # Texts a coordinator writes for patients, which every language of the portal should have.
    PATIENT_TEXTS = ("summary", "eligibility_summary", "participation")

    @property
    def title_has_translation(self) -> bool:
        language = (get_language() or settings.LANGUAGE_CODE).replace("-", "_")
        return language == settings.LANGUAGE_CODE or bool(getattr(self, f"title_{language}", ""))

    def untranslated_texts(self, language: str) -> list[str]:
        """The patient texts that exist in English but not in `language` (shown in English there);
        "lay_title" when the heading has no version in `language` (see `_heading_untranslated`)."""
        if language == settings.LANGUAGE_CODE:
            return []
        suffix = language.replace("-", "_")
        missing = [
            name
            for name in self.PATIENT_TEXTS
            if getattr(self, f"{name}_en", "") and not getattr(self, f"{name}_{suffix}", "")
        ]
        return (["lay_title"] if self._heading_untranslated(suffix) else []) + missing

    def _heading_untranslated(self, suffix: str) -> bool:
        # The heading is the lay title; without one, the acronym (a code, the same in every
        # language) or else the registry title.
        translated = getattr(self, f"lay_title_{suffix}", "")
        if getattr(self, "lay_title_en", "") or translated:  # a field django-modeltranslation adds
            return not translated
        return not self.acronym and not getattr(self, f"title_{suffix}", "")

    @property
    def is_open_for_signup(self) -> bool:
        return self.status == OPEN_FOR_SIGNUP and is_installed(self.condition)

    @property
    def recruits_elsewhere_only(self) -> bool:
        """Recruiting, by the registry, but for a condition this portal does not serve (any more):
        its questions cannot be asked here."""
        return self.status == OPEN_FOR_SIGNUP and not is_installed(self.condition)

    @property
    def minutes_to_answer(self) -> int:
        """How long its questionnaire takes, as its condition measured it."""
        return condition_of(self).minutes_to_answer

    @property
    def condition_label(self):
        """The condition's name in the reader's language ("Unknown condition" if not installed)."""
        return condition_of(self).label

    @property
    def registry_url(self):
        return f"https://clinicaltrials.gov/study/{self.nct_id}"

    def get_signup_path(self):
        return reverse("recruitment:apply", kwargs={"slug": self.slug})

    @property
    def age_range_text(self):
        low, high = self.min_age_years, self.max_age_years
        if low is not None and high is not None:
            return _("Aged %(low)s to %(high)s") % {"low": low, "high": high}
        if low is not None:
            return _("Aged %(low)s or older") % {"low": low}
        if high is not None:
            return _("Aged up to %(high)s") % {"high": high}
        return _("No age limit")

    def eligibility_points(self):
        return _points(self.eligibility_summary)

    def participation_points(self):
        return _points(self.participation)


def _points(text: str) -> list[str]:
    return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]


class SiteQuerySet(models.QuerySet):
    def open_for_signup(self):
        return self.filter(open_for_signup_q())


class Site(models.Model):
    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="sites", verbose_name=_("trial"))
    facility = models.CharField(_("facility"), max_length=300)
    city = models.CharField(_("city"), max_length=120)
    state = models.CharField(_("state or province"), max_length=120, blank=True)
    zip_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=80)
    status = models.CharField(
        _("site recruitment status"),
        max_length=30,
        choices=RecruitmentStatus.choices,
        default=RecruitmentStatus.NOT_YET_RECRUITING,
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # What patients are given to reach the study team (confirmation, "my application"): the
    # team's desk, never a coordinator's own address.
    contact_phone = models.CharField(_("study team's phone for patients"), max_length=40, blank=True)
    contact_email = models.EmailField(_("study team's e-mail for patients"), blank=True)
    # The first-contact clock: working hours (Monday to Friday, WORKDAY_HOURS, the patients' time
    # zone) from a sign-up to the first attempt to reach the patient.
    first_contact_target_hours = models.PositiveSmallIntegerField(
        _("first contact within (working hours)"),
        default=8,
        help_text=_("8 working hours is one working day. Missed, the lead coordinator is told once."),
    )
    lead_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead coordinator"),
        help_text=_("Told when an applicant waits past the first-contact target."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_sites",
        verbose_name=_("coordinators"),
        help_text=_("Staff who review this site's applicants; they see no other site's."),
    )

    objects = SiteQuerySet.as_manager()

    class Meta:
        ordering = ["country", "city", "facility"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.UniqueConstraint(fields=["trial", "facility", "city", "country"], name="site_unique_per_trial"),
        ]

    def __str__(self):
        comma = "，" if self._in_chinese("facility", "city") else ", "
        return f"{self.facility}{comma}{self.city}"

    @property
    def is_open_for_signup(self) -> bool:
        return self.status == OPEN_FOR_SIGNUP

    @property
    def place(self) -> str:
        """City and country, written as the reader's language writes them."""
        if self._in_chinese("city", "country"):
            return f"{self.country}{self.city}"
        return f"{self.city}, {self.country}"

    @property
    def address(self) -> str:
        """City, province or state, and country, in the reader's order (largest first in Chinese)."""
        # "上海, Shanghai" and "东京都新宿区, 东京都" name the same place twice: keep one.
        state = (
            self.state
            if self.state and self.state.rstrip("市") not in self.city and self.city.rstrip("市") not in self.state
            else ""
        )
        if self._in_chinese("city", "country", *(["state"] if state else [])):
            return f"{self.country}{state}{self.city}"
        return ", ".join(part for part in (self.city, state, self.country) if part)

    def _in_chinese(self, *names) -> bool:
        """Whether the reader reads Chinese and every named part has its Chinese name: parts run
        together without separators only in Chinese ("United StatesBoston" is nobody's address)."""
        return reads_chinese() and all(getattr(self, f"{name}_zh_hans", "") for name in names)


class Channel(models.TextChoices):
    LIVE_BROADCAST = "live_broadcast", _("Live broadcast")
    POSTER = "poster", _("Poster")
    LEAFLET = "leaflet", _("Clinic leaflet")
    SOCIAL_MEDIA = "social_media", _("Social media")
    PATIENT_GROUP = "patient_group", _("Patient organisation")
    OTHER = "other", _("Other")


# No 0/O, 1/I/L: the code is read aloud on broadcasts and typed from posters.
CAMPAIGN_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CAMPAIGN_CODE_LENGTH = 7


def new_campaign_code() -> str:
    return "".join(secrets.choice(CAMPAIGN_CODE_ALPHABET) for _ in range(CAMPAIGN_CODE_LENGTH))


class Campaign(models.Model):
    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("trial"))
    name = models.CharField(_("name"), max_length=200, help_text=_('For example "Live broadcast, 23 May".'))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.OTHER)
    site = models.ForeignKey(
        Site,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("site"),
        help_text=_("The site the poster or leaflet is displayed at, if any; it is printed on the poster."),
    )
    code = models.SlugField(
        _("short code"),
        max_length=16,
        unique=True,
        default=new_campaign_code,
        help_text=_("Used in the short link and QR code; do not change it once printed."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("A retired campaign's link shows patients the open trials instead.")
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language of the broadcast or poster: its QR code opens the portal in this language "
            "(patients can still switch), and the poster is printed in it. Empty: the phone's language."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        # A poster at a site of another trial would send patients to a trial that site does not run.
        if self.site and self.trial_id and self.site.trial_id != self.trial_id:
            raise ValidationError({"site": _("This site does not belong to the campaign's trial.")})

    def get_short_path(self):
        return reverse("codes:campaign_link", kwargs={"code": self.code})


class CampaignScanDay(models.Model):
    """QR scans of a campaign's short link, counted per day: the top of the recruitment funnel."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="scan_days")
    day = models.DateField()
    scans = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("campaign scans per day")
        verbose_name_plural = _("campaign scans per day")
        constraints = [models.UniqueConstraint(fields=["campaign", "day"], name="scan_day_unique")]

    def __str__(self):
        return f"{self.campaign.code} {self.day}: {self.scans}"


class Criterion(RemembersStored):
    """One structured eligibility criterion of a trial, edited by coordinators in admin."""

    remembered = ("kind",)

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("trial"))
    # A plain code, checked against the installed kinds when it changes (clean).
    kind = models.CharField(_("kind"), max_length=30)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.INCLUSION)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    patient_text = models.CharField(
        _("in plain words"), max_length=300, help_text=_("The criterion as a patient reads it.")
    )
    source_note = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where this comes from: registry, protocol section…")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["trial", "position", "pk"]
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")

    def __str__(self):
        return self.patient_text

    def clean(self):
        if self.kind == self.stored("kind") and not is_known_kind(self.kind):
            # A kind whose condition is no longer installed: kept as it was (the site checks it), so
            # that the rest of its trial can still be edited; a kind chosen now must be known.
            return
        try:
            validate_kind(self.kind)
        except ValidationError as error:
            raise ValidationError({"kind": error.messages}) from None
        if self.trial_id and self.kind not in kinds_for(self.trial.condition):
            raise ValidationError({"kind": _("This kind of criterion belongs to another condition than the trial's.")})
        problems = validate_params(self.kind, self.params)
        if problems:
            raise ValidationError({"params": problems})

    @property
    def kind_label(self):
        return kind_label(self.kind)

    def as_spec(self):
        # The English words are the reference text; others travel with them in the snapshot.
        texts = {code: getattr(self, f"patient_text_{code.replace('-', '_')}", None) for code, _ in settings.LANGUAGES}
        english = texts.pop("en", None) or self.patient_text
        return CriterionSpec(
            kind=self.kind,
            role=self.role,
            params=self.params,
            patient_text=english,
            criterion_id=self.pk,
            translations={code: text for code, text in texts.items() if text},
        )


class TrialChange(models.Model):
    """One change the registry sync made to a trial or one of its sites: what, from what to what,
    when, and from which version of the registry record."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="changes", verbose_name=_("trial"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    site = models.CharField(_("site"), max_length=400, blank=True, help_text=_("Empty: the trial itself."))
    field = models.CharField(_("what"), max_length=60)
    old_value = models.CharField(_("from"), max_length=300, blank=True)
    new_value = models.CharField(_("to"), max_length=300, blank=True)
    registry_version = models.DateField(_("registry version"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "pk"]
        verbose_name = _("registry change")
        verbose_name_plural = _("registry changes")

    def __str__(self):
        return f"{self.trial_id} {self.site} {self.field}: {self.old_value} → {self.new_value}"

    # Stored as codes (one language in the record); shown in the reader's language.
    @property
    def what(self) -> str:
        return change_label(self.field)

    @property
    def shown_old(self) -> str:
        return value_label(self.field, self.old_value)

    @property
    def shown_new(self) -> str:
        return value_label(self.field, self.new_value)


SITE_CHANGES = {"site status": _("site status"), "site added": _("site added")}


def change_label(field: str) -> str:
    """What a registry change names, in the reader's language."""
    if field in SITE_CHANGES:
        return str(SITE_CHANGES[field])
    try:
        return str(getattr(Trial._meta.get_field(field), "verbose_name", field))
    except Exception:  # noqa: BLE001 - a field renamed since the change was recorded
        return field


def value_label(field: str, value: str) -> str:
    """A recorded value, with a status or a phase shown as its label."""
    if field in ("status", "site status", "site added") and value in RecruitmentStatus.values:
        return str(RecruitmentStatus(value).label)
    if field == "phase" and value in Phase.values:
        return str(Phase(value).label)
    if field == "sex_eligibility" and value in SexEligibility.values:
        return str(SexEligibility(value).label)
    return value
