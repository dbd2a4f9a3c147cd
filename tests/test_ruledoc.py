"""Rule authoring tools: `ogi-check rules test` runs packs' examples, `ogi-check rules doc` writes
the reference that docs/rules.md must match, `ogi-check schema` publishes the schemas."""

from __future__ import annotations

from pathlib import Path

from checker.ruleset.ruledoc import render_doc
from checker.ruleset.ruletest import load_all_packs
from tests.conftest import ROOT, invoke
from tests.conftest import USER_PACK as SHARED_PACK

# The shared user pack, with an editor modeline and a FAIL case built from a file.
USER_PACK = (
    "# yaml-language-server: $schema=https://ogi-checker.invalid/schema/rule-pack.schema.json\n"
    + SHARED_PACK.replace(
        '      fail: [{text: "官方微博@平安辽宁发布博文", count: 1}]\n',
        "      fail:\n"
        '        - {text: "官方微博@平安辽宁发布博文", count: 1}\n'
        '        - {file: sample.txt, replace: [["平安", "@平安辽宁"]]}\n',
    )
)


def user_pack(tmp_path: Path, text: str = USER_PACK) -> Path:
    (tmp_path / "sample.txt").write_text("某局年报：平安建设\n", encoding="utf-8")
    pack = tmp_path / "my-office.yaml"
    pack.write_text(text, encoding="utf-8")
    return pack


def test_docs_rules_md_is_current() -> None:
    expected = render_doc(load_all_packs())
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is stale: run `ogi-check rules doc -o docs/rules.md`"


def test_rules_doc_covers_every_rule_with_its_basis_and_examples() -> None:
    rules = load_all_packs()
    doc = render_doc(rules)
    for pack in rules.packs.values():
        assert f"## Pack `{pack.id}`" in doc
        for rule in pack.rules:
            assert f"### {rule.meta.id} {rule.meta.name}" in doc
            assert rule.meta.basis in doc
    assert doc.count("**PASS**") == sum(
        len(r.passes) for p in rules.packs.values() for r in p.rules
    )


def test_rules_doc_of_a_user_pack(tmp_path: Path) -> None:
    result = invoke("rules", "doc", "--rules", user_pack(tmp_path))
    assert result.exit_code == 0
    assert "## Pack `my-office`" in result.stdout
    assert "### OGI-L001 no-weibo-handle" in result.stdout
    assert "官方微博@平安辽宁发布博文" in result.stdout
    assert "- `平安` → `@平安辽宁`" in result.stdout


def test_rules_test_of_a_user_pack_by_file(tmp_path: Path) -> None:
    result = invoke("rules", "test", user_pack(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == "3 cases: 3 passed, 0 failed, 0 skipped"
    assert lines[0].startswith("PASS  OGI-L001-pass-0  ")
    assert all("OGI-L001" in line for line in lines[:-1]), "only the named pack"


def test_rules_test_reports_a_failing_case_and_exits_1(tmp_path: Path) -> None:
    broken = USER_PACK.replace("count: 1}", "count: 2}").replace("sample.txt", "missing.txt")
    pack = user_pack(tmp_path, broken)
    result = invoke("rules", "test", "--rules", pack, "my-office")
    assert result.exit_code == 1
    fails = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(fails) == 2
    assert "expected 2 finding(s), got 1" in fails[0]
    assert "example file not found" in fails[1]
    assert result.stdout.splitlines()[-1] == "3 cases: 1 passed, 2 failed, 0 skipped"


def test_rules_test_of_a_bundled_pack_by_id() -> None:
    result = invoke("rules", "test", "2008")
    lines = result.stdout.splitlines()
    assert lines and all("rules/2008.yaml:" in line for line in lines[:-1])
    assert lines[-1].endswith("0 failed, 0 skipped")
    assert result.exit_code == 0


def test_rules_test_of_an_unknown_pack_exits_2() -> None:
    result = invoke("rules", "test", "no-such-pack")
    assert result.exit_code == 2
    assert "no such pack" in result.stderr


def test_rules_test_of_a_broken_pack_exits_2(tmp_path: Path) -> None:
    text = USER_PACK.replace("kind: text_patterns", "kind: no_such_kind")
    pack = user_pack(tmp_path, text)
    result = invoke("rules", "test", pack)
    assert result.exit_code == 2
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "no_such_kind" in t)
    assert f"my-office.yaml:{line}: rules[0].kind" in result.stderr


def test_rule_pack_schema_is_published() -> None:
    result = invoke("schema", "rule-pack")
    bundled = (ROOT / "rules" / "schema" / "rule-pack.schema.json").read_text(encoding="utf-8")
    assert result.stdout == bundled


def test_schema_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "config.schema.json"
    assert invoke("schema", "config", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == (
        ROOT / "rules" / "schema" / "config.schema.json"
    ).read_text(encoding="utf-8")


def test_ci_docs_document_the_modeline_and_are_linked_from_the_readme() -> None:
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in ci
    for needle in ("upload-sarif", "junit", ".pre-commit-config.yaml", "ogi-check baseline"):
        assert needle in ci
    assert "docs/ci.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_basis_is_a_source_a_clerk_can_look_up() -> None:
    """A basis cites a law, a notice or says it is good practice; never an internal document."""
    for rule in load_all_packs().rules:
        basis = rule.meta.basis
        assert basis.strip(), rule
        for internal in ("spec", "§", "常见问题", "派生规则", "规范 §"):
            assert internal not in basis, (basis, internal)
        assert any(
            source in basis for source in ("条例", "国办公开办函", "良好实践", "通知", "办法")
        ), basis
