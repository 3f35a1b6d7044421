"""Front matter → Article: every rule, and the `path:line: message` each problem gives."""

import pytest

from conftest import FIXTURE_REGISTRY, article_text
from wardportal.article import Article, article_from_source, format_count, summarise
from wardportal.corpus import PublishPolicy, read_corpus
from wardportal.dates import parse_published
from wardportal.frontmatter_io import parse_article_text
from wardportal.registry import REGISTRY_PATH, load_registry


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    root = tmp_path_factory.mktemp("registry")
    (root / REGISTRY_PATH).parent.mkdir(parents=True)
    (root / REGISTRY_PATH).write_text(FIXTURE_REGISTRY, encoding="utf-8")
    return load_registry(root)[0]


def validate(registry, text: str, path: str = "bai-viet/2024/03/a.md"):
    return article_from_source(parse_article_text(text, path), registry)


def only_problem(registry, text: str):
    article, problems = validate(registry, text)
    assert article is None
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_article_is_typed(registry):
    article, problems = validate(registry, article_text(
        title="Đảng ủy phường Phúc Đồng họp", date="2021-04-22 16:48", unit="Đảng uỷ", category="Tin hoạt động",
        views=1204, tags=["môi trường"], featured=True, author="Minh Anh", body="Đoạn đầu tiên của bài viết, đủ dài để làm phần tóm tắt."))
    assert problems == []
    assert isinstance(article, Article)
    assert (article.unit.id, article.category.id) == ("dang-uy", "tin-hoat-dong")
    assert article.slug == "dang-uy-phuong-phuc-dong-hop"
    assert article.url == "bai-viet/dang-uy-phuong-phuc-dong-hop/"
    assert article.header_line == "Ngày đăng 22/04/2021 | 16:48 | Lượt xem: 1.204"
    assert article.summary == "Đoạn đầu tiên của bài viết, đủ dài để làm phần tóm tắt."
    assert article.featured and not article.draft and article.tags == ("môi trường",)


def test_defaults_and_date_only_header(registry):
    article, problems = validate(registry, article_text(date="2021-04-22"))
    assert problems == []
    assert article.views == 0
    assert article.header_line == "Ngày đăng 22/04/2021 | Lượt xem: 0"


def test_explicit_slug_wins(registry):
    article, _ = validate(registry, article_text(title="Tiêu đề dài", slug="ten-rieng"))
    assert article.slug == "ten-rieng"
    problem = only_problem(registry, article_text(slug="Tên Riêng"))
    assert problem.line == 6 and "ten-rieng" in problem.message


@pytest.mark.parametrize("fields, line, words", [
    ({"title": None}, 2, ["thiếu tiêu đề", "title:"]),
    ({"title": ""}, 2, ["tiêu đề (`title`) đang để trống"]),
    ({"title": "   "}, 2, ["đang để trống"]),
    ({"date": "22/04/2021"}, 3, ["`22/04/2021`", "2021-04-22 16:48", "2021-04-22T09:48:00Z"]),
    ({"date": None}, 2, ["thiếu ngày đăng", "2021-04-22 16:48"]),
    ({"date": "2021-02-30 08:00"}, 3, ["không tồn tại", "Các dạng được chấp nhận"]),
    ({"views": -5}, 6, ["không được âm", "-5"]),
    ({"views": "1.204"}, 6, ["số nguyên không âm", "`1.204`"]),
    ({"views": 1.204}, 6, ["số nguyên không âm", "không dùng dấu chấm"]),
    ({"views": "nhiều"}, 6, ["số nguyên không âm", "`nhiều`"]),
    ({"unit": "Đảng ủy xã"}, 4, ["đơn vị “Đảng ủy xã” không có trong danh mục", "“Đảng ủy phường”"]),
    ({"unit": None}, 2, ["thiếu đơn vị (`unit`)"]),
    ({"category": "Tin hoạt đọng"}, 5, ["chuyên mục “Tin hoạt đọng” không có", "Có phải là: “Tin hoạt động”"]),
    ({"featured": "có"}, 6, ["`featured` chỉ nhận `true` hoặc `false`"]),
    ({"tags": 5}, 6, ["`tags` phải là danh sách"]),
    ({"anh_bia": "x.jpg"}, 6, ["trường `anh_bia` không được hỗ trợ", "image_caption"]),
])
def test_each_problem_names_field_line_and_what_to_do(registry, fields, line, words):
    problem = only_problem(registry, article_text(**fields))
    assert problem.line == line, problem
    assert str(problem).startswith(f"bai-viet/2024/03/a.md:{line}: ")
    for word in words:
        assert word in problem.message, problem.message


def test_all_problems_of_one_file_are_reported_together(registry):
    article, problems = validate(registry, article_text(title="", date="hôm qua", unit="xyz", views=-1))
    assert article is None
    assert [p.field for p in problems] == ["title", "date", "unit", "views"]


def test_corpus_keeps_good_articles_and_reports_duplicate_slugs(registry):
    texts = {
        "bai-viet/2024/03/b.md": article_text(title="Hội nghị sơ kết"),
        "bai-viet/2024/04/a.md": article_text(title="Hội nghị sơ kết", date="2024-04-01 08:00"),
        "bai-viet/2024/04/c.md": article_text(title="Khác", slug="hoi-nghi-so-ket"),
        "bai-viet/2024/04/hong.md": "---\ntitle: [\n---\n",
        "bai-viet/2024/04/tot.md": article_text(title="Bài tốt"),
    }
    corpus = read_corpus([(path, lambda t=text: t.encode("utf-8")) for path, text in texts.items()], registry)
    assert sorted(a.source_path for a in corpus.articles) == ["bai-viet/2024/03/b.md", "bai-viet/2024/04/tot.md"]
    messages = [str(p) for p in corpus.problems]
    assert any(m.startswith("bai-viet/2024/04/a.md:1: ") and "bai-viet/2024/03/b.md" in m
               and "`bai-viet/hoi-nghi-so-ket/`" in m for m in messages), messages
    assert any(m.startswith("bai-viet/2024/04/c.md:") and "bai-viet/2024/03/b.md" in m for m in messages)
    assert any(m.startswith("bai-viet/2024/04/hong.md:") for m in messages)
    assert len(messages) == 3


def test_the_earlier_article_keeps_its_url_when_a_later_file_sorts_first(registry):
    """The web editor saves a second article with the same title as `…-1.md`, which sorts
    before the original: the original (earlier) article must stay published."""
    texts = {
        "bai-viet/2024/04/hoi-nghi-so-ket-1.md": article_text(title="Hội nghị sơ kết", date="2024-04-20 08:00"),
        "bai-viet/2024/04/hoi-nghi-so-ket.md": article_text(title="Hội nghị sơ kết", date="2024-04-02 08:00"),
    }
    corpus = read_corpus([(path, lambda t=text: t.encode("utf-8")) for path, text in texts.items()], registry)
    assert [a.source_path for a in corpus.articles] == ["bai-viet/2024/04/hoi-nghi-so-ket.md"]
    [problem] = corpus.problems
    assert str(problem).startswith("bai-viet/2024/04/hoi-nghi-so-ket-1.md:1: ")
    assert "với bài bai-viet/2024/04/hoi-nghi-so-ket.md" in str(problem)

def test_publish_policy_hides_drafts_and_future_unless_preview(registry):
    now = parse_published("2024-03-10 12:00").moment
    draft, _ = validate(registry, article_text(draft=True))
    future, _ = validate(registry, article_text(date="2024-03-10 12:01"))
    present, _ = validate(registry, article_text(date="2024-03-10 12:00"))
    policy = PublishPolicy(now)
    assert [policy.shows(a) for a in (draft, future, present)] == [False, False, True]
    assert all(PublishPolicy(now, preview=True).shows(a) for a in (draft, future, present))


def test_summary_and_counts():
    assert summarise("![ảnh](a.jpg)\n\n## Tiêu đề\n\nẢnh minh họa\n\nĐoạn **thật sự** có [liên kết](x) và đủ dài để tóm tắt.") \
        == "Đoạn thật sự có liên kết và đủ dài để tóm tắt."
    long = summarise("từ " * 200, limit=30)
    assert long.endswith("…") and len(long) <= 31
    assert format_count(1234567) == "1.234.567" and format_count(0) == "0"
