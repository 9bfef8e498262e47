"""Reads that decide who may see which applications. Every view, admin page and export that
touches applicants goes through `applications_for`: there is no second way in."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from recruitment.models import Application
from recruitment.roles import COORDINATORS


def applications_for(user):
    """The applications `user` may see: all for a superuser; for a coordinator, those of their
    sites (and, when the patient chose no site, of their sites' trials); for a sponsor user,
    those of their organisations' trials; none for anyone else."""
    applications = Application.objects.all()
    if not user.is_authenticated or not user.is_active:
        return applications.none()
    if user.is_superuser:
        return applications
    if user.is_staff:
        sites = user.coordinated_sites.values("pk")
        site_trials = user.coordinated_sites.values("trial_id")
        return applications.filter(Q(site__in=sites) | Q(site__isnull=True, trial__in=site_trials))
    return applications.filter(trial__sponsor__members=user)


def trials_for_sponsor(user):
    """The trials whose recruitment `user` may follow as a sponsor: their organisations' trials
    (every trial for a superuser)."""
    from trials.models import Trial

    trials = Trial.objects.select_related("sponsor")
    if not user.is_authenticated or not user.is_active:
        return trials.none()
    if user.is_superuser:
        return trials
    return trials.filter(sponsor__members=user).distinct()


def active_coordinators():
    return get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=COORDINATORS)


def coordinators_for(application):
    """Who is told about an application: its site's coordinators, or, when the patient chose no
    site, the coordinators of every site of the trial."""
    users = active_coordinators()
    if application.site_id:
        users = users.filter(coordinated_sites=application.site_id)
    else:
        users = users.filter(coordinated_sites__trial=application.trial_id)
    return users.distinct().order_by("pk")
