"""The Chinese catalog is complete, and the committed .mo is compiled from the committed .po
(a fresh machine needs no gettext tools: `make run` serves Chinese straight away)."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

CATALOG = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_has_a_chinese_translation_and_none_is_fuzzy():
    po = polib.pofile(str(CATALOG / "django.po"))
    assert po.untranslated_entries() == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert len(po.translated_entries()) > 500


def test_the_compiled_catalog_matches_the_source():
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(CATALOG / "django.po"))
        if not e.obsolete
    }
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(CATALOG / "django.mo"))}
    assert mo == po, "run: python manage.py compilemessages, then commit locale/"


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
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    import sys

    result = run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        env=clean_env(PYTHONPATH=str(tmp_path)),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    assert missing == [], "new strings to translate (makemessages, translate, compilemessages): " + repr(missing)
