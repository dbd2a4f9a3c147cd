"""Rule packs: load and validate them into a `core.rules.RuleSet` (`load`), run the PASS/FAIL
examples written in them (`ruletest`), and render the Markdown rule reference (`ruledoc`).

May import `checker.core`, the kind registries (`checker.kinds`), `checker.extract` and
`checker.engine` (the examples are checked by the engine); never batch, project,
formatters or cli.
"""
