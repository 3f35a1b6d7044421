"""Reading the three legacy layouts: header facts, body paragraphs, captions, chrome dropped."""

from pathlib import Path

import pytest

from wardportal.legacy.decoding import decode_legacy_bytes
from wardportal.legacy.layouts import read_legacy_text
from wardportal.problems import ContentError

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"


def read_fixture(name):
    raw = (FIXTURES / name).read_bytes()
    return read_legacy_text(decode_legacy_bytes(raw, name), name)


def body_texts(article, kind=None):
    return [block.text for block in article.blocks if kind is None or block.kind == kind]


def test_layout_a_header_views_and_category():
    article = read_fixture("layout-a-sinh-hoat-chi-bo.txt")
    assert article.layout == "A"
    assert article.title.text == "Phường Ngọc Thụy nâng cao chất lượng sinh hoạt chi bộ ở khu dân cư"
    assert article.published.canonical() == "2024-03-12 14:05"  # NBSP around the separators
    assert article.views == 2317  # `2.317`: dot as thousands separator
    assert article.category.text == "Các Bài Viết Chuyên Sâu"
    assert article.unit is None and article.problems == []


def test_layout_a_body_keeps_order_folds_spaces_and_marks_captions():
    article = read_fixture("layout-a-sinh-hoat-chi-bo.txt")
    texts = body_texts(article)
    assert texts[0].startswith("Năm 2023, Đảng uỷ phường")  # old tone placement kept
    assert "gắn với việc giải quyết những vấn đề bức xúc" in texts[0]  # runs of spaces folded
    assert "đã mời đại diện" in texts[2]  # NBSP inside a paragraph folded
    assert body_texts(article, "caption") == [
        "Ảnh: Đồng chí Bí thư Đảng ủy phường dự sinh hoạt tại chi bộ số 4",
        "Các đảng viên tham gia thảo luận tại buổi sinh hoạt chuyên đề",
    ]
    paragraphs = body_texts(article, "paragraph")
    assert "1. Chuẩn bị kỹ nội dung, tài liệu trước mỗi kỳ sinh hoạt." in paragraphs
    assert any(text.startswith("Hai là: gắn sinh hoạt") and "hoá đơn" in text for text in paragraphs)
    assert paragraphs[-1].endswith("thúc đẩy văn hóa dân chủ ở cơ sở.")  # new placement in the same file
    assert len(texts) == 9


def test_layout_b_crlf_byline_becomes_author_and_unit():
    article = read_fixture("layout-b-tinh-nguyen.txt")
    assert article.layout == "B"
    assert article.published.canonical() == "2024-03-19 07:45"
    assert article.author == "Lê Thị Hồng Nhung"
    assert article.unit.text == "Đoàn thanh niên phường"
    assert article.views is None and article.category is None
    texts = body_texts(article)
    assert texts[-1] == "Dịp này, Đoàn phường trao 20 suất quà cho các cụ có hoàn cảnh khó khăn."
    assert not any("Ý kiến" in text or "EmailPrint" in text for text in texts)


def test_layout_c_bom_bullets_and_trust_seal_after_nbsp_line():
    article = read_fixture("layout-c-an-toan-thuc-pham.txt")
    assert article.layout == "C"
    assert article.title.text == "UBND phường tổ chức đối thoại với hộ kinh doanh về an toàn thực phẩm"
    assert article.unit.text == "UBND phường"
    assert article.published.canonical() == "2023-08-22" and not article.published.has_time
    texts = body_texts(article)
    assert len(texts) == 3 and texts[0].startswith("Chiều ngày 21/8/2023")
    assert not any("Chung nhan" in text or "A+" in text or "Chào mừng" in text for text in texts)


def test_layout_a_utf16_file():
    article = read_fixture("layout-a-utf16.txt")
    assert article.title.text == "Hội phụ nữ phường khai giảng lớp dạy nghề cắm hoa"
    assert article.views == 96 and article.category.text == "Tin tức hoạt động"


@pytest.mark.parametrize("views, expected", [("1.204", 1204), ("12.345.678", 12345678), ("0", 0), ("1204", 1204)])
def test_views_thousands_separator(views, expected):
    article = read_legacy_text(f"Tin hoạt động\nTiêu đề\nNgày đăng 01/02/2024 | 10:00 | Lượt xem: {views}\n\n"
                               "Nội dung.\n", "a.txt")
    assert article.views == expected and article.problems == []


@pytest.mark.parametrize("views", ["1.2", "1,204", "không rõ", "12.34"])
def test_unreadable_views_is_a_problem_not_a_guess(views):
    article = read_legacy_text(f"Tin hoạt động\nTiêu đề\nNgày đăng 01/02/2024 | 10:00 | Lượt xem: {views}\n\n"
                               "Nội dung.\n", "a.txt")
    assert article.views is None
    assert [problem.line for problem in article.problems] == [3]
    assert "lượt xem" in article.problems[0].message


@pytest.mark.parametrize("stamp", ["31/02/2024 | 10:00", "2024-02-01 | 10:00", "01/13/2024", "01/02/2024 | 25:00"])
def test_impossible_or_foreign_dates_are_problems(stamp):
    article = read_legacy_text(f"Tin hoạt động\nTiêu đề\nNgày đăng {stamp} | Lượt xem: 5\n\nNội dung.\n", "a.txt")
    assert article.published is None
    assert "ngày đăng" in article.problems[0].message and article.problems[0].line == 3


def test_unknown_layout_is_refused():
    with pytest.raises(ContentError) as caught:
        read_legacy_text("\n\nMột đoạn văn bản không có phần đầu của cổng cũ.\n\nĐoạn thứ hai.\n", "la.txt")
    assert str(caught.value).startswith("la.txt:3: không nhận ra bố cục")


def test_layout_c_different_second_title_is_reported():
    text = ("Tiêu đề thứ nhất\nChào mừng bạn đến với Cổng TTĐT\nTiêu đề khác hẳn\n• UBND phường\n• 02/03/2024\n"
            "• A- A A+\n\nNội dung bài.\n")
    article = read_legacy_text(text, "c.txt")
    assert article.title.text == "Tiêu đề thứ nhất"
    assert [problem.line for problem in article.problems] == [3]


def test_layout_c_bullets_after_toolbar_are_body():
    text = ("Tiêu đề\nChào mừng bạn đến với Cổng TTĐT\nTiêu đề\n• UBND phường\n• 02/03/2024\n• A- A A+\n\n"
            "•\u00a0Nội dung gạch đầu dòng thứ nhất;\n\n• Nội dung gạch đầu dòng thứ hai.\n")
    article = read_legacy_text(text, "c.txt")
    assert body_texts(article) == ["• Nội dung gạch đầu dòng thứ nhất;", "• Nội dung gạch đầu dòng thứ hai."]


def test_layout_b_sentence_at_the_end_is_not_a_byline():
    text = "Tiêu đề bài\nEmailPrintAa\n09:10 04/05/2024\n\nĐoạn đầu.\n\nĐoạn cuối cùng của bài viết (có chú thích).\n"
    article = read_legacy_text(text, "b.txt")
    assert article.author is None and article.unit is None
    assert body_texts(article)[-1] == "Đoạn cuối cùng của bài viết (có chú thích)."


def test_layout_b_name_only_byline():
    text = "Tiêu đề bài\nEmailPrintAa\n09:10 04/05/2024\n\nĐoạn đầu của bài.\n\nNguyễn Thu Hà\n"
    article = read_legacy_text(text, "b.txt")
    assert article.author == "Nguyễn Thu Hà" and article.unit is None
    assert body_texts(article) == ["Đoạn đầu của bài."]


def test_layout_b_missing_stamp_is_a_problem():
    article = read_legacy_text("Tiêu đề\nEmailPrintAa\n\nĐoạn đầu của bài viết, khá dài.\n", "b.txt")
    assert article.published is None and "ngày đăng" in article.problems[0].message
    assert body_texts(article) == ["Đoạn đầu của bài viết, khá dài."]
