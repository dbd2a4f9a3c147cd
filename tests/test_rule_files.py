"""A broken rule pack stops the run before any report is read, naming the file, the line and the
key; a good user pack can add rules, extend packs and override bundled rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.core.errors import RuleFileError
from checker.core.findings import Severity
from checker.ruleset.load import load_rules
from tests.conftest import SEED, USER_PACK, invoke

PACK = (
    USER_PACK
    + """\
overrides:
  - {id: OGI-C004, severity: info, reason: 本市不作要求}
"""
)

SECOND_RULE = """\
  - id: OGI-L001
    name: second-rule
    title: 第二条
    severity: info
    category: text
    basis: 市政务公开办通知
    kind: text_patterns
    params: {patterns: [{regex: "某某", message: 占位}]}
    examples: {pass: [{text: 正文}], fail: [{text: 某某}]}
"""


def line_of(text: str, marker: str) -> int:
    """1-based number of the last line holding `marker`."""
    return max(n for n, line in enumerate(text.split("\n"), 1) if marker in line)


def write(tmp_path: Path, text: str, name: str = "city.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_fails_before_reading(pack: Path, *fragments: str) -> None:
    """CLI: exit 2, nothing checked (an unreadable report would give exit 1), fragments in stderr."""
    report = pack.parent / "scan.txt"  # unreadable: checked, it would give exit 1
    report.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = invoke("check", "--rules", pack, report)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


# (case id, replace this, with this, the line is the one holding this marker, key, message word)
BROKEN = [
    pytest.param(
        "    severity: warning\n",
        "    severity: warning: loud\n",
        "warning: loud",
        None,
        "YAML",
        id="yaml-syntax-mapping",
    ),
    pytest.param(
        "    kind: text_patterns\n",
        "\tkind: text_patterns\n",
        "\tkind",
        None,
        "YAML",
        id="yaml-syntax-tab",
    ),
    pytest.param(
        "    severity: warning\n",
        "    severity: fatal\n",
        "severity: fatal",
        "rules[0].severity",
        "fatal",
        id="wrong-severity",
    ),
    pytest.param(
        "    category: text\n",
        "    category: typo\n",
        "category: typo",
        "rules[0].category",
        "typo",
        id="wrong-category",
    ),
    pytest.param(
        "    kind: text_patterns\n",
        "    kind: no_such_kind\n",
        "kind: no_such_kind",
        "rules[0].kind",
        "no_such_kind",
        id="unknown-kind",
    ),
    pytest.param(
        '        - regex: "@平安辽宁"\n',
        '        - regex: "@平安(辽宁"\n',
        "    params:",
        "rules[0].params",
        "平安(辽宁",
        id="bad-regex",
    ),
    pytest.param(
        "  - id: OGI-L001\n",
        "  - id: L-1\n",
        "id: L-1",
        "rules[0].id",
        "L-1",
        id="malformed-id",
    ),
    pytest.param(
        '      fail: [{text: "官方微博@平安辽宁发布博文", count: 1}]\n',
        "",
        "    examples:",
        "rules[0].examples",
        "fail",
        id="missing-fail-example",
    ),
    pytest.param(
        "rules:\n",
        "rules:\n" + SECOND_RULE,
        "id: OGI-L001",
        "rules[1].id",
        "duplicate",
        id="duplicate-id-in-pack",
    ),
    pytest.param(
        "  - {id: OGI-C004, severity: info",
        "  - {id: OGI-Z999, severity: info",
        "OGI-Z999",
        "overrides",
        "OGI-Z999",
        id="override-of-unknown-rule",
    ),
    pytest.param(
        "  - {id: OGI-C004, severity: info",
        "  - {id: OGI-C004, severity: silent",
        "silent",
        "overrides[0].severity",
        "silent",
        id="override-with-wrong-severity",
    ),
]


def broken_pack(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    assert old in PACK
    text = PACK.replace(old, new, 1)
    return write(tmp_path, text), text


@pytest.mark.parametrize(("old", "new", "marker", "key", "word"), BROKEN)
def test_broken_pack_names_path_line_and_key(
    tmp_path: Path, old: str, new: str, marker: str, key: str | None, word: str
) -> None:
    pack, text = broken_pack(tmp_path, old, new)
    expected_line = line_of(text, marker)
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[pack])
    error = caught.value
    assert error.path == str(pack)
    assert error.line == expected_line, str(error)
    assert error.key == key
    assert word in str(error)
    assert str(error).startswith(f"{pack}:{expected_line}: ")
    assert_fails_before_reading(pack, f"{pack}:{expected_line}", *([key] if key else []))


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        (
            "    basis: 市政务公开办通知\n",
            "    basis: 市政务公开办通知\n    colour: red\n",
            "rules[0].colour",
        ),
        ("rules:\n", "colour: red\nrules:\n", "colour"),
    ],
    ids=["in-a-rule", "at-top-level"],
)
def test_unknown_key_names_that_key_and_its_line(
    tmp_path: Path, old: str, new: str, key: str
) -> None:
    pack, text = broken_pack(tmp_path, old, new)
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[pack])
    assert "colour" in str(caught.value)
    assert (caught.value.line, caught.value.key) == (line_of(text, "colour: red"), key)


def test_unknown_key_is_still_an_error_naming_it(tmp_path: Path) -> None:
    """What holds today, whatever line is named: the file, the key's name, exit code 2."""
    pack, _ = broken_pack(
        tmp_path, "    basis: 市政务公开办通知\n", "    basis: x\n    colour: red\n"
    )
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[pack])
    assert caught.value.path == str(pack)
    assert caught.value.line is not None
    assert "'colour' was unexpected" in str(caught.value)
    assert_fails_before_reading(pack, str(pack), "colour")


def test_extends_of_an_unknown_pack_names_the_line(tmp_path: Path) -> None:
    pack, text = broken_pack(tmp_path, 'extends: ["2008"]', 'extends: ["2099"]')
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[pack])
    assert (caught.value.line, caught.value.key) == (line_of(text, "extends:"), "extends")


def test_extends_of_an_unknown_pack_is_an_error(tmp_path: Path) -> None:
    pack, _ = broken_pack(tmp_path, 'extends: ["2008"]', 'extends: ["2099"]')
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[pack])
    assert caught.value.path == str(pack)
    assert caught.value.key == "extends"
    assert "2099" in str(caught.value)
    assert_fails_before_reading(pack, str(pack), "extends", "2099")


def test_rule_id_of_another_pack_names_path_and_line(tmp_path: Path) -> None:
    pack, text = broken_pack(tmp_path, "  - id: OGI-L001\n", "  - id: OGI-N001\n")
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[pack])
    assert (caught.value.path, caught.value.line) == (str(pack), line_of(text, "id: OGI-N001"))


def test_rule_id_of_another_pack_is_an_error(tmp_path: Path) -> None:
    pack, _ = broken_pack(tmp_path, "  - id: OGI-L001\n", "  - id: OGI-N001\n")
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[pack])
    assert str(pack) in str(caught.value)
    assert "OGI-N001" in str(caught.value) and "2008.yaml" in str(caught.value)
    assert_fails_before_reading(pack, str(pack), "OGI-N001")


def test_pack_id_used_twice(tmp_path: Path) -> None:
    write(tmp_path, PACK, "a.yaml")
    second = write(tmp_path, PACK.replace("OGI-L001", "OGI-L002"), "b.yaml")
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[tmp_path])
    assert (caught.value.path, caught.value.line, caught.value.key) == (str(second), 1, "pack")
    assert "my-office" in str(caught.value)


def test_unreadable_and_missing_rule_files(tmp_path: Path) -> None:
    bad = tmp_path / "latin.yaml"
    bad.write_bytes(b"pack: caf\xe9\n")
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[bad])
    assert caught.value.path == str(bad)
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[tmp_path / "nope.yaml"])
    assert caught.value.path == str(tmp_path / "nope.yaml")


# --- what a good user pack can do -------------------------------------------------------------


def test_user_pack_adds_a_rule_and_overrides_a_bundled_severity(tmp_path: Path) -> None:
    bundled = load_rules()
    pack = write(tmp_path, PACK)
    rules = load_rules(extra=[pack])
    added = rules.get("OGI-L001")
    assert added is not None
    assert added.meta.severity == Severity.WARNING
    assert added.eras == frozenset({"2008"})
    assert added.source == f"{pack}:{line_of(PACK, 'id: OGI-L001')}"
    c004 = rules.get("OGI-C004")
    assert c004 is not None and c004.meta.severity == Severity.INFO
    before = bundled.get("OGI-C004")
    assert before is not None and before.meta.severity == Severity.WARNING
    assert {r.meta.id for r in rules.rules} == {r.meta.id for r in bundled.rules} | {"OGI-L001"}


def test_override_applies_to_the_run(tmp_path: Path) -> None:
    pack = write(tmp_path, PACK)
    result = invoke("check", "--format", "json", "--rules", pack, SEED)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    c004 = [f["severity"] for f in findings if f["rule"] == "OGI-C004"]
    assert c004 == ["info", "info"]  # 430/次 and 409/次, demoted by the city pack
    assert [f["rule"] for f in findings].count("OGI-L001") == 2


def test_override_can_switch_a_rule_off(tmp_path: Path) -> None:
    pack = write(tmp_path, PACK.replace("severity: info, reason", "enabled: false, reason"))
    assert load_rules(extra=[pack]).get("OGI-C004") is None


BASE_PACK = """\
pack: city-base
title: 本市通用规则
rules:
  - id: OGI-L002
    name: no-mojibake-dash
    title: 不得出现“14各市”之类的错字
    severity: warning
    category: text
    basis: 市政务公开办通知
    kind: text_patterns
    params: {patterns: [{regex: "\\\\d+各市", message: 量词错写为“各”}]}
    examples: {pass: [{text: 14个市}], fail: [{text: 14各市}]}
"""

CITY_PACK = """\
pack: city
title: 本市规则
applies_to: {eras: ["2008"]}
extends: [city-base]
overrides:
  - {id: OGI-L002, severity: error, reason: 本市从严}
"""


def test_extends_brings_in_the_rules_of_an_inactive_pack(tmp_path: Path) -> None:
    base = write(tmp_path, BASE_PACK, "base.yaml")
    # A pack without applies_to is only a library: alone, its rules do not run.
    assert load_rules(extra=[base]).get("OGI-L002") is None
    write(tmp_path, CITY_PACK, "city.yaml")
    rule = load_rules(extra=[tmp_path]).get("OGI-L002")
    assert rule is not None
    assert rule.eras == frozenset({"2008"})
    assert rule.meta.severity == Severity.ERROR  # the extending pack's override
    result = invoke("check", "--format", "json", "--rules", tmp_path, SEED)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    (found,) = [f for f in findings if f["rule"] == "OGI-L002"]
    assert (found["line"], found["actual"], found["severity"]) == (35, "14各市", "error")


def test_circular_extends(tmp_path: Path) -> None:
    write(tmp_path, BASE_PACK.replace("title: 本市通用规则", "title: x\nextends: [city]"), "b.yaml")
    write(tmp_path, CITY_PACK, "c.yaml")
    with pytest.raises(RuleFileError) as caught:
        load_rules(extra=[tmp_path])
    assert "circular" in str(caught.value)
    assert caught.value.key == "extends"
