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


def migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


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


@pytest.mark.django_db(transaction=True)
def test_each_conditions_answers_move_to_its_own_app_with_every_row_and_permission(back_to_latest):
    """Issue 25: the answers models leave the recruitment app for their conditions' apps."""
    from django.contrib.auth.models import Permission

    from recruitment.models import Application as CurrentApplication

    trial = make_trial()
    vitiligo_trial = make_trial(condition="vitiligo")
    old = migrate(
        ("recruitment", "0023_account_notices"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    )
    Application = old.get_model("recruitment", "Application")
    common = {"language": "en", "age_years": 40, "sex": "MALE", "diagnosed": "yes", "verdict": "needs_review"}
    hair = Application.objects.create(reference="HAIR-2345", trial_id=trial.pk, **common)
    skin = Application.objects.create(reference="SKIN-2345", trial_id=vitiligo_trial.pk, **common)
    old.get_model("recruitment", "AlopeciaAnswers").objects.create(
        application=hair,
        episode_started_on=datetime.date(2023, 4, 1),
        episode_months=20,
        loss_top=80,
        loss_back=50,
        loss_left=50,
        loss_right=50,
        salt="62.0",
        severity="3",
        eyebrow_loss="no",
        eyelash_loss="no",
        body_hair_loss="no",
    )
    old.get_model("recruitment", "VitiligoAnswers").objects.create(
        application=skin,
        vitiligo_type="non_segmental",
        started_on=datetime.date(2022, 6, 1),
        duration_months=60,
        activity="spreading",
        regions={"face": {"units": "1", "whiteness": 75}},
        facial_bsa="1.00",
        nonfacial_bsa="5.00",
        total_bsa="6.00",
        bsa_without_palms_soles_feet_tops="5.00",
        f_vasi="0.75",
        t_vasi="4.15",
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="recruitment", model="alopeciaanswers")
    hair_type = ContentType.objects.get(app_label="recruitment", model="alopeciaanswers")
    old.get_model("auth", "Permission").objects.get_or_create(
        content_type=hair_type, codename="view_alopeciaanswers", defaults={"name": "Can view"}
    )

    migrate(("vitiligo", "0001_initial"))
    migrate(("alopecia_areata", "0001_initial"))
    call_command("migrate", verbosity=0)  # the rest, for the current models to read the rows

    assert CurrentApplication.objects.get(reference="HAIR-2345").alopecia.salt == 62
    assert str(CurrentApplication.objects.get(reference="SKIN-2345").vitiligo.t_vasi) == "4.15"
    moved = Permission.objects.get(codename="view_alopeciaanswers")
    assert (moved.content_type.app_label, moved.content_type.model) == ("alopecia_areata", "alopeciaanswers")


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    # A choice's words changed without a migration once (the eczema severity): makemigrations
    # would then write one on a deploy, out of review.
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
