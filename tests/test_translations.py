"""The Chinese catalogs are complete, and each committed .mo is compiled from its committed .po
(a fresh machine needs no gettext tools: `make run` serves Chinese straight away). The core has
one catalog (locale/); each condition's app has its own (recruitment/conditions/<name>/locale/)."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
CONDITION_CATALOGS = sorted(ROOT.glob("recruitment/conditions/*/locale/zh_Hans/LC_MESSAGES"))
CATALOGS = [CATALOG, *CONDITION_CATALOGS]


def test_each_condition_app_has_a_catalog_of_its_own():
    assert {path.parents[2].name for path in CONDITION_CATALOGS} >= {"alopecia_areata", "vitiligo"}


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_message_has_a_chinese_translation_and_none_is_fuzzy(catalog):
    po = polib.pofile(str(catalog / "django.po"))
    assert po.untranslated_entries() == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert len(po.translated_entries()) > (500 if catalog == CATALOG else 50)


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_compiled_catalog_matches_the_source(catalog):
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(catalog / "django.po"))
        if not e.obsolete
    }
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(catalog / "django.mo"))}
    assert mo == po, "run: python manage.py compilemessages, then commit the catalogs"


def test_a_conditions_words_are_in_its_own_catalog_not_the_cores():
    core = {e.msgid for e in polib.pofile(str(CATALOG / "django.po"))}
    assert "2. Your white patches" not in core and "Self-reported estimated SALT" not in core
    with translation.override("zh-hans"):
        assert "白斑" in translation.gettext("2. Your white patches")


def test_a_message_two_catalogs_share_reads_the_same_in_both():
    """Django serves one translation of a message from all catalogs together (the first app's):
    a condition that gives a message the core or another condition has must mean the same by it,
    or mark it with a context of its own (pgettext, {% translate ... context ... %})."""
    seen: dict = {}
    differ = []
    for catalog in CATALOGS:
        for entry in polib.pofile(str(catalog / "django.po")):
            key = (entry.msgctxt, entry.msgid)
            chinese = entry.msgstr or str(entry.msgstr_plural)
            if key in seen and seen[key][1] != chinese:
                differ.append(
                    f"{entry.msgid!r}: {seen[key][0]} {seen[key][1]!r}, {catalog.parents[2].name} {chinese!r}"
                )
            seen.setdefault(key, (catalog.parents[2].name, chinese))
    assert differ == []


@pytest.mark.parametrize(
    ("english", "chinese_fragment"),
    [
        ("Check whether you may be eligible", "符合条件"),
        ("Alopecia areata", "斑秃"),
    ],
)
def test_django_serves_the_chinese_catalog(english, chinese_fragment):
    with translation.override("zh-hans"):
        assert chinese_fragment in translation.gettext(english)


@pytest.mark.subprocess
def test_no_string_in_the_code_is_missing_from_the_catalog(tmp_path):
    """makemessages over a copy of the code finds nothing the catalog does not translate."""
    import os
    import shutil

    from tests.proc import ROOT, clean_env, run

    if shutil.which("xgettext") is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("xgettext (Debian's gettext) is needed in CI to check the catalog")
        pytest.skip("xgettext not installed (apt-get install gettext)")
    for name in ("config", "recruitment", "trials", "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    import sys

    result = run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        env=clean_env(PYTHONPATH=str(tmp_path)),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    # makemessages writes each condition's strings to its app's catalog, the rest to locale/.
    missing = [
        f"{path.relative_to(tmp_path).parts[:3]}: {e.msgid}"
        for path in [tmp_path / "locale", *tmp_path.glob("recruitment/conditions/*/locale")]
        for po in [polib.pofile(str(path / "zh_Hans" / "LC_MESSAGES" / "django.po"))]
        for e in po.untranslated_entries() + po.fuzzy_entries()
    ]
    assert missing == [], "new strings to translate (makemessages, translate, compilemessages): " + repr(missing)
