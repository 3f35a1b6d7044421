"""YAML reading with line numbers, for front matter and the editors' data files.

PyYAML's SafeLoader turns `2021-04-22 16:48:00` into a naive datetime and drops offsets
on the way; we keep every scalar that looks like a timestamp as text and parse dates
ourselves (dates.py), so all date forms go through one function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster


class _PortalLoader(_SafeLoader):
    """SafeLoader without the implicit timestamp type."""


_PortalLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """A parsed mapping plus the 1-based line of each top-level key."""

    data: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)

    def line_of(self, key: str, default: int | None = None) -> int | None:
        return self.key_lines.get(key, default)


class YamlSyntaxError(ValueError):
    """Broken YAML, with the 1-based line where the parser stopped (relative to the text)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def load_mapping(text: str) -> YamlDocument:
    """Parse `text` as a YAML mapping (an empty text is an empty mapping)."""
    loader = _PortalLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument({})
        if not isinstance(node, yaml.MappingNode):
            raise YamlSyntaxError("phải là các cặp `khóa: giá trị`", node.start_mark.line + 1)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlSyntaxError(exc.problem or str(exc), line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), None) from None
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_lines[key] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = [item.start_mark.line + 1 for item in value_node.value]
    return YamlDocument(data, key_lines, item_lines)


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
