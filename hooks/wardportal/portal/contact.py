"""The board's contact details and service links (`extra.ward.contact`, `extra.ward.links`).

They print in every page's footer and on Liên hệ; a missing value is a named warning, so
`mkdocs build --strict` fails until the board fills it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from wardportal.problems import Problem

SETTINGS_PATH = "mkdocs.yml"
# key, what it is (Vietnamese, for the message and the page)
CONTACT_FIELDS = (
    ("body", "Cơ quan chủ quản"),
    ("responsible", "Chịu trách nhiệm chính"),
    ("address", "Địa chỉ"),
    ("phone", "Điện thoại"),
    ("email", "Thư điện tử"),
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+() .\-]{6,20}$")


@dataclass(frozen=True)
class PortalLink:
    title: str
    url: str


@dataclass(frozen=True)
class Contact:
    body: str = ""
    responsible: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""
    links: tuple[PortalLink, ...] = field(default_factory=tuple)

    @property
    def phone_href(self) -> str:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone)

    def rows(self) -> list[tuple[str, str]]:
        return [(label, getattr(self, key)) for key, label in CONTACT_FIELDS if getattr(self, key)]


def read_contact(raw_contact: object, raw_links: object) -> tuple[Contact, list[Problem]]:
    """Validated contact details and links; every missing or malformed value is a Problem."""
    problems: list[Problem] = []
    raw = raw_contact if isinstance(raw_contact, Mapping) else {}
    if raw_contact is not None and not isinstance(raw_contact, Mapping):
        problems.append(_problem("extra.ward.contact phải là các cặp `khóa: giá trị`."))
    values: dict[str, str] = {}
    for key, label in CONTACT_FIELDS + (("hours", "Giờ làm việc"),):
        value = raw.get(key)
        text = "" if value is None else str(value).strip()
        if not text and key != "hours":
            problems.append(_problem(f"thiếu extra.ward.contact.{key} ({label}): điền giá trị này, "
                                     "nó hiện ở chân mọi trang và trang Liên hệ."))
        values[key] = text
    if values["email"] and not _EMAIL.match(values["email"]):
        problems.append(_problem(f"extra.ward.contact.email `{values['email']}` không phải địa chỉ thư hợp lệ."))
    if values["phone"] and not _PHONE.match(values["phone"]):
        problems.append(_problem(f"extra.ward.contact.phone `{values['phone']}` không phải số điện thoại hợp lệ."))
    links, link_problems = _read_links(raw_links)
    return Contact(**values, links=links), problems + link_problems


def _read_links(raw: object) -> tuple[tuple[PortalLink, ...], list[Problem]]:
    if raw is None:
        return (), []
    if not isinstance(raw, list):
        return (), [_problem("extra.ward.links phải là danh sách các mục `title` và `url`.")]
    links, problems = [], []
    for number, item in enumerate(raw, 1):
        title = str(item.get("title", "")).strip() if isinstance(item, Mapping) else ""
        url = str(item.get("url", "")).strip() if isinstance(item, Mapping) else ""
        if not title or not re.match(r"^https?://[^\s]+$", url):
            problems.append(_problem(f"extra.ward.links mục {number}: cần `title` và `url` bắt đầu bằng https://."))
            continue
        links.append(PortalLink(title, url))
    return tuple(links), problems


def _problem(message: str) -> Problem:
    return Problem(SETTINGS_PATH, message, field="extra.ward")
