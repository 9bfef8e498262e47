"""How a submission is stored: on PostgreSQL in one statement, elsewhere a statement per table.
Both must write exactly the same rows, all of them or none."""

import datetime
from itertools import count

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from recruitment.models import Application
from recruitment.services import applications
from tests.factories import make_application, make_coordinator, make_criterion, make_site, make_trial
from trials.criteria import CriterionKind as K

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif("connection.vendor != 'postgresql'",
                                     reason="the one-statement store is PostgreSQL's; CI runs on PostgreSQL")
NOW = timezone.now().replace(microsecond=0)
phones = count(1000)


@pytest.fixture
def world(django_user_model):
    trial = make_trial(slug="parity", acronym="PARITY")
    make_criterion(trial, K.AGE, params={"min": 18, "max": 70}, position=0)
    make_criterion(trial, K.SALT, params={"min": 50}, position=1)
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
        "notifications": sorted((n.recipient.username, plain(n, "recipient_id")) for n in app.notifications.all()),
    }


SCENARIOS = {
    "chosen site, treatments, every consent": lambda w: dict(
        site=w["staffed"], used_topical_minoxidil="gt6m", used_baricitinib="lt1m", regrowth_baricitinib="no",
        consent_share_with_sponsor="on", email="Wang.Fang@Example.cn"),
    "no site: every coordinator of the trial": lambda w: dict(site=None),
    "a site nobody coordinates: the administrators": lambda w: dict(site=w["unstaffed"], sex="MALE", pregnancy=[]),
    "e-mail only, ineligible": lambda w: dict(site=w["staffed"], phone="", email="only@example.cn", loss_top="0",
                                              loss_back="0", loss_left="0", loss_right="0"),
}


@postgresql_only
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_one_statement_store_writes_exactly_what_the_orm_store_writes(world, scenario, monkeypatch):
    answers = SCENARIOS[scenario](world)
    site = answers.pop("site")
    phone = answers.setdefault("phone", f"+86 139 0000 {next(phones)}")
    # An earlier application with the same phone or e-mail: both stores must link to it.
    earlier = make_application(world["trial"], phone=phone or "+86 100 0000 0099", email=answers.get("email", ""),
                               when=NOW - datetime.timedelta(days=3))

    def stored_with(store):
        monkeypatch.setattr(applications, "store_for", lambda: store)
        with transaction.atomic():
            app = make_application(world["trial"], site=site, when=NOW, **answers)
            rows = rows_of(app)
            transaction.set_rollback(True)  # the other store starts from the same database
        return rows

    one_statement = stored_with(applications.submission_sql.store)
    orm = stored_with(applications.store_with_orm)
    assert one_statement == orm
    assert one_statement["application"]["duplicate_of_id"] == earlier.pk
    assert one_statement["notifications"], "somebody is always told"


def test_nothing_is_stored_when_any_part_of_a_submission_fails(world, monkeypatch):
    before = Application.objects.count()
    # A consent recorded twice breaks a unique constraint in the last tables written.
    monkeypatch.setattr(applications, "REQUIRED_CONSENTS", ())
    with pytest.raises(IntegrityError), transaction.atomic():
        applications.submit_application(
            trial=world["trial"], application=_answers(), alopecia=_alopecia(), treatments=[],
            contact={"full_name": "Twice", "date_of_birth": datetime.date(1990, 1, 1), "phone": "+86 1",
                     "email": "", "best_time_to_call": "any", "guardian_name": ""},
            consents=["health_data", "health_data"], language="en",
        )
    assert Application.objects.count() == before


def test_a_reference_drawn_twice_is_drawn_again(world, monkeypatch):
    taken = make_application(world["trial"]).reference
    draws = iter([taken, "ZZZZ-2345"])
    monkeypatch.setattr(applications, "new_reference", lambda: next(draws))
    app = make_application(world["trial"], phone="+86 139 1111 2222")
    assert Application.objects.get(pk=app.pk).reference == "ZZZZ-2345"


def test_the_statement_is_prepared_once_per_connection(world):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for n in range(3):
        make_application(world["trial"], phone=f"+86 139 3333 000{n}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'WITH application AS%%'")
        assert cursor.fetchone()[0] == 1


def _answers():
    return {"age_years": 35, "sex": "MALE", "pregnant": None, "breastfeeding": None, "planning_pregnancy": None,
            "diagnosed": "yes", "other_diagnoses": [], "other_diagnoses_unsure": False,
            "episode_started_on": datetime.date(2024, 1, 1), "episode_months": 20, "regrowth_last_6_months": "no"}


def _alopecia():
    return {"loss_top": 80, "loss_back": 80, "loss_left": 80, "loss_right": 80, "eyebrow_loss": "no",
            "eyelash_loss": "no", "body_hair_loss": "no"}


@postgresql_only
@pytest.mark.parametrize("values", [
    {"trial_id": 7, "phone_key": "+8613900001111", "email_key": "", "since": NOW},
    {"trial_id": 7, "phone_key": "", "email_key": "a@b.cn", "since": NOW},
    {"trial_id": 9, "phone_key": "+86139", "email_key": "a@b.cn", "since": NOW - datetime.timedelta(days=1)},
    {"trial_id": 9, "phone_key": "", "email_key": "", "since": NOW},
])
def test_a_query_compiled_once_per_shape_gives_what_compiling_it_each_time_gives(values):
    from recruitment.selectors import duplicate_target
    from recruitment.services import submission_sql

    first = submission_sql._compiled(duplicate_target, **values)
    again = submission_sql._compiled(duplicate_target, **values)
    fresh = submission_sql._compile(duplicate_target(**values))
    assert first == again == fresh


@postgresql_only
def test_a_value_transformed_on_its_way_into_the_sql_is_never_left_as_its_marker():
    from recruitment.services import submission_sql

    def shifted(*, since):  # the query uses a value computed from `since`, not `since` itself
        return Application.objects.filter(submitted_at__gte=since - datetime.timedelta(days=1)).values("pk")

    sql, params = submission_sql._compiled(shifted, since=NOW)
    assert params == [NOW - datetime.timedelta(days=1)]


@postgresql_only
def test_each_shape_of_the_statement_is_compiled_once_with_or_without_a_site(world, monkeypatch):
    from recruitment.services import submission_sql

    compiled = []
    real_compile = submission_sql._compile
    monkeypatch.setattr(submission_sql, "_compile", lambda queryset: compiled.append(1) or real_compile(queryset))
    monkeypatch.setattr(submission_sql, "_COMPILED", {})
    for n, site in enumerate([world["staffed"], world["staffed"], None, None]):
        make_application(world["trial"], site=site, phone=f"+86 139 5555 000{n}")
    # The duplicate lookup (by phone); the recipients and the "still open" check, each with a site and without.
    assert len(compiled) == 5


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_connection_postgresql_dropped_is_replaced_not_failed_on(world):
    import psycopg

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    settings = connection.settings_dict
    with psycopg.connect(host=settings["HOST"] or None, port=settings["PORT"] or None, user=settings["USER"],
                         dbname=settings["NAME"], autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    connection.health_check_done = False  # as at the start of each request
    app = applications.submit_application(
        trial=world["trial"], criteria=[], application=_answers(), alopecia=_alopecia(), treatments=[],
        contact={"full_name": "After a restart", "date_of_birth": datetime.date(1990, 1, 1), "phone": "+86 139 6",
                 "email": "", "best_time_to_call": "any", "guardian_name": ""},
        consents={"health_data", "contact"}, language="en",
    )
    assert Application.objects.filter(pk=app.pk).exists()


def _terminate(pid):
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(host=settings["HOST"] or None, port=settings["PORT"] or None, user=settings["USER"],
                         dbname=settings["NAME"], autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def _submit_once(world, name):
    return applications.submit_application(
        trial=world["trial"], criteria=[], application=_answers(), alopecia=_alopecia(), treatments=[],
        contact={"full_name": name, "date_of_birth": datetime.date(1990, 1, 1), "phone": "+86 139 7",
                 "email": "", "best_time_to_call": "any", "guardian_name": ""},
        consents={"health_data", "contact"}, language="en",
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_submission_needs_no_health_check_round_trip(world, monkeypatch):
    _submit_once(world, "Warm")  # the connection is open, the statement prepared
    checks = []
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or True)
    connection.health_check_done = False  # as at the start of each request
    _submit_once(world, "No SELECT 1")
    assert checks == [], "Django's health check (a SELECT 1 round trip) ran before the statement"
    assert connection.health_check_done, "the statement proved the connection: no check later in the request"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_connection_that_drops_after_postgresql_committed_stores_the_patient_once(world, monkeypatch):
    from recruitment.models import Notification
    from recruitment.services import submission_sql

    _submit_once(world, "Warm")
    real_execute = submission_sql._PreparedRawCursor.execute
    dropped = []

    def commit_then_drop(self, query, params=None, **kwargs):
        result = real_execute(self, query, params, **kwargs)
        if not dropped and query.startswith("WITH application"):
            dropped.append(True)
            # PostgreSQL has committed; the connection dies before the answer is read.
            _terminate(self.connection.info.backend_pid)
            self.connection.execute("SELECT 1")  # raises: the connection is broken
        return result

    monkeypatch.setattr(submission_sql._PreparedRawCursor, "execute", commit_then_drop)
    connection.health_check_done = True  # mid-request: only the submission's own recovery can help
    app = _submit_once(world, "Committed, then dropped")
    assert dropped
    stored = Application.objects.filter(contact__full_name="Committed, then dropped")
    assert list(stored.values_list("pk", flat=True)) == [app.pk], "stored once, and that row is the one returned"
    warm = Application.objects.get(contact__full_name="Warm")
    notified = Notification.objects.filter(application=app).count()
    assert notified == Notification.objects.filter(application=warm).count() > 0, "and each coordinator told once"


@postgresql_only  # the values the one-statement store sends; SQLite's store lets Django prepare them
def test_each_value_of_a_submission_goes_to_the_database_as_django_would_send_it(world, monkeypatch):
    """`_values` takes most values as they are, skipping Django's preparation: for every column of
    every row a submission writes, what it sends must equal what that preparation gives."""
    from recruitment.services import submission_sql

    compared = []
    real_store = applications.store_for()

    def comparing_store(**rows):
        for name, value in rows.items():
            for row in value if isinstance(value, list) else [value]:
                if not hasattr(row, "_meta"):
                    continue
                for skip in [(), ("application",), ("duplicate_of",), ("application", "recipient")]:
                    columns = submission_sql._columns(type(row), skip)
                    django = [f.get_db_prep_save(f.pre_save(row, add=True), connection) for f in columns]
                    ours = submission_sql._values(row, skip)
                    assert [(type(v), repr(v)) for v in ours] == [(type(v), repr(v)) for v in django], name
                compared.append(type(row).__name__)
        return real_store(**rows)

    monkeypatch.setattr(applications, "store_for", lambda: comparing_store)
    make_application(world["trial"], site=world["staffed"], phone="+86 139 8888 0000", used_baricitinib="lt1m",
                     regrowth_baricitinib="no", consent_share_with_sponsor="on", email="Wang@Example.cn")
    assert set(compared) == {"Application", "AlopeciaAnswers", "TreatmentUse", "ContactDetails", "ConsentRecord",
                             "Evaluation", "AuditEvent", "Notification"}
