import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_criterion, make_trial
from trials.models import Criterion

pytestmark = pytest.mark.django_db


def test_a_criterion_with_bad_parameters_cannot_be_saved_through_validation():
    criterion = Criterion(trial=make_trial(), kind="salt", params={"min": "fifty"}, patient_text="SALT 50+")
    with pytest.raises(ValidationError) as excinfo:
        criterion.full_clean()
    assert "must be a number" in str(excinfo.value.message_dict["params"])


def test_criteria_are_edited_inline_on_the_trial_page_with_examples(admin_client):
    trial = make_trial()
    make_criterion(trial, "age", params={"min": 18}, patient_text="Adults only")
    body = admin_client.get(f"/admin/trials/trial/{trial.pk}/change/").content.decode()
    assert "Adults only" in body
    assert "{&quot;min&quot;: 50, &quot;max&quot;: 100}" in body or '{"min": 50, "max": 100}' in body
    assert 'name="criteria-0-params"' in body


def test_the_admin_rejects_bad_criterion_parameters_and_names_the_problem(admin_client):
    trial = make_trial()
    data = {
        "nct_id": trial.nct_id,
        "acronym": trial.acronym,
        "title_en": trial.title,
        "slug": trial.slug,
        "status": trial.status,
        "summary_en": trial.summary,
        "eligibility_summary_en": "",
        "official_title": "",
        "drug": trial.drug,
        "sponsor": trial.sponsor_id,
        "phase": trial.phase,
        "condition": trial.condition,
        "min_age_years": 18,
        "max_age_years": 65,
        "sex_eligibility": "ALL",
        "registry_summary": "",
        "registry_eligibility_text": "",
        "criteria-TOTAL_FORMS": 1,
        "criteria-INITIAL_FORMS": 0,
        "criteria-0-kind": "prior_jak",
        "criteria-0-role": "exclusion",
        "criteria-0-position": 0,
        "criteria-0-params": '{"route": "pill"}',
        "criteria-0-patient_text_en": "No JAK before",
        "criteria-0-patient_text_zh_hans": "从未用过JAK抑制剂",
        "criteria-0-source_note": "",
        "sites-TOTAL_FORMS": 0,
        "sites-INITIAL_FORMS": 0,
        "changes-TOTAL_FORMS": 0,
        "changes-INITIAL_FORMS": 0,
    }
    response = admin_client.post(f"/admin/trials/trial/{trial.pk}/change/", data)
    assert response.status_code == 200
    assert "must be one of" in response.content.decode()
    assert not trial.criteria.exists()

    data["criteria-0-params"] = '{"route": "oral"}'
    assert admin_client.post(f"/admin/trials/trial/{trial.pk}/change/", data).status_code == 302
    criterion = trial.criteria.get()
    assert criterion.params == {"route": "oral"}
    assert criterion.as_spec().translations == {"zh-hans": "从未用过JAK抑制剂"}


def _coordinator(client, site):
    from django.contrib.auth.models import User

    from recruitment.roles import ensure_coordinators_group

    ensure_coordinators_group()
    user = User.objects.create_user("nurse", password="x-long-password-1", is_staff=True)
    user.groups.add(ensure_coordinators_group())
    site.coordinators.add(user)
    client.force_login(user)
    return user


def test_a_coordinator_edits_the_criteria_of_their_own_sites_trials_only(client):
    from tests.factories import make_site

    own = make_trial()
    other = make_trial()
    make_criterion(other, "age", params={"min": 18})
    _coordinator(client, make_site(own))

    own_page = client.get(f"/admin/trials/trial/{own.pk}/change/").content.decode()
    assert 'name="criteria-TOTAL_FORMS"' in own_page
    assert 'name="nct_id"' not in own_page  # registry facts stay as imported

    other_page = client.get(f"/admin/trials/trial/{other.pk}/change/").content.decode()
    assert 'name="criteria-0-params"' not in other_page  # shown, not editable
    response = client.post(f"/admin/trials/trial/{other.pk}/change/", {"summary": "changed"})
    assert response.status_code == 403
