"""Reads that decide who may see which applications. Every view, admin page and export that
touches applicants goes through `applications_for`: there is no second way in."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, Q
from django.db.models.functions import Coalesce

from recruitment.models import Application, ContactDetails
from recruitment.roles import COORDINATORS
from trials.models import Campaign, Site, Trial, open_for_signup_q


def applications_for(user, *, erased: bool = False):
    """The applications `user` may see: all for a superuser; for a coordinator, those of their
    sites (and, when the patient chose no site, of their sites' trials); for a sponsor user,
    those of their organisations' trials; none for anyone else. An erased application is only
    a line in the pre-screening log: left out, unless `erased` (counts, never people)."""
    applications = Application.objects.all() if erased else Application.objects.filter(erased_at=None)
    if not user.is_authenticated or not user.is_active:
        return applications.none()
    if user.is_superuser:
        return applications
    if user.is_staff:
        sites, site_trials = _coordinated(user)
        return applications.filter(Q(site__in=sites) | Q(site__isnull=True, trial__in=site_trials))
    return applications.filter(trial__sponsor__members=user)


def _coordinated(user):
    """A coordinator's scope, for `applications_for` and `related_choices_for` alike: (the sites
    they coordinate, those sites' trials), as subqueries."""
    return user.coordinated_sites.values("pk"), user.coordinated_sites.values("trial_id")


def related_choices_for(user, model):
    """The trials, sites or campaigns that applications `user` may see (`applications_for`) can
    belong to, read from their own tables: what the coordinators' list offers as filters. All for
    a superuser; for a coordinator, their sites, those sites' trials and those trials' campaigns."""
    objects = model.objects.all()
    if not user.is_authenticated or not user.is_active:
        return objects.none()
    if user.is_superuser:
        return objects
    if not user.is_staff:
        return objects.none()
    sites, trials = _coordinated(user)
    if model is Site:
        return objects.filter(pk__in=sites)
    if model is Trial:
        return objects.filter(pk__in=trials)
    if model is Campaign:
        return objects.filter(trial__in=trials)
    raise ValueError(f"no scope for {model.__name__}")


def campaigns_for(user, campaigns=None):
    """The campaigns `user` may see and run (their admin page, poster, scans): all for a superuser;
    for a coordinator, those of their sites, and their sites' trials' campaigns with no site."""
    campaigns = Campaign.objects.all() if campaigns is None else campaigns
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return campaigns.none()
    if user.is_superuser:
        return campaigns
    sites, site_trials = _coordinated(user)
    return campaigns.filter(Q(site__in=sites) | Q(site=None, trial__in=site_trials))


def trials_for_sponsor(user):
    """The trials whose recruitment `user` may follow as a sponsor: their organisations' trials
    (every trial for a superuser)."""
    trials = Trial.objects.select_related("sponsor")
    if not user.is_authenticated or not user.is_active:
        return trials.none()
    if user.is_superuser:
        return trials
    return trials.filter(sponsor__members=user).distinct()


def active_coordinators():
    return get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=COORDINATORS)


def criteria_specs(trial):
    """The trial's criteria as the eligibility engine reads them, in their order."""
    return [criterion.as_spec() for criterion in trial.criteria.all()]


def coordinators_for(application):
    """Who is told about an application: its site's coordinators, or, when the patient chose no
    site, the coordinators of every site of the trial."""
    return coordinators_of(site_id=application.site_id, trial_id=application.trial_id)


def coordinators_of(*, site_id, trial_id):
    users = active_coordinators()
    users = users.filter(coordinated_sites=site_id) if site_id else users.filter(coordinated_sites__trial=trial_id)
    return users.distinct().order_by("pk")


def new_application_recipients(*, site_id, trial_id):
    """Who is told of a new application: its coordinators, or, for a site nobody coordinates yet,
    the administrators, so that no patient goes unheard. One queryset, so that the one-statement
    store on PostgreSQL can run it inside its INSERT."""
    users = get_user_model().objects
    coordinators = coordinators_of(site_id=site_id, trial_id=trial_id)
    administrators = users.filter(is_active=True, is_superuser=True).exclude(email="")
    return users.filter(
        Q(pk__in=coordinators.values("pk")) | (Q(pk__in=administrators.values("pk")) & ~Exists(coordinators))
    ).order_by("pk")


def trial_and_site_still_recruiting(*, trial_id, site_id):
    """A queryset that is not empty while a sign-up to this trial (and chosen site) may be stored:
    the trial recruits, and the site, if any, is one of its recruiting sites."""
    trials = Trial.objects.open_for_signup().filter(pk=trial_id)
    if site_id:
        trials = trials.filter(open_for_signup_q("sites__"), sites__pk=site_id)
    return trials.values("pk")


def duplicate_target(*, trial_id, phone_key: str, email_key: str, since):
    """A one-row queryset of the id a new application to the trial with this phone or e-mail key
    is linked to as a possible duplicate (the original of the first earlier one since `since`),
    or None when there is no key to match on."""
    keys = {field: value for field, value in (("phone_key", phone_key), ("email_key", email_key)) if value}
    if not keys:
        return None
    # Each key on its own indexed lookup: an OR across the joined table would scan applications.
    candidates = Q()
    for field, value in keys.items():
        candidates |= Q(pk__in=ContactDetails.objects.filter(**{field: value}).values("application_id"))
    return (
        Application.objects.filter(trial_id=trial_id, submitted_at__gte=since)
        .filter(candidates)
        .order_by("submitted_at", "pk")
        .values_list(Coalesce("duplicate_of_id", "pk"), flat=True)[:1]
    )
