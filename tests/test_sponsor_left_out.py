"""The sponsor page says, per trial, how many likely-eligible applicants the CSV leaves out and
why, in counts that tell nothing of anyone: fewer than five as "fewer than 5", and no such count
can be worked out from the others and the total (which the sponsor knows: the funnel's "All" row
less the CSV's rows)."""

import itertools

import pytest

from recruitment.funnel import protected, trial_funnel
from recruitment.models import ConsentPurpose
from recruitment.selectors import applications_for
from recruitment.services import review
from recruitment.services.erasure import erase
from recruitment.services.patient_rights import withdraw_consent
from recruitment.sponsors import left_out_of_csv
from tests.cast import build_cast
from tests.factories import make_application, make_criterion
from tests.test_sponsor import _what_a_reader_can_work_out, export, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = build_cast()
    # Sponsor X receives data abroad: its applicants' answers need their consent to go there.
    cast.trial.sponsor.country = "United States"
    cast.trial.sponsor.save()
    make_criterion(cast.trial, "salt", params={"min": 50}, patient_text="SALT 50 or more")
    return cast


def applicants(cast, count, first):
    apps = [make_application(cast.trial, site=cast.site_a, phone=f"+86 100 0001 {first + i:04d}") for i in range(count)]
    for app in apps:
        review.reevaluate(app, by=None)
        assert app.verdict == "likely_eligible"
    return apps


def page(client, cast, language):
    client.force_login(cast.sponsor_x)
    client.cookies["django_language"] = language
    return client.get("/sponsor/").content.decode()


def test_the_page_says_how_many_likely_eligible_applicants_the_csv_leaves_out_and_why(client, cast):
    listed = applicants(cast, 6, 0)
    no_transfer = applicants(cast, 5, 100)
    for app in no_transfer:
        withdraw_consent(app, ConsentPurpose.TRANSFER_ABROAD)
    (withdrawn,) = applicants(cast, 1, 200)
    review.change_status(withdrawn, to="withdrawn", by=cast.coordinator_a, reason="Asked to leave")

    english = page(client, cast, "en")
    assert "Likely eligible but not in the CSV: 6" in english
    # One withdrawal: shown as fewer than 5, and the zero beside it hidden too, since the total
    # less the other two would otherwise give the 1 away.
    assert "<li>Withdrew from the pre-screening: fewer than 5</li>" in english
    assert (
        "<li>Answers erased, at the applicant&#x27;s request or at the end of the retention period: fewer than 5</li>"
        in english
    )
    assert (
        "<li>Have not agreed, or no longer agree, to their answers being sent to your organisation abroad: 5</li>"
        in english
    )
    chinese = page(client, cast, "zh-hans")
    assert "可能符合条件但未列入 CSV 的申请人：6" in chinese
    assert "<li>已退出预筛选：少于 5 人</li>" in chinese
    assert "<li>未同意（或已撤回同意）将其填写的信息传输给境外的贵机构：5</li>" in chinese
    for app in (*listed, *no_transfer, withdrawn):
        assert app.reference not in english and app.reference not in chinese

    csv_rows = len(rows_of(export(client, cast.trial))) - 1
    funnel = trial_funnel(cast.trial, applications_for(cast.sponsor_x, erased=True))
    assert funnel.total.likely_eligible - csv_rows == left_out_of_csv(cast.sponsor_x, cast.trial).total == 6


def test_the_reasons_add_up_to_what_the_funnel_counts_and_the_csv_does_not_list(client, cast):
    apps = applicants(cast, 4, 0)
    erase(apps[0], by=None)
    review.change_status(apps[1], to="withdrawn", by=cast.coordinator_a, reason="Asked to leave")
    withdraw_consent(apps[2], ConsentPurpose.TRANSFER_ABROAD)
    erase(apps[1], by=None)  # withdrawn, then erased: counted once, as erased
    applicants(cast, 3, 100)  # in the CSV

    client.force_login(cast.sponsor_x)
    csv_rows = len(rows_of(export(client, cast.trial))) - 1
    funnel = trial_funnel(cast.trial, applications_for(cast.sponsor_x, erased=True))
    left = left_out_of_csv(cast.sponsor_x, cast.trial)
    assert (funnel.total.likely_eligible, csv_rows, left.total) == (7, 4, 3)
    assert left.shown_total == "fewer than 5"  # shown as every count under five is


def test_a_trial_whose_sponsor_is_at_home_lists_no_consent_to_send_abroad(client, cast):
    cast.trial.sponsor.country = ""
    cast.trial.sponsor.save()
    (withdrawn,) = applicants(cast, 1, 0)
    review.change_status(withdrawn, to="withdrawn", by=cast.coordinator_a, reason="Asked to leave")
    english = page(client, cast, "en")
    assert "Likely eligible but not in the CSV: fewer than 5" in english
    assert "abroad:" not in english
    assert english.count("fewer than 5</li>") == 2  # withdrawn 1 and erased 0: neither tells


def test_a_trial_whose_csv_lists_everyone_says_so(client, cast):
    applicants(cast, 2, 0)
    assert "The CSV lists every likely-eligible applicant." in page(client, cast, "en")
    assert "CSV 已列出所有可能符合条件的申请人。" in page(client, cast, "zh-hans")


@pytest.mark.parametrize(("reasons", "largest"), [(2, 12), (3, 9)])
def test_no_small_left_out_count_can_be_worked_out_from_the_others_and_the_total(reasons, largest):
    # Every split of the left-out applicants into 2 reasons (a sponsor at home) or 3 (abroad): the
    # reader knows the total exactly and tries every split the shown cells allow.
    for counts in itertools.product(range(largest + 1), repeat=reasons):
        total = sum(counts)
        shown = protected(list(counts), total)
        possible = _what_a_reader_can_work_out(shown, total)
        for count, values in zip(counts, possible, strict=True):
            assert count in values, (counts, shown)
            if 0 < count < 5:
                assert len(values) > 1, f"{counts} shown as {shown}: {count} can be worked out"
        if not any(0 < count < 5 for count in counts):
            assert shown == list(counts), (counts, shown)
