"""Safe YAML reading that remembers where every value came from.

We compose the YAML node graph with libyaml (CSafeLoader where present) and build the
Python data ourselves, so that we can:

* reject any tag beyond the plain standard ones (no ``!!python/...``, no custom tags);
* reject duplicate mapping keys, anywhere, with both positions;
* keep the line and column of every key and value, for file:line:column messages;
* use YAML 1.2 scalars: only ``true``/``false`` are booleans (``no`` stays text), and
  ``11:30`` is text, not the base-60 integer YAML 1.1 would make of it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing: same behaviour, slower
    _Loader = yaml.SafeLoader

from .diagnostics import Diagnostic

Path = tuple[str | int, ...]
_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?")
MAX_VALUES = 1_000_000  # guards against alias bombs ("billion laughs")


@dataclass
class SourceFile:
    """One parsed YAML file: its data and the position of every value and key."""

    path: str  # as shown in messages
    text: str
    data: Any = None
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)  # 1-based
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    spans: dict[Path, tuple[int, int, str | None]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def error(self, path: Path, code: str, message: str, key: bool = False) -> Diagnostic:
        line, col = self.where(path, key)
        return Diagnostic(self.path, line, col, code, message)

    def text_position(self, path: Path, offset: int) -> tuple[int, int]:
        """Where character ``offset`` of the string at ``path`` stands in the file."""
        span = self.spans.get(path)
        if span is None:
            return self.where(path)
        start, end, style = span
        value = self._value_at(path)
        if not isinstance(value, str):
            return self.where(path)
        if style == "|":
            return self._literal_position(start, value, offset)
        quote = 1 if style in ('"', "'") else 0
        if self.text[start + quote : start + quote + len(value)] == value:
            return self._index_position(start + quote + offset)  # written as it reads
        # Escapes or folding: find the text just before the offset in the source.
        before = value[max(0, offset - 30) : offset].rsplit("\n", 1)[-1]
        found = self.text.find(before, start, end) if before else -1
        if found == -1:
            return self.where(path)
        return self._index_position(found + len(before))

    def _value_at(self, path: Path) -> Any:
        value = self.data
        for part in path:
            value = value[part]
        return value

    def _index_position(self, index: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, index) + 1
        col = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return line, col

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def _literal_position(self, start: int, value: str, offset: int) -> tuple[int, int]:
        header_line, _ = self._index_position(start)
        lines = self.lines
        line_in_value = value.count("\n", 0, offset)
        col_in_line = offset - (value.rfind("\n", 0, offset) + 1)
        raw = lines[header_line + line_in_value] if header_line + line_in_value < len(lines) else ""
        written = value.split("\n")[line_in_value]
        if written and raw.endswith(written):
            # the file's line is the indentation, then the value's line: this holds with an
            # indentation indicator (``|2``) too, where the value's lines may start with spaces
            return header_line + 1 + line_in_value, len(raw) - len(written) + col_in_line + 1
        indent = 0
        for raw in lines[header_line:]:
            if raw.strip():
                indent = len(raw) - len(raw.lstrip(" "))
                break
        return header_line + 1 + line_in_value, indent + col_in_line + 1


def decode(path: str, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 text of ``raw`` (a BOM is allowed), or an E002 naming the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        msg = (
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8 "
            "(most editors offer it under 'encoding')"
        )
        return None, Diagnostic(path, line, col, "E002", msg)


def parse_file(path: str, raw: bytes) -> SourceFile:
    """Parse one YAML file. Problems land in ``diagnostics``; nothing is raised."""
    text, problem = decode(path, raw)
    source = SourceFile(path, text or "")
    if problem is not None:
        source.diagnostics.append(problem)
        return source
    loader = _Loader(source.text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        source.diagnostics.append(_syntax_problem(path, source.text, exc))
        return source
    except yaml.YAMLError as exc:
        source.diagnostics.append(Diagnostic(path, 1, 1, "E001", f"YAML syntax: {exc}"))
        return source
    finally:
        loader.dispose()
    if root is not None:
        builder = _Builder(source)
        source.data = builder.build(root, ())
    return source


def _syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """libyaml's message, with where the construct began and, when the likely cause is
    a quote left open further up, the line of that quote."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"YAML syntax: {exc.problem or exc.context}"
    if exc.context and exc.problem and exc.context_mark is not None:
        message += f" ({exc.context} that begins at line {exc.context_mark.line + 1})"
    hint = _beginners_trap(text, line, exc.problem or exc.context or "")
    if hint:
        return Diagnostic(path, line, col, "E001", f"{message}; {hint}")
    first = exc.context_mark.line if exc.context_mark is not None else 0
    for number, raw in enumerate(text.splitlines()[first : line - 1], first + 1):
        body = raw.split(" #", 1)[0]
        if body.count('"') % 2 or (body.count("'") % 2 and ": '" in body):
            message += f"; is a quote left open on line {number}?"
            break
    return Diagnostic(path, line, col, "E001", message)


_VALUE = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:#]*:\s+(\S)")


def _beginners_trap(text: str, line: int, problem: str) -> str:
    """What to do about the mistakes YAML beginners make most, when one of them is the
    likely cause of a syntax error on ``line`` (1-based)."""
    lines = text.splitlines()
    raw = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = raw[: len(raw) - len(raw.lstrip(" \t"))]
    if "\t" in indent:
        return (
            f"line {line} is indented with a tab: YAML indents with spaces only "
            "(set your editor to insert spaces for the tab key)"
        )
    match = _VALUE.match(raw)
    first = match.group(1) if match else ""
    if first == "{":
        return (
            "a value that starts with '{' is a YAML mapping: to write text that starts "
            "with {if ...} or {name}, put the whole value in quotes, or write it as a "
            "block (text: |, then the text on the next lines)"
        )
    if first and first in "\"'" and "expected" in problem:
        other = "'" if first == '"' else '"'
        return (
            f"a value that starts with {first} ends at the next {first}: for an expression "
            f"such as {first}text{first} == name, put the whole value in {other} quotes, or "
            f"start it with the name (name == {first}text{first})"
        )
    if "mapping values are not allowed" in problem:
        return (
            "a ': ' inside unquoted text starts a new key: put the whole text in quotes, "
            "or write it as a block (text: |, then the text on the next lines)"
        )
    return ""


class _Builder:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.count = 0
        self.active: set[int] = set()
        self.too_big = False

    def _problem(self, node: yaml.Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.source.diagnostics.append(
            Diagnostic(self.source.path, mark.line + 1, mark.column + 1, code, message)
        )

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            if not self.too_big:
                self.too_big = True
                self._problem(node, "E001", "the file expands to too many values (alias bomb?)")
            return None
        mark = node.start_mark
        self.source.values[path] = (mark.line + 1, mark.column + 1)
        if id(node) in self.active:
            self._problem(node, "E001", "an alias refers to itself")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self._problem(node, "E003", f"tag {node.tag!r} is not allowed here")
            self.active.add(id(node))
            items = [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            self.active.discard(id(node))
            return items
        assert isinstance(node, yaml.ScalarNode)
        self.source.spans[path] = (mark.index, node.end_mark.index, node.style)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            self._problem(node, "E003", f"tag {node.tag!r} is not allowed here")
        self.active.add(id(node))
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "E006", "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag == _TAG + "merge":
                self._problem(
                    key_node, "E003", "merge keys (<<) are not supported; write the keys out"
                )
                continue
            key = key_node.value
            if key in seen:
                first = seen[key].start_mark
                self._problem(
                    key_node,
                    "E004",
                    f"duplicate key {key!r} (first defined at line {first.line + 1}); "
                    "YAML keeps only one, so remove or rename the other",
                )
                continue
            seen[key] = key_node
            child = (*path, key)
            km = key_node.start_mark
            self.source.keys[child] = (km.line + 1, km.column + 1)
            result[key] = self.build(value_node, child)
        self.active.discard(id(node))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if not tag.startswith(_TAG):
            self._problem(node, "E003", f"tag {tag!r} is not allowed; story files use plain YAML")
            return None
        kind = tag[len(_TAG) :]
        if kind in ("str", "timestamp"):
            return value
        if kind == "null":
            return None
        if kind == "bool":
            low = value.lower()
            return low == "true" if low in ("true", "false") else value
        if kind == "int":
            if not _INT.fullmatch(value):
                return value  # e.g. 11:30 (base 60 in YAML 1.1): keep it as text
            return int(value.replace("_", ""), 0)  # base 0: 0x.. and 0o.. as written
        if kind == "float":
            if _FLOAT.fullmatch(value):
                return float(value.replace("_", ""))
            return value
        self._problem(node, "E003", f"tag '!!{kind}' is not allowed; story files use plain YAML")
        return None
