"""The content policy for article HTML: what an editor's body may hold, enforced in one place.

The portal promises that a page runs only the portal's own scripts and loads nothing from
another host. Markdown lets raw HTML through (and attr_list any attribute), so every
converted body is cleaned here by nh3 (the Rust `ammonia` sanitiser) against an allow-list
of what Markdown, attr_list, md_in_html, tables and admonitions produce; the portal's own
image markup (<picture>, <figure>) is added afterwards by trusted code. What was taken out
is reported (a warning naming the file and line, so `--strict` fails); images and other
resources on another host are removed and reported with the advice to download them.
Links to other sites stay, marked `class="ward-external"` with `rel="noopener"`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

POLICY_VERSION = "1"  # part of the HTML cache key: a changed policy converts every body again

TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "ins",
    "mark", "sub", "sup", "small", "code", "pre", "kbd", "samp", "var", "blockquote", "q", "cite", "abbr",
    "dfn", "time", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "picture", "source", "figure",
    "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "div", "span", "details", "summary", "wbr",
})
# removed with everything inside them: code, styles and embedded documents
CONTENT_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "frame", "frameset", "object",
                          "embed", "applet", "svg", "math", "textarea", "select", "title"})
EMBED_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "video", "audio", "track",
                        "link", "meta", "base", "form", "input", "button"})
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "fetchpriority"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "th": {"colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "time": {"datetime"}, "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"}, "details": {"open"},
}
TAG_ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}}
STYLE_PROPERTIES = frozenset({"text-align"})  # what the tables extension writes for aligned columns
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
QUIET_ATTRIBUTES = frozenset({"rel"})  # replaced by the portal's own value, not worth a warning
RESOURCE_ATTRIBUTES = {"img": ("src", "srcset"), "source": ("src", "srcset")}
EXTERNAL_CLASS = "ward-external"
EXTERNAL_REL = "noopener"


@dataclass(frozen=True)
class Finding:
    """One thing taken out of a body: a Vietnamese message, and text to find its line by."""

    message: str
    needle: str


@dataclass
class CleanBody:
    html: str
    findings: list[Finding] = field(default_factory=list)


def clean_body(html: str) -> CleanBody:
    """The body as the content policy allows it, and what was taken out."""
    findings = _Scan.findings_of(html)
    cleaned = _CLEANER.clean(html)
    return CleanBody(_mark_external_links(cleaned), findings)


def located(findings: list[Finding], text: str, first_line: int = 1) -> list[tuple[str, int]]:
    """(message, line) of each finding, in order: the line of `text` (whose first line is
    `first_line` of the file) holding the next occurrence of the finding's text."""
    lowered = text.lower()
    after: dict[str, int] = {}  # needle → where its last occurrence was found
    found = []
    for finding in findings:
        needle = finding.needle.lower()
        offset = lowered.find(needle, after.get(needle, 0))
        if offset < 0:
            offset = lowered.find(needle)
        if offset >= 0:
            after[needle] = offset + 1
        found.append((finding.message, first_line + (lowered.count("\n", 0, offset) if offset >= 0 else 0)))
    return found


def is_off_host(url: str) -> bool:
    """A URL that names a host (`http://…`, `//host/…`, any scheme): loading it leaves the site."""
    parts = urlsplit(_squeeze(url))
    return bool(parts.scheme or parts.netloc)


def _squeeze(url: str) -> str:
    """What a browser makes of a URL: no whitespace or control characters inside, no padding."""
    return re.sub(r"[\x00-\x20\x7f]+", "", url)


def _resource_urls(attr: str, value: str) -> list[str]:
    if attr == "srcset":
        return [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    """nh3's per-attribute hook: resources on another host are never kept."""
    if attr in RESOURCE_ATTRIBUTES.get(tag, ()) and any(is_off_host(url) for url in _resource_urls(attr, value)):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(CONTENT_TAGS),
    attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
    tag_attribute_values={tag: {name: set(values) for name, values in attrs.items()}
                          for tag, attrs in TAG_ATTRIBUTE_VALUES.items()},
    attribute_filter=_keep_attribute, url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True,
    filter_style_properties=set(STYLE_PROPERTIES))

_POLICY_HINT = "(xem “Chính sách nội dung” trong hướng dẫn biên tập)"


class _Scan(HTMLParser):
    """Walks the converted HTML to name what the cleaner will take out (nh3 cleans silently)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []
        self.skip_depth = 0  # inside a removed-with-content tag: its insides are not reported

    @classmethod
    def findings_of(cls, html: str) -> list[Finding]:
        if "<" not in html:
            return []
        scan = cls()
        scan.feed(html)
        scan.close()
        return scan.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_depth:
            if tag in CONTENT_TAGS:
                self.skip_depth += 1
            return
        if tag in CONTENT_TAGS or tag not in TAGS:
            if tag in CONTENT_TAGS and tag not in _VOID:
                self.skip_depth = 1
            self.found.append(_tag_finding(tag))
            return
        for name, value in attrs:
            finding = _attribute_finding(tag, name, value or "")
            if finding is not None:
                self.found.append(finding)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        depth = self.skip_depth
        self.handle_starttag(tag, attrs)
        self.skip_depth = depth  # `<x/>` opens nothing

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth and tag in CONTENT_TAGS:
            self.skip_depth -= 1


_VOID = frozenset({"embed", "frame"})  # no end tag follows


def _tag_finding(tag: str) -> Finding:
    if tag in EMBED_TAGS:
        return Finding(f"đã bỏ thẻ <{tag}>: không được nhúng nội dung hay biểu mẫu từ trang khác vào bài; "
                       f"hãy đặt một liên kết tới trang đó {_POLICY_HINT}.", f"<{tag}")
    if tag in CONTENT_TAGS:
        return Finding(f"đã bỏ thẻ <{tag}> cùng nội dung bên trong: bài viết không được chứa mã chạy trên "
                       f"trình duyệt, kiểu trình bày riêng hay nội dung nhúng {_POLICY_HINT}.", f"<{tag}")
    return Finding(f"đã bỏ thẻ <{tag}> (giữ phần chữ bên trong): thẻ này không có trong danh sách được dùng "
                   f"{_POLICY_HINT}.", f"<{tag}")


def _attribute_finding(tag: str, name: str, value: str) -> Finding | None:
    if name in QUIET_ATTRIBUTES:
        return None
    allowed = name in GENERIC_ATTRIBUTES or name in ATTRIBUTES.get(tag, ())
    if name in TAG_ATTRIBUTE_VALUES.get(tag, {}):
        allowed = value in TAG_ATTRIBUTE_VALUES[tag][name]
    if not allowed:
        if name.startswith("on"):
            return Finding(f"đã bỏ thuộc tính `{name}` của thẻ <{tag}>: bài viết không được chứa mã chạy trên "
                           f"trình duyệt {_POLICY_HINT}.", name)
        return Finding(f"đã bỏ thuộc tính `{name}` của thẻ <{tag}>: thuộc tính này không được dùng trong bài "
                       f"{_POLICY_HINT}.", name)
    if name == "style":
        properties = {part.split(":", 1)[0].strip().lower() for part in value.split(";") if part.strip()}
        if not properties <= STYLE_PROPERTIES or "url(" in value.lower():
            return Finding(f"đã bỏ kiểu trình bày `style=\"{value[:60]}\"` của thẻ <{tag}>: chỉ được căn lề "
                           f"cột bảng (text-align) {_POLICY_HINT}.", "style")
    if name in RESOURCE_ATTRIBUTES.get(tag, ()):
        for url in _resource_urls(name, value):
            if is_off_host(url):
                return Finding(f"lỗi: ảnh `{url[:100]}` nằm trên trang khác, mà cổng không tải gì từ trang khác: "
                               "đã bỏ ảnh. Hãy tải ảnh về, đặt vào thư mục content/images/ (ví dụ "
                               "content/images/2026/anh.jpg) rồi ghi `![mô tả](/images/2026/anh.jpg)`.", url)
    if name in ("href", "cite"):
        scheme = urlsplit(_squeeze(value)).scheme.lower()
        if scheme and scheme not in URL_SCHEMES:
            return Finding(f"đã bỏ đường dẫn `{value[:60]}` của thẻ <{tag}>: chỉ dùng liên kết http://, https://, "
                           f"mailto: hoặc tel: {_POLICY_HINT}.", value[:40] or name)
    return None


_A_TAG = re.compile(r"<a\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_HREF = re.compile(r'\shref="([^"]*)"')
_CLASS = re.compile(r'\sclass="([^"]*)"')


def _mark_external_links(html: str) -> str:
    """Links to another site get `rel="noopener"` and the class that marks them external."""
    if "<a " not in html:
        return html

    def mark(match: re.Match) -> str:
        attrs = match.group(1)
        href = _HREF.search(attrs)
        if href is None or not urlsplit(_squeeze(href.group(1).replace("&amp;", "&"))).netloc:
            return match.group(0)
        if _CLASS.search(attrs):
            attrs = _CLASS.sub(lambda c: f' class="{c.group(1)} {EXTERNAL_CLASS}"', attrs, count=1)
        else:
            attrs += f' class="{EXTERNAL_CLASS}"'
        return f'<a{attrs} rel="{EXTERNAL_REL}">'

    return _A_TAG.sub(mark, html)
