"""Recognise the three legacy layouts (A, B, C) and read their header facts and body.

Layout A: category line, title, `Ngày đăng DD/MM/YYYY | HH:MM | Lượt xem: N`.
Layout B: title, `EmailPrintAa` toolbar, `HH:MM DD/MM/YYYY`, body, byline `Name (Unit)`.
Layout C: title, welcome banner, title again, bullets (unit, date, `A- A A+`), body.
A value that cannot be read is recorded as a problem, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from wardportal.dates import VIETNAM, PublishedAt
from wardportal.legacy.body import Block, Line, clean_lines, drop_trailing_chrome, folded, mark_captions, paragraphs
from wardportal.problems import ContentError, Problem
from wardportal.vntext import tone_key

_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_TIME_RE = re.compile(r"(?<![\d/])(\d{1,2}):(\d{2})(?!\d)")
_VIEWS_RE = re.compile(r"lượt xem\s*:?\s*(.*)$", re.IGNORECASE)
_COUNT_RE = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)$")
_BULLET_RE = re.compile(r"^[•·●▪◦∙]\s*")
_FONT_TOOLBAR = "a- a a+"
_BYLINE_RE = re.compile(r"^(?P<author>[^()]+?)\s*\((?P<unit>[^()]+)\)$")


@dataclass(frozen=True)
class Fact:
    """A header value as the file gives it, with its line for messages."""

    text: str
    line: int


@dataclass
class LegacyArticle:
    layout: str  # "A", "B" or "C"
    title: Fact
    published: PublishedAt | None = None
    views: int | None = None
    category: Fact | None = None
    unit: Fact | None = None
    author: str | None = None
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# Each reader returns the article and the last line of its header, or None for another layout.


def read_legacy_text(text: str, shown: str) -> LegacyArticle:
    """Read one decoded file; ContentError when it matches none of the layouts."""
    lines = clean_lines(text)
    filled = [line for line in lines if line.text]
    for reader in (_read_layout_a, _read_layout_b, _read_layout_c):
        found = reader(filled, shown)
        if found is not None:
            article, header_end = found
            rest = [line for line in lines if line.number > header_end]
            blocks = drop_trailing_chrome(paragraphs(rest))
            if article.layout == "B":
                blocks = _take_byline(article, blocks)
            article.blocks = mark_captions(blocks)
            if not article.blocks:
                article.problems.append(Problem(shown, "bài không có đoạn nội dung nào sau phần đầu.",
                                                line=len(lines)))
            return article
    raise ContentError(Problem(
        shown, "không nhận ra bố cục của tệp (A: dòng chuyên mục rồi tiêu đề và dòng `Ngày đăng …`; "
               "B: tiêu đề rồi dòng `EmailPrintAa`; C: tiêu đề rồi dòng `Chào mừng bạn đến với …`). "
               "Hãy nhập bài này bằng tay (scripts/new.py).", line=filled[0].number if filled else 1))


def _read_layout_a(filled: list[Line], shown: str) -> tuple[LegacyArticle, int] | None:
    meta_at = next((i for i, line in enumerate(filled[:4]) if folded(line.text).startswith("ngay dang")), None)
    if meta_at not in (1, 2):
        return None
    meta = filled[meta_at]
    article = LegacyArticle("A", Fact(filled[meta_at - 1].text, filled[meta_at - 1].number))
    if meta_at == 2:
        article.category = Fact(filled[0].text, filled[0].number)
    parts = [part.strip() for part in meta.text.split("|")]
    date_part = re.sub(r"^ngày đăng\s*:?\s*", "", parts[0], flags=re.IGNORECASE)
    time_part = next((part for part in parts[1:] if _TIME_RE.fullmatch(part)), None)
    article.published = _published(date_part, time_part, meta.number, shown, article.problems)
    views_match = _VIEWS_RE.search(meta.text)
    if views_match:
        article.views = _count(views_match.group(1), meta.number, shown, article.problems)
    return article, meta.number


def _read_layout_b(filled: list[Line], shown: str) -> tuple[LegacyArticle, int] | None:
    if len(filled) < 2 or not folded(filled[1].text).replace(" ", "").startswith("emailprint"):
        return None
    article = LegacyArticle("B", Fact(filled[0].text, filled[0].number))
    header_end = filled[1].number
    stamp = filled[2] if len(filled) > 2 else None
    if stamp and len(stamp.text) <= 40 and (_DATE_RE.search(stamp.text) or _TIME_RE.search(stamp.text)):
        time_match = _TIME_RE.search(stamp.text)
        date_part = _TIME_RE.sub("", stamp.text).strip()
        article.published = _published(date_part, time_match.group(0) if time_match else None,
                                       stamp.number, shown, article.problems)
        header_end = stamp.number
    else:
        article.problems.append(Problem(shown, "không có dòng giờ và ngày đăng (`HH:MM DD/MM/YYYY`) dưới thanh "
                                               "công cụ: hãy ghi `date:` cho bài.", line=header_end + 1))
    return article, header_end


def _read_layout_c(filled: list[Line], shown: str) -> tuple[LegacyArticle, int] | None:
    if len(filled) < 2 or not folded(filled[1].text).startswith("chao mung ban den voi"):
        return None
    article = LegacyArticle("C", Fact(filled[0].text, filled[0].number))
    position = 2
    if position < len(filled) and not _BULLET_RE.match(filled[position].text):
        if tone_key(filled[position].text) != tone_key(article.title.text):
            article.problems.append(Problem(
                shown, f"tiêu đề ở dòng {filled[0].number} và dòng {filled[position].number} khác nhau; "
                       f"đã dùng tiêu đề đầu tiên: hãy kiểm tra `title:`.", line=filled[position].number))
        position += 1
    header_end = filled[position - 1].number
    date_seen = False
    while position < len(filled) and _BULLET_RE.match(filled[position].text):
        line = filled[position]
        value = _BULLET_RE.sub("", line.text).strip()
        header_end = line.number
        position += 1
        if folded(value) == _FONT_TOOLBAR:
            break  # the toolbar closes the meta block; bullets after it are body text
        if not value:
            continue
        if _DATE_RE.search(value) and len(value) <= 40 and not date_seen:
            time_match = _TIME_RE.search(value)
            article.published = _published(_TIME_RE.sub("", value).strip(), time_match and time_match.group(0),
                                           line.number, shown, article.problems)
            date_seen = True
        elif _VIEWS_RE.match(value) and article.views is None:
            article.views = _count(_VIEWS_RE.match(value).group(1), line.number, shown, article.problems)
        elif article.unit is None:
            article.unit = Fact(value, line.number)
        else:
            article.problems.append(Problem(shown, f"dòng thông tin “{value}” không rõ nghĩa nên không được "
                                                   "đưa vào bài: hãy xem lại.", line=line.number))
    if not date_seen:
        article.problems.append(Problem(shown, "không tìm thấy ngày đăng trong các dòng thông tin: "
                                               "hãy ghi `date:` cho bài.", line=header_end))
    return article, header_end


def _take_byline(article: LegacyArticle, blocks: list[Block]) -> list[Block]:
    """Layout B ends with `Author (Unit)`: it becomes author and unit, not body text."""
    if len(blocks) < 2 or len(blocks[-1].lines) != 1:
        return blocks
    last = blocks[-1]
    match = _BYLINE_RE.match(last.text)
    author = match.group("author") if match else last.text
    if not _looks_like_name(author):
        return blocks
    article.author = author.strip()
    if match:
        article.unit = Fact(match.group("unit").strip(), last.line)
    return blocks[:-1]


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(word[:1].isupper() and word.isalpha() for word in words)


def _published(date_part: str, time_part: str | None, line: int, shown: str,
               problems: list[Problem]) -> PublishedAt | None:
    """`DD/MM/YYYY` (+ `HH:MM`) in Vietnam time; a problem instead of a guess."""
    match = _DATE_RE.fullmatch(date_part.strip())
    shown_value = " ".join(part for part in (date_part, time_part) if part)
    try:
        if not match:
            raise ValueError
        day, month, year = (int(group) for group in match.groups())
        if time_part:
            hour, minute = (int(group) for group in _TIME_RE.fullmatch(time_part.strip()).groups())
            return PublishedAt(datetime(year, month, day, hour, minute, tzinfo=VIETNAM), True)
        return PublishedAt(datetime(year, month, day, tzinfo=VIETNAM), False)
    except (ValueError, AttributeError):
        problems.append(Problem(shown, f"không đọc được ngày đăng “{shown_value}” (cần dạng ngày/tháng/năm, "
                                       f"ví dụ 05/01/2024 09:15): hãy ghi `date:` cho bài.", line=line))
        return None


def _count(text: str, line: int, shown: str, problems: list[Problem]) -> int | None:
    """`1.204` → 1204 (dot as thousands separator); anything else is a problem."""
    value = text.strip()
    if _COUNT_RE.match(value):
        return int(value.replace(".", ""))
    problems.append(Problem(shown, f"không đọc được lượt xem “{value}”: hãy ghi `views:` bằng số nguyên "
                                   "hoặc bỏ trống.", line=line))
    return None
