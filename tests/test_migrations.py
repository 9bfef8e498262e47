"""Migrations that move stored answers keep every one of them."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import make_trial

BEFORE = ("recruitment", "0009_notification_attempts_default_in_database")
AFTER = ("recruitment", "0011_application_names_no_condition")


@pytest.fixture
def back_to_latest():
    yield
    call_command("migrate", verbosity=0)


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_the_alopecia_answers_leave_the_application_for_the_alopecia_table_unchanged(back_to_latest):
    trial = make_trial()
    old = migrate(BEFORE)
    Application = old.get_model("recruitment", "Application")
    answers = {
        "other_diagnoses": ["androgenetic"],
        "other_diagnoses_unsure": True,
        "episode_started_on": datetime.date(2023, 4, 1),
        "episode_months": 20,
        "regrowth_last_6_months": "unsure",
    }
    application = Application.objects.create(
        reference="AAAA-2345",
        trial_id=trial.pk,
        language="zh-hans",
        age_years=40,
        sex="MALE",
        diagnosed="yes",
        verdict="needs_review",
        **answers,
    )
    old.get_model("recruitment", "AlopeciaAnswers").objects.create(
        application=application,
        loss_top=50,
        loss_back=50,
        loss_left=50,
        loss_right=50,
        salt="50.0",
        severity="3",
        eyebrow_loss="no",
        eyelash_loss="no",
        body_hair_loss="no",
    )
    old.get_model("recruitment", "TreatmentUse").objects.create(
        application=application,
        treatment="baricitinib",
        last_use="gt6m",
        regrowth="no",
    )

    new = migrate(AFTER)

    moved = new.get_model("recruitment", "AlopeciaAnswers").objects.values(*answers).get(application_id=application.pk)
    assert moved == answers
    use = new.get_model("recruitment", "TreatmentUse").objects.get(application_id=application.pk)
    assert use.response == "no"
    application_columns = {
        c.name for c in connection.introspection.get_table_description(connection.cursor(), "recruitment_application")
    }
    assert not application_columns & set(answers)
