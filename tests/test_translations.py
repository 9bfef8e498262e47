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
    po = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(CATALOG / "django.po"))
          if not e.obsolete}
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(CATALOG / "django.mo"))}
    assert mo == po, "run: python manage.py compilemessages, then commit locale/"


@pytest.mark.parametrize(("english", "chinese_fragment"), [
    ("Check whether you may be eligible", "符合条件"),
    ("Alopecia areata", "斑秃"),
])
def test_django_serves_the_chinese_catalog(english, chinese_fragment):
    with translation.override("zh-hans"):
        assert chinese_fragment in translation.gettext(english)
