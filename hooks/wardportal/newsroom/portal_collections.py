"""Decap collections for the portal's own pages: documents (văn bản), weekly schedules
(lịch công tác) and the Giới thiệu pages.

Field names, patterns and folders come from the models that read the files
(wardportal.portal.documents / schedule / sections), so what the editor writes is what
the check and the build read; the models still validate everything (Decap cannot know
that an attachment exists or that a day belongs to the week).
"""

from __future__ import annotations

from wardportal.portal.documents import DEFAULT_TYPES, DOCUMENTS_DIR, NUMBER_RE, SLUG_RE, DocumentType
from wardportal.portal.schedule import SCHEDULE_DIR, TIME_RE
from wardportal.portal.sections import INTRO_URL
from wardportal.registry import Registry

ATTACHMENTS = f"{DOCUMENTS_DIR}/tep"   # uploads of document attachments, under the docs_dir
INTRO_IMAGES = f"{INTRO_URL}anh"
DAY_FORMAT = "YYYY-MM-DD"              # moment.js; the models read ISO dates
WEEK_PATTERN = "^\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])$"


def default_types() -> list[DocumentType]:
    return [DocumentType(i, n, k) for k, (i, n) in enumerate(DEFAULT_TYPES)]


def _day(label: str, name: str, hint: str) -> dict:
    return {"label": label, "name": name, "widget": "datetime", "format": DAY_FORMAT,
            "date_format": "DD/MM/YYYY", "time_format": False, "hint": hint}


def _raw_body(hint: str, required: bool = True) -> dict:
    return {"label": "Nội dung", "name": "body", "widget": "markdown", "modes": ["raw"],
            "required": required, "hint": hint}


def document_fields(registry: Registry, types: list[DocumentType]) -> list[dict]:
    fields = [
        {"label": "Số/ký hiệu", "name": "number", "widget": "string",
         "pattern": [NUMBER_RE.pattern, "Viết như 125/KH-UBND hoặc 12/2026/QĐ-UBND (chữ in hoa)."],
         "hint": "Số và ký hiệu in trên văn bản, ví dụ 125/KH-UBND."},
        _day("Ngày ban hành", "date", "Ngày ký ban hành văn bản."),
        {"label": "Loại văn bản", "name": "type", "widget": "select",
         "options": [{"label": t.name, "value": t.id} for t in types],
         "hint": "Danh sách loại lấy từ _portal/loai-van-ban.yml."},
        {"label": "Trích yếu", "name": "title", "widget": "text",
         "hint": "Trích yếu nội dung, như trên văn bản."},
        {"label": "Cơ quan ban hành", "name": "issuer", "widget": "select",
         "options": [{"label": e.name, "value": e.id} for e in registry.units],
         "hint": "Theo danh mục đơn vị."},
        {"label": "Người ký", "name": "signer", "widget": "string",
         "hint": "Họ tên và chức vụ, ví dụ Trần Minh Đức – Chủ tịch UBND phường."},
        {"label": "Tệp đính kèm", "name": "file", "widget": "file", "choose_url": False,
         "hint": "Tải lên bản PDF hoặc DOCX của văn bản (đã ký, đã che thông tin cá nhân nếu cần)."},
        {"label": "Bài viết liên quan", "name": "article", "widget": "string", "required": False,
         "pattern": [SLUG_RE.pattern, "Chỉ chữ thường không dấu, số và dấu - (đường dẫn của bài)."],
         "hint": "Không bắt buộc: đường dẫn (slug) của bài viết về văn bản này, ví dụ ten-bai-viet."},
        {"label": "Tóm tắt", "name": "summary", "widget": "text", "required": False,
         "hint": "Không bắt buộc: vài dòng giới thiệu văn bản."},
        _raw_body("Không bắt buộc: nội dung chính của văn bản bằng Markdown.", required=False),
    ]
    return fields


def document_collection(registry: Registry, docs_dir: str, types: list[DocumentType]) -> dict:
    return {
        "name": DOCUMENTS_DIR,
        "label": "Văn bản",
        "label_singular": "văn bản",
        "description": "Văn bản của phường: kế hoạch, thông báo, quyết định… kèm tệp PDF/DOCX.",
        "folder": f"{docs_dir}/{DOCUMENTS_DIR}",
        "path": "{{year}}/{{slug}}",   # the year of the `date` field (Decap infers the date field)
        "slug": "{{type}}-{{number}}",  # 125/KH-UBND, kế hoạch → ke-hoach-125-kh-ubnd
        "extension": "md",
        "format": "yaml-frontmatter",
        "media_folder": f"/{docs_dir}/{ATTACHMENTS}",
        "public_folder": ATTACHMENTS,   # the model reads `file` relative to content/
        "create": True,
        "summary": "{{number}} — {{title}}",
        "sortable_fields": ["date", "number", "title"],
        "fields": document_fields(registry, types),
    }


def schedule_item_fields() -> list[dict]:
    fields = [
        _day("Ngày", "day", "Một ngày trong tuần của tệp này."),
        {"label": "Giờ", "name": "time", "widget": "string",
         "pattern": [TIME_RE.pattern, "Dạng HH:MM, ví dụ 08:00 hoặc 14:30."], "hint": "Ví dụ 08:00."},
        {"label": "Nội dung", "name": "content", "widget": "text"},
        {"label": "Chủ trì", "name": "chair", "widget": "string"},
        {"label": "Địa điểm", "name": "place", "widget": "string"},
        {"label": "Thành phần", "name": "attendees", "widget": "text", "required": False},
    ]
    return fields


def schedule_collection(docs_dir: str) -> dict:
    return {
        "name": "lich-cong-tac",
        "label": "Lịch công tác",
        "label_singular": "lịch tuần",
        "description": "Mỗi tuần một tệp. Tạo mới: ghi tuần (năm và số tuần ISO) rồi thêm các mục lịch.",
        "folder": f"{docs_dir}/{SCHEDULE_DIR}",
        "extension": "yml",
        "format": "yml",
        "create": True,
        "identifier_field": "week",
        "slug": "{{week}}",             # the file name: 2026-w48.yml (Decap writes it in lower case)
        "summary": "Tuần {{week}}",
        "sortable_fields": ["week"],
        "editor": {"preview": False},
        "fields": [
            {"label": "Tuần", "name": "week", "widget": "string",
             "pattern": [WEEK_PATTERN, "Năm và số tuần ISO, ví dụ 2026-W49."],
             "hint": "Năm và số tuần ISO, ví dụ 2026-W49 (tuần từ thứ Hai 30/11 đến Chủ nhật 06/12/2026). "
                     "Không đổi sau khi đã lưu."},
            {"label": "Ghi chú", "name": "note", "widget": "text", "required": False,
             "hint": "Không bắt buộc: hiện dưới tiêu đề lịch tuần."},
            {"label": "Các mục lịch", "label_singular": "mục lịch", "name": "items", "widget": "list",
             "summary": "{{fields.day}} {{fields.time}} — {{fields.content}}",
             "fields": schedule_item_fields()},
        ],
    }


def intro_collection(docs_dir: str) -> dict:
    return {
        "name": "gioi-thieu",
        "label": "Giới thiệu",
        "label_singular": "trang giới thiệu",
        "description": "Các trang Giới thiệu: lịch sử, tổ chức bộ máy, lãnh đạo, bản đồ địa giới…",
        "folder": f"{docs_dir}/{INTRO_URL.rstrip('/')}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "media_folder": f"/{docs_dir}/{INTRO_IMAGES}",
        "public_folder": "anh",         # relative to the page, as the hand-written pages link
        "create": True,
        "slug": "{{title}}",
        "fields": [
            {"label": "Tiêu đề", "name": "title", "widget": "string",
             "hint": "Tên trang trong trình đơn Giới thiệu; đường dẫn lấy từ tiêu đề khi tạo trang."},
            {"label": "Mô tả", "name": "description", "widget": "text", "required": False,
             "hint": "Một câu tóm tắt trang (cho máy tìm kiếm và khi chia sẻ)."},
            _raw_body("Viết bằng Markdown: dòng trống giữa các đoạn; `## ` đầu dòng cho tiêu đề nhỏ. "
                      "Không cần dòng `# ` tiêu đề: trang lấy tiêu đề ở trên."),
        ],
    }
