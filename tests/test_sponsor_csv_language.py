"""The eligible applicants CSV is in one language: its cells that are words (verdicts, criteria
results, choices, each condition's own columns) in the language of its header, the one the
sponsor reads the portal in."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import translation

from recruitment.exports import ApplicationExporter, Contact, exporter_chunks
from recruitment.models import Application
from tests.test_sponsor import rows_of
from trials.models import Trial

pytestmark = pytest.mark.django_db

# A demo trial of each condition, each with applicants the sponsor may download.
TRIALS = ("brave-aa1", "measure-up-1", "true-v1")
# What is neither English nor Chinese, and so stays as it is in a file in either language:
# references, registry numbers, dates, numbers, and the acronyms of scores and drug classes.
NEUTRAL = re.compile(
    r"[A-Z0-9]{4}-[A-Z0-9]{4}"  # a reference
    r"|NCT\d{8}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\b(?:[A-Z]{1,2}-)?[A-Z]{2,}(?:-[A-Z0-9]+)*\b"  # SALT, AA-IGA, T-VASI, NB-UVB, JAK, BSA, CSV
)
ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def demo(db):
    call_command("seed_demo")


def english_words(cell: str) -> list[str]:
    return ENGLISH_WORD.findall(NEUTRAL.sub(" ", cell))


def word_cells(rows):
    """(column, cell) of every cell but the campaign's name, which coordinators type as they wish."""
    header, body = rows[0], rows[1:]
    campaign = len(header) - 1
    return [(header[i], cell) for row in body for i, cell in enumerate(row) if i != campaign and cell]


def sponsor_of(trial: Trial) -> User:
    user, _created = User.objects.get_or_create(username=f"sponsor-of-{trial.slug}")
    trial.sponsor.members.add(user)
    return user


def download(client, slug, language):
    trial = Trial.objects.get(slug=slug)
    client.force_login(sponsor_of(trial))
    client.cookies["django_language"] = language
    return rows_of(client.get(f"/sponsor/trials/{slug}/eligible.csv", {"include_needs_review": "1"}))


@pytest.mark.parametrize("slug", TRIALS)
def test_a_chinese_sponsor_csv_has_no_english_words_in_its_cells(client, demo, slug):
    rows = download(client, slug, "zh-hans")
    assert len(rows) > 1 and "标准评估结果" in rows[0]
    criteria = rows[0].index("标准评估结果")
    assert all(row[criteria] for row in rows[1:])  # the criteria results are there, in Chinese
    left = {(column, cell): english_words(cell) for column, cell in word_cells(rows) if english_words(cell)}
    assert left == {}


@pytest.mark.parametrize("slug", TRIALS)
def test_an_english_sponsor_csv_has_no_chinese_in_its_cells(client, demo, slug):
    rows = download(client, slug, "en")
    assert "Criteria results" in rows[0]
    assert [(column, cell) for column, cell in word_cells(rows) if CHINESE.search(cell)] == []
    criteria = rows[0].index("Criteria results")
    assert all(re.search(r": (passes|cannot tell|does not pass)(; |$)", row[criteria]) for row in rows[1:])


def test_every_result_word_of_a_coordinators_export_is_in_chinese_too(demo):
    # The coordinators' export lists every applicant, those who do not pass a criterion too.
    with translation.override("zh-hans"):
        exporter = ApplicationExporter(Application.objects.all(), contact=Contact.NONE)
        text = b"".join(exporter_chunks(exporter)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    criteria = "".join(row[rows[0].index("标准评估结果")] for row in rows[1:])
    assert "：未通过" in criteria and "：通过" in criteria  # from the trial's side: an exclusion never "met"
    assert {(column, cell) for column, cell in word_cells(rows) if english_words(cell)} == set()


@pytest.mark.parametrize(("asked_in", "streamed_in"), [("zh-hans", "en"), ("en", "zh-hans")])
def test_the_cells_are_in_the_language_of_the_header_whatever_is_active_while_the_file_streams(
    demo, asked_in, streamed_in
):
    applications = Application.objects.filter(trial__slug="true-v1")
    with translation.override(asked_in):
        chunks = exporter_chunks(ApplicationExporter(applications, contact=Contact.NONE))
    with translation.override(streamed_in):
        text = b"".join(chunks).decode("utf-8-sig")
        assert translation.get_language() == streamed_in  # the export left the language as it was
    header, *body = list(csv.reader(io.StringIO(text)))
    row = dict(zip(header, body[0], strict=True))
    if asked_in == "zh-hans":
        assert (row["白癜风类型"], row["预筛选结果"], row["既往使用JAK抑制剂"]) == ("非节段型", "可能符合条件", "否")
        assert row["标准评估结果"].startswith("年龄 12 岁或以上：通过；")
    else:
        assert (row["Type of vitiligo"], row["Verdict"], row["Prior JAK inhibitor"]) == (
            "non-segmental",
            "Likely eligible",
            "no",
        )
        assert row["Criteria results"].startswith("Aged 12 or older: passes; ")
