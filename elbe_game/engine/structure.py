"""Check parsed YAML data against the format structs, reporting every problem.

msgspec stops at the first error in a value; authors want all of them at once. So we
walk the struct types ourselves, field by field, and hand only the leaves (strings,
numbers, ids, literals) to msgspec. Once a file is clean, ``msgspec.convert`` builds
the structs in one call.
"""

from __future__ import annotations

import difflib
import functools
import types
from typing import Annotated, Any, Union, get_args, get_origin

import msgspec

from .diagnostics import Diagnostic
from .yamlsrc import Path, SourceFile

_TYPE_NAMES = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    int: "a whole number",
    bool: "true or false",
    float: "a number",
    type(None): "nothing",
}


def describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def check_structure(source: SourceFile, tp: Any) -> list[tuple[Path, Diagnostic]]:
    """Every structural problem of ``source.data`` against ``tp``, with its path."""
    problems: list[tuple[Path, Diagnostic]] = []
    _check(source, source.data, tp, (), problems, "the file")
    return problems


def _is_struct(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, msgspec.Struct)


@functools.cache
def _fields(struct: type) -> dict[str, Any]:
    """encode name -> FieldInfo (msgspec re-reads annotations on every call)."""
    return {f.encode_name: f for f in msgspec.structs.fields(struct)}


@functools.cache
def _strip(tp: Any) -> Any:
    """Annotated[X, ...] -> X (constraints are checked by msgspec on leaves)."""
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


@functools.cache
def _options(tp: Any) -> tuple[Any, ...]:
    """The alternatives of a union, flattened, each without its Annotated wrapper."""
    bare = _strip(tp)
    if get_origin(bare) in (Union, types.UnionType):
        return tuple(o for a in get_args(bare) for o in _options(a))
    return (bare,)


@functools.cache
def _struct_in_union(tp: Any) -> Any | None:
    if get_origin(tp) in (Union, types.UnionType):
        structs = [a for a in _options(tp) if _is_struct(a)]
        if len(structs) == 1:
            return structs[0]
    return None


@functools.cache
def _shapes(tp: Any) -> tuple[Any, Any] | None:
    """For a union that takes a struct or a list of structs as well as other things
    (``Id | list[Target]``, ``Effects | list[Effects]``): its list-of-structs and its
    struct alternatives (either may be None). None for any other type."""
    bare = _strip(tp)
    if get_origin(bare) not in (Union, types.UnionType):
        return None
    options = _options(bare)
    lists = [o for o in options if get_origin(o) is list and _is_struct(_strip(get_args(o)[0]))]
    structs = [o for o in options if _is_struct(o)]
    return (lists[0] if len(lists) == 1 else None, structs[0] if len(structs) == 1 else None)


def _by_shape(tp: Any, value: Any) -> Any | None:
    """The alternative of such a union that the value's shape picks, so that its inside
    is checked field by field. None: check the value against the whole union as a leaf
    (or as an optional struct)."""
    shapes = _shapes(tp)
    if shapes is None:
        return None
    if isinstance(value, list):
        return shapes[0]
    if isinstance(value, dict):
        return shapes[1]
    return None


def _check(
    src: SourceFile, value: Any, tp: Any, path: Path, out: list[tuple[Path, Diagnostic]], what: str
) -> None:
    bare = _strip(tp)
    if value is not None:
        shaped = _by_shape(bare, value)
        if shaped is not None:
            _check(src, value, shaped, path, out, what)
            return
    struct = bare if _is_struct(bare) else _struct_in_union(bare)
    if struct is not None:
        if value is None and not _is_struct(bare):
            return  # Optional[Struct] left empty
        _check_struct(src, value, struct, path, out, what)
        return
    origin = get_origin(bare)
    if origin is dict:
        key_tp, value_tp = get_args(bare)
        if not isinstance(value, dict):
            _add(out, src, path, "E006", f"{what} must be a mapping, not {describe(value)}")
            return
        for key, item in value.items():
            try:
                msgspec.convert(key, key_tp)
            except msgspec.ValidationError:
                _add(out, src, (*path, key), "E023", _BAD_KEY.format(key=key), key=True)
            _check(src, item, value_tp, (*path, key), out, f"{key!r}")
        return
    if origin is list and not _leaf_union(tp):
        (item_tp,) = get_args(bare)
        if not isinstance(value, list):
            _add(out, src, path, "E006", f"{what} must be a list, not {describe(value)}")
            return
        before = len(out)
        for i, item in enumerate(value):
            _check(src, item, item_tp, (*path, i), out, f"item {i + 1} of {what}")
        if len(out) == before:
            _check_leaf(src, value, tp, path, out, what)  # list limits such as min_length
        return
    _check_leaf(src, value, tp, path, out, what)


def _add(
    out: list[tuple[Path, Diagnostic]],
    src: SourceFile,
    path: Path,
    code: str,
    message: str,
    key: bool = False,
) -> None:
    out.append((path, src.error(path, code, message, key=key)))


@functools.cache
def _leaf_union(tp: Any) -> bool:
    return get_origin(_strip(tp)) in (Union, types.UnionType)


def _check_struct(
    src: SourceFile,
    value: Any,
    struct: type,
    path: Path,
    out: list[tuple[Path, Diagnostic]],
    what: str,
) -> None:
    name = struct.__name__.lower()
    if not isinstance(value, dict):
        _add(out, src, path, "E006", f"{what} must be a mapping ({name}), not {describe(value)}")
        return
    fields = _fields(struct)
    for key in value:
        if key not in fields:
            close = difflib.get_close_matches(key, list(fields), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(fields)}"
            _add(out, src, (*path, key), "E005", f"unknown field {key!r} in {name}{hint}", key=True)
    for key, info in fields.items():
        if key in value:
            _check(src, value[key], info.type, (*path, key), out, f"{key!r}")
        elif info.required:
            _add(out, src, path, "E007", f"{name} {what} is missing the field {key!r}", key=True)


def _check_leaf(
    src: SourceFile, value: Any, tp: Any, path: Path, out: list[tuple[Path, Diagnostic]], what: str
) -> None:
    try:
        msgspec.convert(value, tp, strict=True)
    except msgspec.ValidationError as exc:
        detail = str(exc).split(" - at ", 1)[0]
        message = detail[0].lower() + detail[1:] if detail else "invalid value"
        _add(out, src, path, "E006", f"{what}: {message}{_hint(value, tp)}")


_YAML_1_1_BOOLS = {"yes", "no", "on", "off", "y", "n"}


def _hint(value: Any, tp: Any) -> str:
    """What to do about a YAML beginner's mistake behind a wrong type."""
    options = _options(tp)
    if isinstance(value, str) and value.lower() in _YAML_1_1_BOOLS and bool in options:
        return "; write true or false (in story files yes, no, on and off are text)"
    if isinstance(value, dict) and str in options and all(v is None for v in value.values()):
        return (
            "; a value that starts with '{' is a YAML mapping: put the whole text in "
            "quotes, or write it as a block (text: |)"
        )
    return ""


_BAD_KEY = (
    "{key!r} is not a valid id: use lower-case letters, digits and _, starting with a "
    "letter (bibliography keys may also use capitals and -)"
)
