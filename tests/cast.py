"""A small cast for access tests: two sites of one trial, a third site of another trial, their
coordinators, a sponsor user of each sponsor and a superuser."""

from dataclasses import dataclass

from django.contrib.auth.models import User

from tests.factories import make_application, make_coordinator, make_site, make_sponsor, make_trial


@dataclass
class Cast:
    trial: object
    other_trial: object
    site_a: object
    site_b: object
    site_c: object
    coordinator_a: User
    coordinator_b: User
    sponsor_x: User
    sponsor_y: User
    superuser: User
    app_a: object
    app_b: object
    app_c: object
    app_no_site: object


def build_cast() -> Cast:
    sponsor_x, sponsor_y = make_sponsor(name="Sponsor X"), make_sponsor(name="Sponsor Y")
    trial = make_trial(slug="trial-x", acronym="TRIAL-X", sponsor=sponsor_x)
    other_trial = make_trial(slug="trial-y", acronym="TRIAL-Y", sponsor=sponsor_y)
    site_a = make_site(trial, facility="Site A")
    site_b = make_site(trial, facility="Site B")
    site_c = make_site(other_trial, facility="Site C")
    coordinator_a = make_coordinator("coord_a", site_a)
    coordinator_b = make_coordinator("coord_b", site_b, site_c)
    x_user = User.objects.create_user("sponsor_x", password="pw-for-tests-1")
    y_user = User.objects.create_user("sponsor_y", password="pw-for-tests-1")
    sponsor_x.members.add(x_user)
    sponsor_y.members.add(y_user)
    superuser = User.objects.create_superuser("root", "root@example.org", "pw-for-tests-1")
    return Cast(
        trial=trial,
        other_trial=other_trial,
        site_a=site_a,
        site_b=site_b,
        site_c=site_c,
        coordinator_a=coordinator_a,
        coordinator_b=coordinator_b,
        sponsor_x=x_user,
        sponsor_y=y_user,
        superuser=superuser,
        app_a=make_application(trial, site=site_a, full_name="Alice A", phone="+86 100 0000 0001"),
        app_b=make_application(trial, site=site_b, full_name="Bob B", phone="+86 100 0000 0002"),
        app_c=make_application(other_trial, site=site_c, full_name="Carol C", phone="+86 100 0000 0003"),
        app_no_site=make_application(trial, full_name="Nadia N", phone="+86 100 0000 0004"),
    )
