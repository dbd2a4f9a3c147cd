"""The desk's English pages: Django's i18n with Chinese msgids and an English catalog
(checker/desk/locale/en), chosen per user (the language switch) or for the desk (`desk serve
--lang en`); findings in the page's language; the API stays Chinese. The catalog is whole, its
compiled form matches it, and no template holds Chinese outside a translation tag."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.desk_support import DEFECTS, Round, client_for, django_ready, latest, make_round, upload

DESK = ROOT / "checker" / "desk"
CATALOG = DESK / "locale" / "en" / "LC_MESSAGES"
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _django() -> None:
    django_ready()


@pytest.fixture
def desk() -> Round:
    return make_round(bodies=2)


def english(client: Any) -> Any:
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_submission_in_english(desk: Round) -> None:
    body = desk.bodies[0]
    clerk = english(client_for(desk.users[body]))
    response = upload(clerk, DEFECTS)
    submission = latest(body)
    page = clerk.get(response["Location"]).content.decode()
    assert '<html lang="en">' in page and "File this version" in page
    assert "Explanation (required)" in page and "报送此版本" not in page
    findings = list(submission.findings.all())
    assert findings and all(f.message_en for f in findings)
    for finding in findings:  # each finding in English, none in Chinese
        assert finding.message_en in page or finding.message_en.replace("'", "&#x27;") in page
        assert finding.message not in page
    assert all(f.message_en != f.message for f in findings)  # (they quote the report's words)
    office = english(client_for(desk.office))
    roster = office.get("/office/", {"year": 2023}).content.decode()
    assert (
        "Roster for 2023" in roster and "Has errors" in roster and "Government department" in roster
    )


def test_the_language_switch_is_per_user(desk: Round) -> None:
    office = client_for(desk.office)
    assert "报送名单" in office.get("/office/").content.decode()
    response = office.post("/i18n/setlang/", {"language": "en", "next": "/office/"})
    assert response.status_code == 302 and response["Location"] == "/office/"
    page = office.get("/office/")
    assert page["Content-Language"] == "en" and "Roster for" in page.content.decode()
    other = client_for(desk.users[desk.bodies[0]])  # another user keeps the desk's language
    assert "上传报告" in other.get("/body/").content.decode()
    office.post("/i18n/setlang/", {"language": "zh-hans", "next": "/office/"})
    assert "报送名单" in office.get("/office/").content.decode()


def test_the_desk_language_and_not_the_browser_decides(desk: Round) -> None:
    from django.test import override_settings

    clerk = client_for(desk.users[desk.bodies[0]])
    assert "上传报告" in clerk.get("/body/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    with override_settings(LANGUAGE_CODE="en"):  # `desk serve --lang en`
        assert "Upload a report" in clerk.get("/body/").content.decode()


def test_the_api_answers_in_chinese_on_an_english_desk(desk: Round) -> None:
    from django.test import Client, override_settings

    from checker.desk.models import ApiToken

    token = ApiToken.issue(desk.office)
    with override_settings(LANGUAGE_CODE="en"):
        answer = Client().get("/api/v1/roster", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert answer.json()["error"]["message"] == "须给出 year（四位年份）"


def test_the_annotated_copy_in_english(desk: Round) -> None:
    import io

    import docx

    from tests.test_desk_annotate import SOURCE

    body = desk.bodies[0]
    clerk = english(client_for(desk.users[body]))
    upload(clerk, SOURCE)
    submission = latest(body)
    data = clerk.get(f"/submissions/{submission.pk}/annotated.docx").content
    comments = [c.text for c in docx.Document(io.BytesIO(data)).comments]
    findings = list(submission.findings.all())
    assert len(comments) == len(findings) > 5
    for text, finding in zip(comments, findings, strict=True):
        assert text.startswith(f"[{finding.severity}] {finding.rule} {finding.message_en}")


# --- the catalog ----------------------------------------------------------------------------


def read_po(path: Path) -> dict[tuple[str, str], list[str]]:
    """(context, msgid) -> msgstr forms, of a .po file as makemessages writes it."""
    entries: dict[tuple[str, str], list[str]] = {}
    fields: dict[str, str] = {}
    current = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith('"'):
            fields[current] += eval(line)  # a continuation: a C-style string literal
        elif line.strip() == "" and fields:
            forms = [v for k, v in sorted(fields.items()) if k.startswith("msgstr")]
            entries[(fields.get("msgctxt", ""), fields["msgid"])] = forms
            fields = {}
        elif line and not line.startswith("#"):
            current, _, value = line.partition(" ")
            fields[current] = eval(value)
    return entries


def test_the_catalog_is_whole_and_compiled() -> None:
    po = read_po(CATALOG / "django.po")
    assert len(po) > 100
    untranslated = [key for key, forms in po.items() if key[1] and not all(forms)]
    assert untranslated == []
    assert "#, fuzzy" not in (CATALOG / "django.po").read_text(encoding="utf-8")
    with (CATALOG / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    for (context, msgid), forms in po.items():
        if not msgid:
            continue
        key = f"{context}\x04{msgid}" if context else msgid
        got = (
            [compiled.get((key, n)) for n in range(len(forms))]
            if len(forms) > 1
            else [compiled.get(key)]
        )
        assert got == forms, (msgid, "django.mo is older than django.po: compile it again")


def without_translations(template: str) -> str:
    template = re.sub(r"\{#.*?#\}", "", template, flags=re.S)
    template = re.sub(r"\{% blocktranslate.*?endblocktranslate %\}", "", template, flags=re.S)
    return re.sub(r"\{% translate \".*?\" %\}", "", template)


def test_no_template_holds_chinese_outside_a_translation_tag() -> None:
    found = {
        path.relative_to(DESK).as_posix(): HAN.findall(
            without_translations(path.read_text("utf-8"))
        )
        for path in (DESK / "templates").rglob("*.html")
    }
    assert {name: chars for name, chars in found.items() if chars} == {}


def test_the_kind_labels_are_the_office_vocabulary() -> None:
    from django.utils import translation

    from checker.desk.models import KINDS
    from checker.formatters.office import KIND_ZH

    with translation.override("zh-hans"):
        assert {key: str(label) for key, label in KINDS} == KIND_ZH


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_the_catalog_has_every_message_of_the_code_and_templates(tmp_path: Path) -> None:
    """makemessages over a copy of the desk finds no message the catalog lacks."""
    copy = tmp_path / "desk"
    shutil.copytree(DESK, copy, ignore=shutil.ignore_patterns("__pycache__"))
    script = (
        "import sys, tempfile; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from checker.desk.settings import configure; d = Path(tempfile.mkdtemp());"
        "configure(str(d / 'x.sqlite3'), d / 'data');"
        "from django.core.management import call_command;"
        "call_command('makemessages', locale=['en'], no_obsolete=True, verbosity=0)"
    )
    subprocess.run([sys.executable, "-c", script, str(ROOT)], cwd=copy, check=True, timeout=120)
    fresh = set(read_po(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    assert fresh == set(read_po(CATALOG / "django.po"))
