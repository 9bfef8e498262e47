"""Sponsors: the funnel of their own trials and the eligible list as CSV, for them only."""

import csv
import io
import itertools

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recruitment.models import Application, AuditEvent
from recruitment.services import patient_rights, review
from tests.cast import build_cast
from tests.factories import DATE_OF_BIRTH, make_application, make_campaign, make_criterion
from trials.services import record_campaign_scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = build_cast()
    # Everyone in the cast who answered the defaults is likely eligible for these criteria.
    for trial in (cast.trial, cast.other_trial):
        make_criterion(trial, "salt", params={"min": 50}, patient_text="SALT 50 or more")
    for app in (cast.app_a, cast.app_b, cast.app_c, cast.app_no_site):
        review.reevaluate(app, by=None)
    return cast


def rows_of(response):
    assert response.status_code == 200
    assert response.streaming
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def export(client, trial, **params):
    return client.get(f"/sponsor/trials/{trial.slug}/eligible.csv", params)


# --- Access matrix -------------------------------------------------------------------------------
USERS = ["anonymous", "coordinator_a", "coordinator_b", "sponsor_x", "sponsor_y", "superuser"]


def login(client, cast, who):
    if who != "anonymous":
        client.force_login(getattr(cast, who))


@pytest.mark.parametrize(
    ("who", "page", "trial_x_csv", "trial_y_csv", "admin"),
    [
        ("anonymous", 302, 302, 302, 302),
        ("coordinator_a", 200, 404, 404, 200),
        ("coordinator_b", 200, 404, 404, 200),
        ("sponsor_x", 200, 200, 404, 302),
        ("sponsor_y", 200, 404, 200, 302),
        ("superuser", 200, 200, 200, 200),
    ],
)
def test_access_matrix(client, cast, who, page, trial_x_csv, trial_y_csv, admin):
    login(client, cast, who)
    response = client.get("/sponsor/")
    assert response.status_code == page
    if page == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert export(client, cast.trial).status_code == trial_x_csv
    assert export(client, cast.other_trial).status_code == trial_y_csv
    assert client.get("/admin/recruitment/application/").status_code == admin


def test_a_sponsor_page_lists_only_its_own_trials(client, cast):
    client.force_login(cast.sponsor_x)
    body = client.get("/sponsor/").content.decode()
    assert "TRIAL-X" in body
    assert "TRIAL-Y" not in body
    assert "Alice A" not in body


def test_the_sponsor_login_page_leads_to_the_funnel(client, cast):
    response = client.post("/accounts/login/", {"username": "sponsor_x", "password": "pw-for-tests-1"})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/sponsor/"


# --- The funnel ----------------------------------------------------------------------------------
def test_the_funnel_counts_each_stage_per_trial_site_and_campaign(client, cast):
    campaign = make_campaign(cast.trial, name="Live broadcast, 23 May", site=cast.site_a)
    for _ in range(5):
        record_campaign_scan(campaign)
    from_campaign = make_application(cast.trial, site=cast.site_a, campaign=campaign, phone="+86 100 0000 0100")
    review.change_status(cast.app_a, to="contacted", by=cast.coordinator_a)
    review.change_status(cast.app_a, to="prescreen_passed", by=cast.coordinator_a)
    review.change_status(cast.app_a, to="referred", by=cast.coordinator_a)
    review.change_status(cast.app_a, to="declined", by=cast.coordinator_a, reason="Changed their mind")
    review.change_status(from_campaign, to="contacted", by=cast.coordinator_a)
    from recruitment.services import calls

    calls.record_attempt(from_campaign, by=cast.coordinator_a, outcome="no_answer")
    calls.record_attempt(from_campaign, by=cast.coordinator_a, outcome="reached")

    from recruitment.funnel import trial_funnel
    from recruitment.selectors import applications_for

    funnel = trial_funnel(cast.trial, applications_for(cast.sponsor_x))
    # scans, applications, likely eligible, needs review, contact attempts, contacted, referred, enrolled
    assert funnel.total.values() == [5, 4, 4, 0, 2, 2, 1, 0]  # declined after referral still counts as referred
    by_site = {site.facility if site else None: f.values() for site, f in funnel.by_site}
    assert by_site["Site A"] == [5, 2, 2, 0, 2, 2, 1, 0]  # the campaign's poster hangs at site A
    assert by_site["Site B"] == [0, 1, 1, 0, 0, 0, 0, 0]
    assert by_site[None] == [0, 1, 1, 0, 0, 0, 0, 0]
    by_campaign = {c.name if c else None: f.values() for c, f in funnel.by_campaign}
    assert by_campaign["Live broadcast, 23 May"] == [5, 1, 1, 0, 2, 1, 0, 0]
    # Shown to the sponsor, a breakdown row counting fewer than 5 people says so, not who.
    assert funnel.by_site[0][1].shown_values() == [5, "< 5", "< 5", 0, "< 5", "< 5", "< 5", 0]

    client.force_login(cast.sponsor_x)
    body = client.get("/sponsor/").content.decode()
    assert "Live broadcast, 23 May" in body
    assert "<svg" in body and "<rect" in body  # the chart over time, drawn on the server


# --- The CSV -------------------------------------------------------------------------------------
def test_the_csv_has_the_eligible_rows_and_clear_columns_without_personal_details(client, cast):
    client.force_login(cast.sponsor_x)
    rows = rows_of(export(client, cast.trial))
    header, body = rows[0], rows[1:]
    assert header == [
        "Reference",
        "NCT number",
        "Site",
        "Submitted (date)",
        "Age",
        "Sex at birth",
        "Self-reported estimated SALT",
        "Severity band (AA-IGA)",
        "Current episode (months)",
        "Prior JAK inhibitor",
        "Other prior treatments",
        "Health history: conditions reported (of 8)",
        "Verdict",
        "Criteria results",
        "Status",
        "Campaign",
    ]
    assert {row[0] for row in body} == {cast.app_a.reference, cast.app_b.reference, cast.app_no_site.reference}
    text = "\n".join(",".join(row) for row in rows)
    for private in ("Alice A", "Bob B", "Nadia N", "+86", DATE_OF_BIRTH, "site.example"):
        assert private not in text
    first = dict(zip(header, body[0], strict=True))
    assert first["NCT number"] == cast.trial.nct_id
    assert first["Self-reported estimated SALT"] == "75.2"
    assert first["Verdict"] == "Likely eligible"
    assert first["Criteria results"] == "SALT 50 or more: passes"
    import datetime

    datetime.date.fromisoformat(first["Submitted (date)"])


def test_numbers_are_written_as_numbers(client, cast):
    client.force_login(cast.sponsor_x)
    raw = b"".join(export(client, cast.trial).streaming_content).decode("utf-8-sig")
    line = raw.splitlines()[1]
    assert ",75.2," in line
    assert ',"75.2",' not in line


def test_needs_review_is_included_on_request_and_withdrawn_applicants_never(client, cast):
    review.change_status(cast.app_b, to="withdrawn", by=cast.coordinator_b, reason="Asked to leave")
    needs_review = make_application(
        cast.trial, site=cast.site_a, phone="+86 100 0000 0200", spontaneous_regrowth="unsure"
    )
    make_criterion(cast.trial, "recent_regrowth", role="exclusion", params={"months": 6})
    review.reevaluate(needs_review, by=None)
    assert needs_review.verdict == "needs_review"
    client.force_login(cast.sponsor_x)
    plain = {row[0] for row in rows_of(export(client, cast.trial))[1:]}
    assert cast.app_b.reference not in plain
    assert needs_review.reference not in plain
    wider = {row[0] for row in rows_of(export(client, cast.trial, include_needs_review="1"))[1:]}
    assert needs_review.reference in wider
    assert cast.app_b.reference not in wider


def test_contact_details_only_with_consent_and_only_for_users_with_the_permission(client, cast):
    consenting = make_application(
        cast.trial,
        site=cast.site_a,
        phone="+86 100 0000 0300",
        full_name="Dora D",
        consent_share_with_sponsor="on",
        loss_top="100",
    )
    review.reevaluate(consenting, by=None)
    client.force_login(cast.sponsor_x)
    assert "Dora D" not in b"".join(export(client, cast.trial).streaming_content).decode("utf-8-sig")

    cast.sponsor_x.user_permissions.add(Permission.objects.get(codename="receive_consented_contact_details"))
    client.force_login(cast.sponsor_x)
    rows = rows_of(export(client, cast.trial))
    header = rows[0]
    assert header[-3:] == ["Name", "Phone", "E-mail"]  # contact details only: never the date of birth
    by_ref = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_ref[consenting.reference]["Name"] == "Dora D"
    assert DATE_OF_BIRTH not in "".join(",".join(row) for row in rows)
    assert by_ref[cast.app_a.reference]["Name"] == ""  # did not agree
    assert AuditEvent.objects.filter(application=consenting, action="exported").exists()
    assert not AuditEvent.objects.filter(application=cast.app_a, action="exported").exists()


def test_contact_details_leave_only_for_the_applications_recorded_before_the_file_streams(client, cast):
    consenting = make_application(cast.trial, site=cast.site_a, full_name="Erin E", loss_top="100")
    review.reevaluate(consenting, by=None)
    cast.sponsor_x.user_permissions.add(Permission.objects.get(codename="receive_consented_contact_details"))
    client.force_login(cast.sponsor_x)
    response = export(client, cast.trial)  # recorded: nobody's contact details leave
    patient_rights.give_consent(consenting, "share_with_sponsor")  # given while the file streams
    rows = rows_of(response)
    by_ref = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_ref[consenting.reference]["Name"] == ""
    assert not AuditEvent.objects.filter(application=consenting, action="exported").exists()
    assert "Erin E" in "".join(",".join(row) for row in rows_of(export(client, cast.trial)))  # the next one


def test_every_download_is_recorded_with_trial_options_and_row_count(client, cast):
    client.force_login(cast.sponsor_x)
    rows_of(export(client, cast.trial, include_needs_review="1"))
    event = AuditEvent.objects.get(action="exported", application__isnull=True)
    assert event.actor == cast.sponsor_x
    assert event.details["trial"] == cast.trial.nct_id
    assert event.details["include_needs_review"] is True
    assert event.details["rows"] == 3


def test_formula_payloads_are_neutralised_and_chinese_is_intact(client, cast):
    cast.site_a.facility = "北京大学第一医院"
    cast.site_a.save()
    payloads = [
        '=HYPERLINK("http://evil")',
        "+SUM(1,2)",
        "-2+3",
        "@cmd",
        "\tTAB",
        "\rCR",
        ";=1+1",
        "%0A",
        "＝1+1",
        "＋SUM(1,2)",
    ]  # semicolon locales, DDE, full-width signs
    references = {}
    for i, payload in enumerate(payloads):
        campaign = make_campaign(cast.trial, name=payload)
        app = make_application(cast.trial, site=cast.site_a, campaign=campaign, phone=f"+86 100 0000 04{i:02d}")
        review.reevaluate(app, by=None)
        references[app.reference] = payload
    client.force_login(cast.sponsor_x)
    rows = rows_of(export(client, cast.trial))
    header = rows[0]
    by_ref = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    for reference, payload in references.items():
        cell = by_ref[reference]["Campaign"]
        assert cell.startswith("'"), (payload, cell)
        assert cell[1:].replace("\\|", "|") == payload.replace("\r", "\n")  # line breaks normalised
        assert by_ref[reference]["Site"].startswith("北京大学第一医院")


def test_the_export_streams_with_a_constant_number_of_queries(client, cast):
    client.force_login(cast.sponsor_x)

    def queries_for_export():
        with CaptureQueriesContext(connection) as captured:
            rows_of(export(client, cast.trial))
        return len(captured.captured_queries)

    few = queries_for_export()
    for i in range(25):
        review.reevaluate(make_application(cast.trial, site=cast.site_b, phone=f"+86 100 0000 05{i:02d}"), by=None)
    assert queries_for_export() == few


def test_an_empty_selection_exports_only_the_header(cast):
    from recruitment.exports import ApplicationExporter, Contact, exporter_chunks
    from recruitment.models import Application

    exporter = ApplicationExporter(Application.objects.none(), contact=Contact.ALL)
    rows = list(csv.reader(io.StringIO(b"".join(exporter_chunks(exporter)).decode("utf-8-sig"))))
    assert len(rows) == 1 and rows[0][0] == "Reference"


def test_the_file_name_has_the_nct_number_and_date(client, cast):
    client.force_login(cast.sponsor_x)
    response = export(client, cast.trial)
    disposition = response["Content-Disposition"]
    assert f'filename="{cast.trial.nct_id}-eligible-' in disposition and disposition.endswith('.csv"')


def test_the_coordinator_export_and_the_sponsor_export_share_one_exporter(client, cast):
    client.force_login(cast.coordinator_a)
    coordinator_rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    client.post(
                        "/admin/recruitment/application/", {"action": "export_csv", "_selected_action": [cast.app_a.pk]}
                    ).streaming_content
                ).decode("utf-8-sig")
            )
        )
    )
    client.force_login(cast.sponsor_x)
    sponsor_rows = rows_of(export(client, cast.trial))
    assert coordinator_rows[0][:16] == sponsor_rows[0]
    coordinator_row = coordinator_rows[1][:16]
    sponsor_row = next(row for row in sponsor_rows[1:] if row[0] == cast.app_a.reference)
    assert coordinator_row == sponsor_row


def test_other_prior_treatments_are_listed_by_name(client, cast):
    app = make_application(
        cast.trial,
        site=cast.site_a,
        phone="+86 100 0000 0600",
        used_topical_minoxidil="gt6m",
        used_phototherapy="gt6m",
        used_baricitinib="gt6m",
        response_baricitinib="yes",
    )
    review.reevaluate(app, by=None)
    client.force_login(cast.sponsor_x)
    rows = rows_of(export(client, cast.trial))
    row = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == app.reference), strict=True))
    assert row["Prior JAK inhibitor"] == "yes"
    assert (
        row["Other prior treatments"]
        == "Minoxidil solution or foam, Light therapy (phototherapy, such as NB-UVB or excimer)"
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_cells_a_spreadsheet_could_run_are_neutralised_in_each_language(cast, language):
    from django.utils import translation

    from recruitment.exports import ApplicationExporter, Contact, exporter_chunks
    from recruitment.models import Application

    odd = make_campaign(cast.trial, name='=HYPERLINK("x") | pipe')
    app = make_application(
        cast.trial,
        site=cast.site_a,
        campaign=odd,
        phone="+86 100 0000 0700",
        full_name='\tTab, "Q"',
        used_topical_minoxidil="gt6m",
        used_baricitinib="lt1m",
        response_baricitinib="no",
        consent_share_with_sponsor="on",
        email="a@b.cn",
    )
    with translation.override(language):
        exporter = ApplicationExporter(
            Application.objects.all(), contact=Contact.CONSENTED, audited_contacts=frozenset({app.pk})
        )
        text = b"".join(exporter_chunks(exporter)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    row = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == app.reference), strict=True))
    campaign, name = row[rows[0][15]], row[rows[0][16]]
    assert campaign.startswith("'=HYPERLINK") and name == 'Tab, "Q"'  # the form strips the tab
    assert ("是" if language == "zh-hans" else "yes") == row[rows[0][9]]


def test_the_health_history_reaches_the_sponsor_as_a_count_and_the_coordinator_as_a_checklist(client, cast):
    app = make_application(
        cast.trial, site=cast.site_a, phone="+86 100 0000 0800", health_history=["shingles", "hepatitis"]
    )
    skipped = make_application(cast.trial, site=cast.site_a, phone="+86 100 0000 0801", health_history=["skip"])
    client.force_login(cast.sponsor_x)
    rows = rows_of(export(client, cast.trial, include_needs_review="1"))
    by_reference = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    column = "Health history: conditions reported (of 8)"
    assert by_reference[app.reference][column] == "2" and by_reference[skipped.reference][column] == ""
    assert "Shingles" not in "\n".join(",".join(row) for row in rows)
    client.force_login(cast.coordinator_a)
    page = client.get(f"/admin/recruitment/application/{app.pk}/change/").content.decode()
    # In words: a bare mark beside an illness reads as a list of the patient's illnesses.
    assert "<li>Shingles (herpes zoster): <strong>had</strong></li>" in page
    assert "<li>A heart attack or a stroke: <strong>not had</strong></li>" in page
    page = client.get(f"/admin/recruitment/application/{skipped.pk}/change/").content.decode()
    assert "not answered: ask during the call" in page


def test_phone_numbers_are_exported_as_text_a_spreadsheet_keeps_without_a_quote(cast):
    from recruitment.exports import ApplicationExporter, Contact, stream_csv

    application = make_application(cast.trial, site=cast.site_a, phone="+86 138 0013 8000", full_name="=Wang")
    exporter = ApplicationExporter(Application.objects.filter(pk=application.pk), contact=Contact.ALL)
    text = b"".join(stream_csv(exporter.header(), exporter.rows())).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    cells = dict(zip(header, row, strict=True))
    phone = next(value for name, value in cells.items() if name.lower().startswith("phone"))
    assert phone == '="+86 138 0013 8000"'  # shown as +86 138 0013 8000, no ' in the number
    name = next(value for column, value in cells.items() if column.lower().startswith("name"))
    assert name == "'=Wang"  # anything else that starts like a formula is still neutralised


def test_a_single_small_count_cannot_be_worked_out_from_the_total():
    from recruitment.funnel import Funnel, protect

    big, small, bigger = Funnel(applications=7), Funnel(applications=2), Funnel(applications=20)
    protect([big, small, bigger], Funnel(applications=29))
    assert [f.shown_values()[1] for f in (big, small, bigger)] == ["≥ 5", "< 5", 20]


def _what_a_reader_can_work_out(shown, total):
    """Every value each cell may hold, found by trying every table the shown cells allow whose rows
    add up to the total (brute force, on purpose: nothing shared with the code under test)."""
    domains = []
    for cell in shown:
        if cell == "*":
            domains.append(range(total + 1))
        elif cell == "< 5":
            domains.append(range(5))
        elif cell == "≥ 5":
            domains.append(range(5, total + 1))
        else:
            domains.append(range(cell, cell + 1))
    possible = [set() for _ in shown]
    for head in itertools.product(*domains[:-1]):
        last = total - sum(head)
        if last in domains[-1]:
            for values, value in zip(possible, (*head, last), strict=True):
                values.add(value)
    return possible


@pytest.mark.parametrize(("rows", "largest"), [(2, 12), (3, 9), (4, 6)])
def test_no_small_count_can_be_worked_out_from_any_table_of_rows_zeros_and_total(rows, largest):
    # Every table of `rows` rows with counts up to `largest`: an exact "All" row, rows shown as
    # counts, "< 5", "≥ 5" or "*"; a reader who knows the rows add up to the total tries them all.
    from recruitment.funnel import Funnel, protect

    for counts in itertools.product(range(largest + 1), repeat=rows):
        funnels = [Funnel(applications=count) for count in counts]
        protect(funnels, Funnel(applications=sum(counts)))
        shown = [f.shown("applications") for f in funnels]
        possible = _what_a_reader_can_work_out(shown, sum(counts))
        for count, values in zip(counts, possible, strict=True):
            assert count in values, (counts, shown)  # the reader's reasoning is sound
            if 0 < count < 5:
                assert len(values) > 1, f"{counts} shown as {shown}: {count} can be worked out"
        # Nothing is hidden where nothing small is shown: a table of large counts stays exact.
        if not any(0 < count < 5 for count in counts):
            assert shown == list(counts), (counts, shown)


def test_whether_an_applicant_may_be_pregnant_never_reaches_the_sponsor(client, cast):
    make_criterion(cast.trial, "pregnancy", role="review", patient_text="Not pregnant or breastfeeding")
    app = make_application(cast.trial, site=cast.site_a, phone="+86 100 0000 0802", pregnancy=["pregnant"])
    client.force_login(cast.sponsor_x)
    rows = rows_of(export(client, cast.trial, include_needs_review="1"))
    row = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == app.reference)
    assert "SALT 50 or more: passes" in row["Criteria results"]  # the others are there
    assert "pregnant" not in row["Criteria results"].lower()


def test_a_row_without_applications_shows_zeros_all_along_not_fewer_than_five():
    from recruitment.funnel import Funnel, protect

    rows = [
        Funnel(applications=0),
        Funnel(applications=7, likely_eligible=3, needs_review=2, attempts=4, contacted=3),
        Funnel(applications=6, likely_eligible=4, needs_review=1, attempts=5, contacted=2),
    ]
    total = Funnel(applications=13, likely_eligible=7, needs_review=3, attempts=9, contacted=5)
    protect(rows, total)
    assert rows[0].shown_values()[1:] == [0, 0, 0, 0, 0, 0, 0]  # none comes without an application
    for row in rows[1:]:
        assert 0 not in row.shown_values()[2:6]  # the small counts are not given away by those zeros


def test_a_known_empty_row_beside_a_single_small_one_is_blurred_rather_than_giving_it_away():
    from recruitment.funnel import Funnel, protect

    # The other row is the "All" row once the first is known empty: its 3 likely eligible are.
    rows = [Funnel(applications=0), Funnel(applications=7, likely_eligible=3, contacted=2)]
    protect(rows, Funnel(applications=7, likely_eligible=3, contacted=2))  # returns: no endless hiding
    for stage in ("likely_eligible", "contacted"):
        assert {row.shown(stage) for row in rows} <= {"< 5", "*"}, stage
    assert rows[0].shown("applications") == "< 5"
