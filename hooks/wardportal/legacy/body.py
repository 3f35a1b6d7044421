"""The body of a legacy article: lines → paragraphs and captions, trailing chrome dropped.

Words are never changed: only whitespace is folded (NBSP, tabs, runs of spaces) and the
text is NFC. A paragraph is a run of non-blank lines; a line holding only an NBSP is blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wardportal.vntext import fold_diacritics, nfc

_SPACES_RE = re.compile(r"[\s\u00a0\u2007\u202f\u200b\u2060\ufeff]+")
# Trailing page chrome of the old portals, compared without marks and case.
_TRAILING_CHROME = ("y kien ban doc", "chung nhan tin nhiem mang", "gui y kien", "binh luan")
_CAPTION_PREFIX_RE = re.compile(r"^(anh|anh minh hoa|nguon anh)\s*:", re.IGNORECASE)
_CAPTION_CREDIT_RE = re.compile(r"\((anh|nguon)\s*:[^()]*\)$", re.IGNORECASE)
_NUMBERED_RE = re.compile(r"^(\d+[.)]|[IVXLC]+[.)]|[a-zđ][.)]|[-+•*]|(một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười) là\b)",
                          re.IGNORECASE)
_CAPTION_MAX_CHARS = 160
_SENTENCE_END = (".", "!", "?", ":", ";", "…", ",")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line of the source file
    text: str  # whitespace folded, stripped, NFC


@dataclass(frozen=True)
class Block:
    """A paragraph (its lines kept) or a photo caption."""

    kind: str  # "paragraph" or "caption"
    lines: tuple[str, ...]
    line: int

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def clean_lines(text: str) -> list[Line]:
    """Every line of the file, numbered, with whitespace folded."""
    return [Line(number, fold_spaces(raw)) for number, raw in enumerate(text.split("\n"), start=1)]


def fold_spaces(text: str) -> str:
    return _SPACES_RE.sub(" ", nfc(text)).strip()


def folded(text: str) -> str:
    """Comparison form for chrome and labels: no marks, no case, single spaces."""
    return " ".join(fold_diacritics(nfc(text).casefold()).split()).strip(" .:")


def paragraphs(lines: list[Line]) -> list[Block]:
    """Runs of non-blank lines, in order."""
    blocks: list[Block] = []
    current: list[Line] = []
    for line in lines + [Line(0, "")]:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(Block("paragraph", tuple(item.text for item in current), current[0].number))
            current = []
    return blocks


def drop_trailing_chrome(blocks: list[Block]) -> list[Block]:
    """Remove the comment heading, trust seal and similar lines from the end only."""
    blocks = list(blocks)
    while blocks and len(blocks[-1].lines) == 1 and folded(blocks[-1].text) in _TRAILING_CHROME:
        blocks.pop()
    return blocks


def mark_captions(blocks: list[Block]) -> list[Block]:
    """Photo captions: `Ảnh: …`, a `(Ảnh: …)` credit, or a short unpunctuated line between paragraphs."""
    marked = []
    for position, block in enumerate(blocks):
        between = 0 < position < len(blocks) - 1
        marked.append(Block("caption", block.lines, block.line) if is_caption(block, between) else block)
    return marked


def is_caption(block: Block, between_paragraphs: bool) -> bool:
    if len(block.lines) != 1:
        return False
    text = block.text
    plain = folded(text)
    if _CAPTION_PREFIX_RE.match(plain) or _CAPTION_CREDIT_RE.search(plain):
        return True
    return (between_paragraphs and len(text) <= _CAPTION_MAX_CHARS and len(text.split()) >= 3
            and not text.endswith(_SENTENCE_END) and not _NUMBERED_RE.match(text) and not text.isupper())
