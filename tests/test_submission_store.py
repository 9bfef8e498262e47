"""How a submission is stored: through the ORM in one transaction, the same on SQLite and on
PostgreSQL (CI runs the suite on both): every row, or none."""

import datetime
from itertools import count

import pytest
from django.db import IntegrityError, connection, transaction

from recruitment.models import Application
from recruitment.services import applications
from tests.clock import frozen_instant
from tests.factories import make_application, make_coordinator, make_criterion, make_site, make_trial

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="restarts PostgreSQL's backend; CI runs the suite on PostgreSQL too"
)
NOW = frozen_instant().replace(microsecond=0)  # the instant every test runs at (tests.clock)
phones = count(1000)


@pytest.fixture
def world(django_user_model):
    trial = make_trial(slug="parity", acronym="PARITY")
    make_criterion(trial, "age", params={"min": 18, "max": 70}, position=0)
    make_criterion(trial, "salt", params={"min": 50}, position=1)
    staffed, unstaffed = make_site(trial, facility="Staffed"), make_site(trial, facility="Nobody yet")
    make_coordinator("nurse_one", staffed)
    make_coordinator("nurse_two", staffed)
    make_coordinator("nurse_elsewhere", make_site(make_trial(slug="other"), facility="Elsewhere"))
    django_user_model.objects.create_superuser("root", "root@example.org", "pw-for-tests-1")
    return {"trial": trial, "staffed": staffed, "unstaffed": unstaffed}


def rows_of(app: Application) -> dict:
    """Everything stored for one application, without the ids the database chose."""

    def plain(obj, *drop):
        drop = {"id", "application_id", *drop}
        return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname not in drop}

    app = Application.objects.get(pk=app.pk)
    return {
        "application": plain(app, "reference"),
        "alopecia": plain(app.alopecia),
        "treatments": [plain(t) for t in app.treatments.order_by("treatment")],
        "contact": plain(app.contact),
        "consents": [plain(c) for c in app.consents.order_by("purpose")],
        "evaluations": [plain(e) for e in app.evaluations.all()],
        "audit": [plain(e) for e in app.audit_events.all()],
        "notifications": sorted(
            (n.recipient.username if n.recipient else n.channel, plain(n, "recipient_id"))
            for n in app.notifications.all()
        ),
    }


SCENARIOS = {
    "chosen site, treatments, every consent": lambda w: dict(
        site=w["staffed"],
        used_topical_minoxidil="gt6m",
        used_baricitinib="lt1m",
        response_baricitinib="no",
        consent_share_with_sponsor="on",
        email="Wang.Fang@Example.cn",
    ),
    "no site: every coordinator of the trial": lambda w: dict(site=None),
    "a site nobody coordinates: the administrators": lambda w: dict(site=w["unstaffed"], sex="MALE", pregnancy=[]),
    "e-mail only, ineligible": lambda w: dict(
        site=w["staffed"], phone="", email="only@example.cn", loss_top="0", loss_back="0", loss_left="0", loss_right="0"
    ),
}


EXPECTED = {
    # Recipients: the coordinators told, then the patient's own confirmation by e-mail and SMS.
    "chosen site, treatments, every consent": {
        "recipients": ["email", "nurse_one", "nurse_two", "sms"],
        "treatments": 2,
        "consents": 3,
        "verdict": "likely_eligible",
    },
    "no site: every coordinator of the trial": {
        "recipients": ["nurse_one", "nurse_two", "sms"],
        "treatments": 0,
        "consents": 2,
        "verdict": "likely_eligible",
    },
    "a site nobody coordinates: the administrators": {
        "recipients": ["root", "sms"],
        "treatments": 0,
        "consents": 2,
        "verdict": "likely_eligible",
    },
    "e-mail only, ineligible": {
        "recipients": ["email", "nurse_one", "nurse_two"],
        "treatments": 0,
        "consents": 2,
        "verdict": "likely_ineligible",
    },
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_submission_writes_every_row_it_needs_and_links_a_possible_duplicate(world, scenario):
    answers = SCENARIOS[scenario](world)
    site = answers.pop("site")
    phone = answers.setdefault("phone", f"+86 139 0000 {next(phones)}")
    # An earlier application with the same phone or e-mail: the new one is linked to it.
    earlier = make_application(
        world["trial"],
        phone=phone or "+86 100 0000 0099",
        email=answers.get("email", ""),
        when=NOW - datetime.timedelta(days=3),
    )
    app = make_application(world["trial"], site=site, when=NOW, **answers)
    rows = rows_of(app)
    expected = EXPECTED[scenario]
    assert rows["application"]["duplicate_of_id"] == earlier.pk
    assert rows["application"]["verdict"] == expected["verdict"]
    assert rows["alopecia"]["salt"] is not None
    assert len(rows["treatments"]) == expected["treatments"]
    assert len(rows["consents"]) == expected["consents"]
    assert [e["verdict"] for e in rows["evaluations"]] == [expected["verdict"]]
    assert [(e["action"], e["details"]["possible_duplicate"]) for e in rows["audit"]] == [("created", True)]
    assert [username for username, _notice in rows["notifications"]] == expected["recipients"]


def test_a_submission_costs_the_same_queries_however_many_treatments_it_has(world, django_assert_num_queries):
    from django.test.utils import CaptureQueriesContext

    make_application(world["trial"], site=world["staffed"], phone="+86 139 2222 0000")  # warm: content types...
    with CaptureQueriesContext(connection) as few:
        make_application(
            world["trial"], site=world["staffed"], phone="+86 139 2222 0001", used_topical_minoxidil="gt6m"
        )
    with django_assert_num_queries(len(few.captured_queries)):
        make_application(
            world["trial"],
            site=world["staffed"],
            phone="+86 139 2222 0002",
            used_topical_minoxidil="gt6m",
            used_baricitinib="lt1m",
            response_baricitinib="no",
            used_phototherapy="3to6m",
            consent_share_with_sponsor="on",
        )


def test_a_field_the_database_fills_by_default_works_on_every_database(world):
    """Notification.attempts has its default in the database (db_default): a write that builds
    its own SQL from the model's fields broke on exactly this."""
    from recruitment.models import Notification

    assert Notification._meta.get_field("attempts").has_db_default()
    app = make_application(world["trial"], site=world["staffed"], phone="+86 139 4444 0000")
    assert list(app.notifications.values_list("attempts", flat=True)) == [0, 0, 0]  # two staff, the patient


def test_nothing_is_stored_when_any_part_of_a_submission_fails(world, monkeypatch):
    before = Application.objects.count()
    # A consent recorded twice breaks a unique constraint in the last tables written.
    monkeypatch.setattr(applications, "REQUIRED_CONSENTS", ())
    with pytest.raises(IntegrityError), transaction.atomic():
        applications.submit_application(
            trial=world["trial"],
            application=_answers(),
            condition_answers=_alopecia(),
            treatments=[],
            contact={
                "full_name": "Twice",
                "date_of_birth": datetime.date(1990, 1, 1),
                "phone": "+86 1",
                "email": "",
                "best_time_to_call": "any",
                "guardian_name": "",
            },
            consents=["health_data", "health_data"],
            language="en",
        )
    assert Application.objects.count() == before


def test_a_reference_drawn_twice_is_drawn_again(world, monkeypatch):
    taken = make_application(world["trial"]).reference
    draws = iter([taken, "ZZZZ-2345"])
    monkeypatch.setattr(applications, "new_reference", lambda: next(draws))
    app = make_application(world["trial"], phone="+86 139 1111 2222")
    assert Application.objects.get(pk=app.pk).reference == "ZZZZ-2345"


def _answers():
    return {
        "age_years": 35,
        "sex": "MALE",
        "pregnant": None,
        "breastfeeding": None,
        "planning_pregnancy": None,
        "diagnosed": "yes",
    }


def _alopecia():
    return {
        "loss_top": 80,
        "loss_back": 80,
        "loss_left": 80,
        "loss_right": 80,
        "eyebrow_loss": "no",
        "eyelash_loss": "no",
        "body_hair_loss": "no",
        "other_diagnoses": [],
        "other_diagnoses_unsure": False,
        "episode_started_on": datetime.date(2024, 1, 1),
        "episode_months": 20,
        "spontaneous_regrowth": "not_in_12",
    }


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_submission_after_postgresql_dropped_the_connection_is_stored(world):
    """PostgreSQL restarted between two requests: Django's check at the start of the next one
    (CONN_HEALTH_CHECKS) replaces the connection, and the patient's submission goes through."""
    from django.db import close_old_connections

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    _terminate(pid)
    close_old_connections()  # what Django does as each request starts
    app = _submit_once(world, "After a restart")
    assert Application.objects.filter(pk=app.pk).exists()


def _terminate(pid):
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def _submit_once(world, name):
    return applications.submit_application(
        trial=world["trial"],
        criteria=[],
        application=_answers(),
        condition_answers=_alopecia(),
        treatments=[],
        contact={
            "full_name": name,
            "date_of_birth": datetime.date(1990, 1, 1),
            "phone": "+86 139 7",
            "email": "",
            "best_time_to_call": "any",
            "guardian_name": "",
        },
        consents={"health_data", "contact"},
        language="en",
    )
