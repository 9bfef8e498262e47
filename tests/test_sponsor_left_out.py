"""The sponsor page says, per trial, how many likely-eligible applicants the CSV leaves out and
why, in counts that tell nothing of anyone: fewer than five as "fewer than 5", and no such count
can be worked out from the others and the total (which the sponsor knows: the funnel's "All" row
less the CSV's rows)."""

import itertools

import pytest

from recruitment.funnel import trial_funnel
from recruitment.models import ConsentPurpose
from recruitment.selectors import applications_for
from recruitment.services import review
from recruitment.services.erasure import erase
from recruitment.services.patient_rights import withdraw_consent
from recruitment.sponsors import left_out_of_csv, reason_counts_shown
from tests.cast import build_cast
from tests.factories import make_application, make_criterion
from tests.test_sponsor import export, rows_of

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
    # One withdrawal among them: no reason shows a number, since with the total known any number
    # would narrow the small one down. The reasons that apply are listed, in words.
    assert "Why, without numbers: one of these counts fewer than five people" in english
    assert "<li>Withdrew from the pre-screening</li>" in english
    assert (
        "<li>Have not agreed, or no longer agree, to their answers being sent to your organisation abroad</li>"
        in english
    )
    chinese = page(client, cast, "zh-hans")
    assert "可能符合条件但未列入 CSV 的申请人：6" in chinese
    assert "<li>已退出预筛选</li>" in chinese and "：5</li>" not in chinese
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
    assert "abroad" not in english
    assert "<li>Withdrew from the pre-screening</li>" in english and "fewer than 5</li>" not in english


def test_counts_large_enough_are_shown_by_reason(client, cast):
    for app in applicants(cast, 5, 0):
        withdraw_consent(app, ConsentPurpose.TRANSFER_ABROAD)
    english = page(client, cast, "en")
    assert "Why, without numbers" not in english
    assert "<li>Withdrew from the pre-screening: 0</li>" in english
    assert "sent to your organisation abroad: 5</li>" in english


def test_a_trial_whose_csv_lists_everyone_says_so(client, cast):
    applicants(cast, 2, 0)
    assert "The CSV lists every likely-eligible applicant." in page(client, cast, "en")
    assert "CSV 已列出所有可能符合条件的申请人。" in page(client, cast, "zh-hans")


@pytest.mark.parametrize(("reasons", "largest"), [(2, 14), (3, 10)])
def test_no_small_left_out_count_can_be_worked_out_by_a_reader_who_knows_the_rule(reasons, largest):
    # Every split of the left-out applicants into 2 reasons (a sponsor at home) or 3 (abroad). The
    # reader knows the total exactly and how the page decides what to show: of all the splits that
    # give the same page, a count between 1 and 4 must never be the only value a reason can have.
    pages: dict[tuple, list[tuple[int, ...]]] = {}
    for counts in itertools.product(range(largest + 1), repeat=reasons):
        shown = counts if reason_counts_shown(list(counts)) else None
        pages.setdefault((sum(counts), shown), []).append(counts)
    for splits in pages.values():
        for counts in splits:
            for position, count in enumerate(counts):
                if 0 < count < 5:
                    values = {other[position] for other in splits}
                    assert len(values) > 1, f"{counts}: reason {position} is known to be {count}"
