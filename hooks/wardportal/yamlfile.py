"""YAML reading with line numbers, for front matter and the editors' data files.

PyYAML's SafeLoader turns `2021-04-22 16:48:00` into a naive datetime and drops offsets
on the way; we keep every scalar that looks like a timestamp as text and parse dates
ourselves (dates.py), so all date forms go through one function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from wardportal.textsafety import control_advice, first_control, strip_control


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster


class _PortalLoader(_SafeLoader):
    """SafeLoader without the implicit timestamp type."""


_PortalLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Bounds on what is read (README, "Limits on editors' files"): nothing an editor writes can
# make a build slow or big. Aliases and anchors are refused outright (the alias bomb: a few
# hundred bytes that expand to gigabytes), and so is nesting deeper than any portal file uses
# (libyaml's composer is recursive C: very deep nesting crashes the process).
FRONT_MATTER_LIMIT = 64 * 1024  # characters of an article's front matter
DATA_FILE_LIMIT = 1024 * 1024  # bytes of a data file under content/_portal/
MAX_DEPTH = 8  # nesting levels of lists and mappings

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


@dataclass
class YamlDocument:
    """A parsed mapping plus the 1-based line of each top-level key.

    `item_lines[key]` holds the line of each item of a top-level list, `item_key_lines[key]`
    the line of each field of each item that is a mapping. `issues` are (line, field,
    message) problems that did not stop the reading: a duplicate key (the last value wins)
    or a control character (removed). Articles refuse both; data files report them.
    """

    data: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    item_key_lines: dict[str, list[dict[str, int]]] = field(default_factory=dict)
    issues: list[tuple[int, str | None, str]] = field(default_factory=list)

    def line_of(self, key: str, default: int | None = None) -> int | None:
        return self.key_lines.get(key, default)

    def field_line(self, key: str, position: int, name: str) -> int | None:
        """Line of field `name` of item `position` of the top-level list `key`."""
        items = self.item_key_lines.get(key, [])
        if position < len(items) and name in items[position]:
            return items[position][name]
        lines = self.item_lines.get(key, [])
        return lines[position] if position < len(lines) else None


class YamlSyntaxError(ValueError):
    """Broken YAML, with the 1-based line where the parser stopped (relative to the text)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def load_mapping(text: str, *, limit: int = FRONT_MATTER_LIMIT) -> YamlDocument:
    """Parse `text` as a YAML mapping of plain values (an empty text is an empty mapping).

    Built from the parser's events rather than PyYAML's composer, so that anchors, aliases,
    merge keys, explicit tags (`!!binary`, `!!python/...`), too deep nesting and over-long
    texts are refused with their line before anything is built.
    """
    if len(text) > limit:
        raise YamlSyntaxError(f"quá dài ({len(text):,} ký tự; tối đa {limit:,})".replace(",", "."), 1)
    loader = _PortalLoader(text)
    try:
        return _EventReader(loader).read()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlSyntaxError(exc.problem or str(exc), line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), None) from None
    finally:
        loader.dispose()


class _Container:
    """A list or mapping being built; `top_key` is the top-level key it sits under."""

    def __init__(self, value: dict | list, start_line: int, top_key: str | None) -> None:
        self.value = value
        self.start_line = start_line
        self.top_key = top_key
        self.key: Any = None
        self.key_line = 0
        self.has_key = False
        self.lines: dict[str, int] = {}


class _EventReader:
    """Turns one document's events into Python values, checking each event on the way."""

    def __init__(self, loader: "_PortalLoader") -> None:
        self.loader = loader
        self.document = YamlDocument({})
        self.stack: list[_Container] = []
        self.root: Any = None
        self.documents = 0

    def read(self) -> YamlDocument:
        loader = self.loader
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise YamlSyntaxError("chỉ được có một khối YAML (thừa dòng `---`)", line)
                continue
            if isinstance(event, yaml.AliasEvent):
                raise YamlSyntaxError(f"không dùng tham chiếu `*{event.anchor}` (alias): hãy viết giá trị ra", line)
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                self._check_node_event(event, line)
            if isinstance(event, yaml.ScalarEvent):
                self._add(self._scalar(event, line), line)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                self._open(event, line)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = self.stack.pop()
                self._add(done.value, done.start_line, done)
        root = self.root
        if root is None:
            return self.document
        if not isinstance(root, dict):
            raise YamlSyntaxError("phải là các cặp `khóa: giá trị`", self.root_line)
        self.document.data = root
        return self.document

    def _check_node_event(self, event, line: int) -> None:
        if event.anchor is not None:
            raise YamlSyntaxError(f"không dùng neo `&{event.anchor}` (anchor): hãy viết giá trị ra", line)
        if event.tag is not None and event.tag != "!":
            shown = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlSyntaxError(f"không dùng kiểu dữ liệu `{shown}`: chỉ ghi chữ, số, true/false, danh sách", line)
        if not isinstance(event, yaml.ScalarEvent) and len(self.stack) >= MAX_DEPTH:
            raise YamlSyntaxError(f"lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)", line)

    def _scalar(self, event, line: int) -> Any:
        if not event.implicit[0] or event.style:  # quoted or block text: always a string
            return event.value
        tag = self.loader.resolve(yaml.ScalarNode, event.value, (True, False))
        if tag == _MERGE:
            raise YamlSyntaxError("không dùng khóa gộp `<<` (merge key): hãy viết từng trường ra", line)
        if tag == _STR or tag == "tag:yaml.org,2002:value":
            return event.value
        return self.loader.construct_object(yaml.ScalarNode(tag, event.value))

    def _open(self, event, line: int) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.value, dict) and not parent.has_key:
            raise YamlSyntaxError("khóa phải là chữ, không phải danh sách hay cặp khóa–giá trị", line)
        top_key = None
        if parent is not None:
            top_key = str(parent.key) if len(self.stack) == 1 else parent.top_key
        value: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Container(value, line, top_key))

    def _add(self, value: Any, line: int, closed: _Container | None = None) -> None:
        if not self.stack:
            self.root, self.root_line = value, line
            return
        current = self.stack[-1]
        if isinstance(value, str):
            value = self._without_controls(value, line, current)
        if isinstance(current.value, list):
            if len(self.stack) == 2 and current.top_key is not None:  # an item of a top-level list
                self.document.item_lines.setdefault(current.top_key, []).append(line)
                fields = closed.lines if closed is not None and isinstance(closed.value, dict) else {}
                self.document.item_key_lines.setdefault(current.top_key, []).append(fields)
            current.value.append(value)
            return
        if not current.has_key:
            if isinstance(value, (dict, list)):  # unreachable: refused in _open
                raise YamlSyntaxError("khóa không hợp lệ", line)
            current.key, current.key_line, current.has_key = value, line, True
            return
        key = current.key
        name = str(key)
        current.has_key = False
        if key in current.value or name in current.lines:
            self.document.issues.append((current.key_line, name, (
                f"khóa `{name}` bị ghi hai lần (lần trước ở dòng {current.lines.get(name)}): "
                "hãy xóa một dòng; hiện giá trị sau được dùng")))
        current.value[key] = value
        current.lines[name] = current.key_line
        if len(self.stack) == 1:
            self.document.key_lines[name] = current.key_line

    def _without_controls(self, value: str, line: int, current: _Container) -> str:
        found = first_control(value)
        if found is None:
            return value
        where = current.key if isinstance(current.value, dict) and current.has_key else current.top_key
        self.document.issues.append((line, None if where is None else str(where),
                                     f"giá trị{f' của `{where}`' if where is not None else ''} "
                                     f"{control_advice(value[found])}"))
        return strip_control(value)


def is_text_value(value: Any) -> bool:
    """A value an editor means as text: a string, a number YAML read as one (`title: 2024`), or
    nothing; not a list, a mapping or true/false."""
    return value is None or isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def dump_mapping(data: dict[str, Any]) -> str:
    """Write a mapping as block-style YAML, keys in the given order, Unicode kept as is."""
    return yaml.dump(
        data, Dumper=_PortalDumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000
    )


class _PortalDumper(yaml.SafeDumper):
    """Dumper that writes lists of scalars inline (`tags: [a, b]`), as editors write them,
    and dates unquoted (they are read back as text, see _PortalLoader)."""


_PortalDumper.yaml_implicit_resolvers = _PortalLoader.yaml_implicit_resolvers


def _represent_list(dumper: yaml.SafeDumper, values: list) -> yaml.Node:
    flow = all(isinstance(v, (str, int, float, bool)) for v in values)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", values, flow_style=flow)


_PortalDumper.add_representer(list, _represent_list)
