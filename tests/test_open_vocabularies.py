"""Conditions and kinds of criterion are open vocabularies: stored as plain codes, checked against
the installed ones when written, never database choices. Adding one needs no migration of the
core, and a row of one no longer installed still reads, as unknown, never a crash."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from recruitment.screening.eligibility import Result, Verdict
from recruitment.screening.kinds import kind_choices
from tests.engine import evaluate
from tests.factories import make_criterion, make_site, make_trial, with_condition
from trials.models import Criterion, Trial

pytestmark = pytest.mark.django_db


def test_a_condition_or_a_kind_is_a_plain_field_so_adding_one_changes_no_core_column():
    assert not Trial._meta.get_field("condition").choices
    assert not Criterion._meta.get_field("kind").choices


def test_a_condition_or_a_kind_the_portal_does_not_serve_is_refused_naming_it():
    trial = make_trial()
    trial.condition = "psoriasis"
    with pytest.raises(ValidationError, match="psoriasis is not a condition this portal serves"):
        trial.full_clean()
    criterion = make_criterion(trial, "age")
    criterion.kind = "pasi"
    with pytest.raises(ValidationError, match="pasi is not a kind of criterion"):
        criterion.full_clean()


@pytest.fixture
def uninstalled():
    """A trial written when its condition was installed, read after it was removed."""
    trial = make_trial(slug="old-study", acronym="OLD-STUDY")
    make_site(trial)
    make_criterion(trial, "age", params={"min": 18})
    Trial.objects.filter(pk=trial.pk).update(condition="psoriasis")
    Criterion.objects.filter(trial=trial).update(kind="pasi_min")
    return Trial.objects.get(pk=trial.pk)


def test_a_trial_of_a_condition_no_longer_installed_reads_as_unknown_and_takes_no_sign_up(client, uninstalled):
    assert uninstalled.condition_label == "Unknown condition"
    assert not uninstalled.is_open_for_signup
    assert uninstalled not in Trial.objects.open_for_signup()
    assert "Unknown condition" in client.get("/en/", {"status": ""}, follow=True).content.decode()
    assert client.get("/en/trials/old-study/").status_code == 200
    make_trial(slug="open-one", acronym="OPEN-ONE")
    detail = client.get("/en/trials/old-study/").content.decode()
    assert "not offered on this portal" in detail and "This trial is not recruiting" not in detail
    closed = client.get("/en/trials/old-study/apply/")
    assert closed.status_code == 200 and "form" not in closed.context
    assert "screening questions are not available here" in closed.content.decode()
    assert "OPEN-ONE" in closed.content.decode()  # the open trials of the conditions served here


def test_its_trial_and_criteria_still_open_in_admin(client, uninstalled):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    page = client.get(f"/admin/trials/trial/{uninstalled.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'value="psoriasis" selected' in body and 'value="pasi_min" selected' in body
    assert client.get("/admin/trials/trial/", {"condition": "psoriasis"}).status_code == 200
    assert ("pasi_min", "unknown kind (pasi_min)") in [(code, str(label)) for code, label in kind_choices(["pasi_min"])]


def test_a_criterion_of_a_kind_no_longer_installed_asks_the_site_and_refuses_no_one(uninstalled):
    [spec] = [c.as_spec() for c in uninstalled.criteria.all()]
    outcome = evaluate([spec], with_condition({"age": 40}))
    assert outcome.results[0].result == Result.UNKNOWN
    assert outcome.verdict == Verdict.NEEDS_REVIEW
    assert "pasi_min" in str(outcome.results[0].reason)


def test_each_condition_brings_its_own_treatments_and_shared_ones_stay_shared():
    from recruitment.models import TreatmentUse
    from recruitment.screening.treatments import Treatment, expand, treatment_label, treatment_names

    assert not TreatmentUse._meta.get_field("treatment").choices
    assert "topical_minoxidil" not in Treatment.values and "depigmentation" not in Treatment.values
    assert treatment_label("topical_minoxidil") == "Minoxidil solution or foam"  # alopecia areata's
    assert treatment_label("depigmentation").startswith("Depigmentation")  # vitiligo's
    assert treatment_label("psoralen_bath") == "psoralen_bath"  # no longer known: shown as stored
    assert {"minoxidil_any", "depigmentation", "baricitinib"} <= treatment_names()
    assert expand(["steroid_any"]) == {"topical_steroid", "oral_steroid", "intralesional_steroid"}
    with pytest.raises(ValidationError, match="psoralen_bath is not a treatment"):
        TreatmentUse(treatment="psoralen_bath", last_use="gt6m").clean_fields(exclude=["application"])


def test_erasure_deletes_every_installed_conditions_answers_even_after_the_trial_changed_condition():
    from recruitment.conditions.vitiligo.models import VitiligoAnswers
    from recruitment.services import erasure
    from tests.factories import make_application

    vitiligo_trial = make_trial(condition="vitiligo")
    application = make_application(vitiligo_trial)
    Trial.objects.filter(pk=vitiligo_trial.pk).update(condition="alopecia_areata")
    application.refresh_from_db()
    erasure.erase(application, reason="asked for on my application")
    assert not VitiligoAnswers.objects.filter(application_id=application.pk).exists()


def test_no_reminder_goes_out_for_a_trial_that_takes_no_sign_up():
    import datetime

    from django.utils import timezone

    from recruitment.models import Application, ConsentPurpose, ConsentRecord, Reminder
    from recruitment.services import reminders
    from tests.factories import make_application

    application = make_application(make_trial(slug="fine"))
    Application.objects.filter(pk=application.pk).update(verdict=Verdict.NOT_YET_ELIGIBLE)
    ConsentRecord.objects.create(
        application=application, purpose=ConsentPurpose.REMINDER, version="v-1", given_at=timezone.now()
    )
    Reminder.objects.create(application=application, due_on=datetime.date(2020, 1, 1), by_email=True)
    assert list(reminders.waiting().values_list("application_id", flat=True)) == [application.pk]
    Trial.objects.filter(slug="fine").update(condition="psoriasis")  # its condition no longer installed
    assert not reminders.waiting().exists()


def test_a_trial_with_a_criterion_of_a_kind_no_longer_installed_still_saves_in_admin(
    client, uninstalled, django_assert_num_queries
):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    form = client.get(f"/admin/trials/trial/{uninstalled.pk}/change/").context["adminform"].form
    assert form.initial["condition"] == "psoriasis" and "psoriasis" in dict(form.fields["condition"].choices)
    criterion = Criterion.objects.select_related("trial").get(trial=uninstalled)
    with django_assert_num_queries(0):  # the stored kind was kept as the row was read, not read again
        criterion.clean()  # unchanged: kept as it was, the site checks it
    criterion.kind = "another_unknown"
    with pytest.raises(ValidationError, match="another_unknown is not a kind"):
        criterion.full_clean()
    uninstalled.lay_title_en = "Renamed"
    uninstalled.full_clean(exclude=["sponsor"])  # its condition unchanged: still saves
    uninstalled.condition = "eczema"
    with pytest.raises(ValidationError, match="eczema is not a condition"):
        uninstalled.full_clean(exclude=["sponsor"])


def test_a_trial_takes_the_core_kinds_and_its_own_conditions_not_anothers(client):
    trial = make_trial()  # alopecia areata
    criterion = make_criterion(trial, "age", params={"min": 18})
    criterion.kind, criterion.params = "salt", {"min": 50}
    criterion.full_clean()
    criterion.kind, criterion.params = "vitiligo_type", {"types": ["segmental"]}
    with pytest.raises(ValidationError, match="belongs to another condition"):
        criterion.full_clean()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    offered = client.get(f"/admin/trials/trial/{trial.pk}/change/").content.decode()
    assert 'value="salt"' in offered and 'value="age"' in offered and 'value="vitiligo_type"' not in offered


def test_an_unknown_condition_in_the_settings_stops_start_up_naming_it(tmp_path):
    from tests.proc import ROOT, clean_env, run

    (tmp_path / "with_psoriasis.py").write_text(
        "from config.settings import *  # noqa\n"
        "INSTALLED_APPS = [*INSTALLED_APPS, 'recruitment.conditions.psoriasis']\n"
    )
    import sys

    result = run(
        [sys.executable, "manage.py", "check"],
        env=clean_env(DJANGO_SETTINGS_MODULE="with_psoriasis", PYTHONPATH=f"{tmp_path}:{ROOT}"),
    )
    assert result.returncode != 0 and "recruitment.conditions.psoriasis" in result.stderr


def test_a_condition_whose_kind_or_treatment_clashes_with_anothers_stops_start_up_naming_it(monkeypatch):
    import dataclasses

    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from recruitment.conditions import by_code
    from recruitment.conditions.base import ConditionAppConfig
    from recruitment.screening import core_kinds

    config = next(c for c in apps.get_app_configs() if isinstance(c, ConditionAppConfig))
    other = next(c for c in by_code().values() if c.code != config.condition.code)
    clashing = dataclasses.replace(
        config.condition, kinds=[*config.condition.kinds, other.kinds[0], core_kinds.KINDS[0]]
    )
    monkeypatch.setattr(config, "condition", clashing)
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")
    message = str(raised.value)
    # Named with both conditions, whichever INSTALLED_APPS lists first.
    kind = other.kinds[0].code
    assert re.search(rf"The kind of criterion '{kind}' of condition '\w+' is also \w+'s", message)
    assert clashing.code in message and other.code in message
    assert f"{core_kinds.KINDS[0].code!r} of condition {clashing.code!r} is also the core's" in message
