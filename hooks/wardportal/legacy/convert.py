"""A read legacy article → the portal's front matter and Markdown body.

Registry values resolve through Registry (names, aliases, tone placement); what does not
resolve stays as written and is listed under `review:` with the article kept as a draft.
Body text is escaped so Markdown shows it exactly as written (`3. …` stays `3.`, not a list).
"""

from __future__ import annotations

import re

from wardportal.frontmatter_io import render_article
from wardportal.legacy.body import Block
from wardportal.legacy.layouts import Fact, LegacyArticle
from wardportal.problems import Problem
from wardportal.registry import Entry, Registry

CAPTION_CLASS = "ward-caption"
_LABELS = {"unit": "đơn vị", "category": "chuyên mục"}
_OPTION = {"unit": "--unit", "category": "--category"}
_PLURAL_PREFIXES = ("các ", "những ")
_INLINE_ESCAPES = str.maketrans({"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
                                 "{": "\\{", "}": "\\}", "&": "&amp;", "<": "&lt;"})
_LINE_START_RE = re.compile(r"^(\d+)\.(?=\s|$)|^([#>+\-!])|^([|:])|^(=+)$")
_START_ENTITIES = {"|": "&#124;", ":": "&#58;", "=": "&#61;"}  # not backslash-escapable in Markdown


def resolve_entry(registry: Registry, kind: str, fact: Fact | None, default: Entry | None,
                  shown: str) -> tuple[Entry | None, Problem | None]:
    """The registry entry a file's value names (or the command's default when the file names none)."""
    label = _LABELS[kind]
    if fact is None:
        if default is not None:
            return default, None
        return None, Problem(shown, f"tệp không ghi {label} và lệnh nhập không có {_OPTION[kind]}: "
                                    f"hãy ghi `{kind}:` bằng mã {label} trong danh mục.", field=kind)
    lookup = registry.unit if kind == "unit" else registry.category
    entry = lookup(fact.text)
    lowered = fact.text.casefold()
    for prefix in _PLURAL_PREFIXES:  # `các bài viết chuyên sâu` = `Bài viết chuyên sâu`
        if entry is None and lowered.startswith(prefix):
            entry = lookup(fact.text[len(prefix):])
    if entry is not None:
        return entry, None
    suggestions = ", ".join(f"“{name}”" for name in registry.suggest(kind, fact.text))
    return None, Problem(shown, f"{label} “{fact.text}” không có trong danh mục (content/_portal/registry.yml). "
                                f"Có phải là: {suggestions}? Hãy sửa `{kind}:` hoặc thêm {label} này vào danh mục.",
                         line=fact.line, field=kind)


def review_note(problem: Problem) -> str:
    """A problem as written under `review:` in the article (the source file is named in `source:`)."""
    return f"{problem.message} (tệp gốc, dòng {problem.line})" if problem.line else problem.message


def front_matter(article: LegacyArticle, unit: Entry | None, category: Entry | None,
                 problems: list[Problem], source: str, source_hash: str, *, slug: str | None = None) -> dict:
    """Front matter in the portal's usual key order; unresolved values stay as the file wrote them."""
    meta: dict = {"title": article.title.text}
    if article.published is not None:
        meta["date"] = article.published.canonical()
    for key, entry, fact in (("unit", unit, article.unit), ("category", category, article.category)):
        if entry is not None:
            meta[key] = entry.id
        elif fact is not None:
            meta[key] = fact.text
    if article.views is not None:
        meta["views"] = article.views
    if article.author:
        meta["author"] = article.author
    if slug:
        meta["slug"] = slug
    if problems:
        meta["draft"] = True
        meta["review"] = [review_note(problem) for problem in problems]
    meta["source"] = source
    meta["source_hash"] = source_hash
    return meta


def markdown_body(blocks: list[Block]) -> str:
    """Paragraphs one after another; captions as paragraphs with the theme's caption class."""
    parts = []
    for block in blocks:
        text = "\n".join(escape_line(line) for line in block.lines)
        parts.append(f"{text}\n{{ .{CAPTION_CLASS} }}" if block.kind == "caption" else text)
    return "\n\n".join(parts)


def escape_line(line: str) -> str:
    """One line of plain text as Markdown that renders to exactly that text."""
    escaped = line.translate(_INLINE_ESCAPES)
    return _LINE_START_RE.sub(_escape_start, escaped, count=1)


def _escape_start(match: re.Match) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}\\."
    if match.group(2) is not None:
        return f"\\{match.group(2)}"
    text = match.group(3) or match.group(4)
    return _START_ENTITIES[text[0]] + text[1:]


def render_imported(article: LegacyArticle, meta: dict) -> str:
    return render_article(meta, markdown_body(article.blocks))
