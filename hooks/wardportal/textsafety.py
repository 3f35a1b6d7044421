"""Control characters: what editors' text may hold, and what XML output may never hold.

A double-quoted YAML value turns `\\b` in `"D:\\bieu-mau"` into U+0008 without a word; such
characters garble slugs and make feeds unreadable. Text fields refuse them (yamlfile),
article bodies lose them with a warning (article), and every XML writer passes its text
through `xml_safe` as a last line of defence, whatever reaches it.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates, the two non-characters
# XML 1.0 forbids. Carriage return is refused too: it only arrives through an escape.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Everything XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets).
_XML_FORBIDDEN_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def first_control(text: str) -> int | None:
    """Index of the first control character in `text`, or None."""
    match = CONTROL_RE.search(text)
    return match.start() if match else None


def char_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def strip_control(text: str) -> str:
    return CONTROL_RE.sub("", text)


def xml_safe(text: str) -> str:
    """`text` without the characters XML cannot carry (a well-formed feed beats a faithful one)."""
    return _XML_FORBIDDEN_RE.sub("", text)


def control_advice(char: str) -> str:
    """The Vietnamese message for a control character found in a value."""
    return (f"có ký tự điều khiển {char_name(char)} (không hiển thị được). Trong ngoặc kép `\"…\"`, dấu `\\` "
            "bắt đầu một ký tự đặc biệt (`\\b`, `\\t`…): hãy dùng ngoặc đơn `'…'` hoặc viết `\\\\`, "
            "rồi xóa ký tự lạ nếu có.")
