"""The YAML parser behind `yamlsource`: PyYAML (libyaml when built with it), bounded against
hostile files, with the line of every key recorded. Imported only when a YAML file is parsed."""

from __future__ import annotations

from typing import Any

import yaml
import yaml.composer
import yaml.constructor
import yaml.reader

from checker.core.errors import RuleFileError

PathKey = tuple[str | int, ...]  # as in yamlsource, which imports this module (not the reverse)

# Configuration, rule packs and baselines are a few levels deep; a hostile file is thousands.
MAX_DEPTH = 100
# Nodes an alias may stand for in total: a legitimate anchor is reused a few times, a "billion
# laughs" file reaches 10^9 nodes with a dozen aliases (every later walk would expand them).
MAX_ALIAS_NODES = 100_000

# libyaml's parser (C) when PyYAML was built with it: it keeps the marks (line numbers) and is
# many times faster than the pure-Python composer, which dominated loading the rule packs.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkedValues(yaml.constructor.SafeConstructor):
    """A value the constructor cannot build (a 5,000-digit integer, the 13th month) is an error
    with the value's mark, not a bare ValueError escaping as a bug."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            reason = str(exc).split(";")[0]  # drop Python's advice (set_int_max_str_digits)
            raise yaml.constructor.ConstructorError(
                None, None, f"无效的值 (invalid value: {reason})", node.start_mark
            ) from exc


class BoundedLoader(_MarkedValues, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, bounded while it composes (for report data, whose
    loader refuses aliases as it meets them): nesting past MAX_DEPTH is a marked error before
    the recursive composer reaches Python's recursion limit."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self._depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, f"nesting deeper than {MAX_DEPTH} levels", mark
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _FastLoader(_MarkedValues, _Loader):  # type: ignore[misc,valid-type]
    """The fast loader (libyaml when present) with marked value errors; its node graph is
    checked by `check_graph` before anything walks it."""


def check_graph(root: yaml.Node) -> None:
    """Refuse a node graph nested past MAX_DEPTH, recursive, or whose aliases expand to more
    than MAX_ALIAS_NODES nodes ("billion laughs"); the error has the mark of the node at fault.

    Iterative and memoised by node identity, so the check itself is linear in the file.
    """
    sizes: dict[int, int] = {}  # expanded node count under each node
    heights: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if id(node) in sizes:
            continue
        kids = _children(node)
        if not finished:
            visiting.add(id(node))
            stack.append((node, True))
            for kid in kids:
                if id(kid) in visiting:
                    raise _graph_error("recursive alias (an alias inside its own anchor)", kid)
                stack.append((kid, False))
            continue
        visiting.discard(id(node))
        sizes[id(node)] = 1 + sum(sizes[id(kid)] for kid in kids)
        heights[id(node)] = 1 + max((heights[id(kid)] for kid in kids), default=0)
        if heights[id(node)] > MAX_DEPTH:
            raise _graph_error(f"nesting deeper than {MAX_DEPTH} levels", node)
        if sizes[id(node)] - len(sizes) > MAX_ALIAS_NODES:
            raise _graph_error(f"aliases expand to more than {MAX_ALIAS_NODES} nodes", node)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _graph_error(problem: str, node: yaml.Node) -> yaml.composer.ComposerError:
    return yaml.composer.ComposerError(None, None, problem, node.start_mark)


def compose_bounded(loader: Any) -> tuple[yaml.Node | None, Any]:
    """The single document's node (checked) and data; a YAMLError for anything hostile."""
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        check_graph(node)
        return node, loader.construct_document(node)
    except RecursionError as exc:
        raise yaml.YAMLError(f"nesting too deep ({exc})") from exc


def parse_yaml_text(text: str, name: str) -> tuple[Any, dict[PathKey, int]]:
    """The data of `text` and the line of every key (JSON path -> 1-based line)."""
    try:
        loader = _FastLoader(text)  # type: ignore[call-arg]  # base is libyaml or pure Python
    except yaml.reader.ReaderError as exc:
        raise _reader_error(name, text, exc) from exc
    try:
        node, data = compose_bounded(loader)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(name, text, exc) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleFileError(name, f"YAML syntax error: {exc.problem or exc}", line) from exc
    except yaml.YAMLError as exc:
        raise RuleFileError(name, f"YAML error: {exc}") from exc
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {(): 1}
    if node is not None:
        _record_lines(node, (), lines)
    return data, lines


def _reader_error(name: str, text: str, exc: yaml.reader.ReaderError) -> RuleFileError:
    """A character YAML does not allow (NUL, most control characters), at its line.

    libyaml's position counts bytes of UTF-8, not characters: after Chinese text it points lines
    too far. No such character is allowed anywhere, so its first occurrence is the one reported.
    """
    at = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
    if at < 0:
        at = exc.position if exc.position is not None else -1
    line = text.count("\n", 0, at) + 1 if at >= 0 else None
    return RuleFileError(name, f"YAML 不允许的字符 U+{exc.character:04X}（控制字符）", line)


def _record_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*path, str(key_node.value))
            lines[key] = key_node.start_mark.line + 1
            _record_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = (*path, index)
            lines[key] = item.start_mark.line + 1
            _record_lines(item, key, lines)
