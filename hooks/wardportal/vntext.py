"""Vietnamese text rules shared by the whole portal: normalising, folding, slugs, sorting.

Authors write either tone placement (`hoà`/`hòa`, `uỷ`/`ủy`); both are correct. We keep
what they wrote for display and compare through one folded form.
"""

from __future__ import annotations

import re
import unicodedata

# Combining marks that carry the tone (dấu thanh). The vowel-shape marks (circumflex,
# breve, horn) are part of the letter and are kept by `tone_key`.
_TONE_MARKS = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_NON_SLUG_RE = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the form every stored and compared string uses."""
    return unicodedata.normalize("NFC", text)


def fold_diacritics(text: str) -> str:
    """Drop every Vietnamese mark: `Đảng ủy` → `Dang uy` (what readers type on phones)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def _split_tone(text: str) -> tuple[str, int]:
    """(text without its tone mark, in NFC; the tone's number, 0 for none)."""
    tone = 0
    kept = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _word_tone_key(word: str) -> str:
    """A word with its tone mark moved to the end, so `hoà` and `hòa` give one key."""
    base, tone = _split_tone(word)
    return f"{base}{tone}" if tone else base


def tone_key(text: str) -> str:
    """Comparison key: NFC, case-folded, tone placement ignored, spacing collapsed.

    `Đảng uỷ` and `đảng  ủy` give the same key; `hòa` and `hóa` do not.
    """
    folded = nfc(text).casefold()
    return " ".join(_word_tone_key(word) for word in _WORD_RE.findall(folded))


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII URL slug: `Đảng ủy phường Phúc Đồng` → `dang-uy-phuong-phuc-dong`.

    Long titles are cut at a word boundary so URLs stay readable.
    """
    slug = _NON_SLUG_RE.sub("-", fold_diacritics(nfc(text)).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def heading_slug(value: str, separator: str = "-") -> str:
    """Heading anchor slug for Markdown's toc extension (the default drops `đ`)."""
    return slugify(value, max_length=200).replace("-", separator) or "muc"


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}


def _collation_letter(ch: str) -> tuple[int, int]:
    """(primary rank, tone) of one NFC lowercase character."""
    letter, tone = _split_tone(ch)
    if letter in _LETTER_RANK:
        return 100 + _LETTER_RANK[letter], tone
    if letter.isdigit():
        return 10 + int(letter) if letter.isascii() else 20, tone
    if letter.isalpha():  # f, j, w, z and foreign letters sort after the alphabet
        return 200 + ord(letter), tone
    return 0, 0  # spaces and punctuation first


def sort_key(text: str) -> tuple:
    """Key for sorting Vietnamese names: `Đ` after `D` (not after `Z`), tones break ties.

    The tie-break is one tone per word, so `hoà` and `hòa` sort as equals.
    """
    folded = nfc(text).casefold()
    primary = tuple(_collation_letter(ch)[0] for ch in folded)
    tones = tuple(max((_collation_letter(ch)[1] for ch in word), default=0) for word in _WORD_RE.findall(folded))
    return primary, tones


_TONE_MARK_CHARS = "".join(_TONE_MARKS)
# Open syllables whose tone may sit on either vowel: hoà/hòa, khoẻ/khỏe, thuỷ/thủy, uỷ/ủy.
_SWING_RHYME_RE = re.compile(r"^([bcdđghklmnprstvx]*)(oa|oe|uy)$")


def words(text: str) -> list[str]:
    """The lower-case NFC words of `text`, split on anything that is not a letter or digit
    (so `“Ngọc` and `(UBND)` give `ngọc` and `ubnd`)."""
    return _WORD_RE.findall(nfc(text).lower())


def tone_variants(word: str) -> set[str]:
    """The other tone placement of one lower-case word (`hoà` → {`hòa`}), or an empty set."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONE_MARK_CHARS]
    if len(tones) != 1:
        return set()
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARK_CHARS))
    match = _SWING_RHYME_RE.match(base)
    if not match or base.startswith("qu"):  # `qu` is a consonant: quý has one placement
        return set()
    onset, rhyme = match.groups()
    placements = {nfc(onset + rhyme[0] + tones[0] + rhyme[1]), nfc(onset + rhyme + tones[0])}
    return placements - {nfc(word)}


def unstroke(text: str) -> str:
    """`đ`/`Đ` as `d`/`D`, every other mark kept: `đường` → `dường`. Search engines that fold
    combining marks (Pagefind) cannot fold `đ`, which has no decomposition."""
    return text.replace("đ", "d").replace("Đ", "D")
