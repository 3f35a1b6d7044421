"""The compact search index: folded words, tone variants, NFC, no article body, size at scale."""

from __future__ import annotations

import gzip
import json
import random
import unicodedata
from dataclasses import replace

from wardportal.article import Article
from wardportal.dates import parse_published
from wardportal.memo import RebuildMemo
from wardportal.registry import Entry
from wardportal.search import (FIELDS, body_keywords, compact_index, search_forms, tone_variants,
                               words)

from reader_fixtures import reader_site  # noqa: F401  (fixture)

CATEGORY = Entry("category", "tin-hoat-dong", "Tin hoạt động")
UNIT = Entry("unit", "dang-uy", "Đảng ủy phường")
SAMPLE_TEXTS = [(
    "Sáng ngày 07/7/2026, Đảng ủy phường tổ chức hội nghị sơ kết công tác xây dựng Đảng và hệ thống "
    "chính trị sáu tháng đầu năm, triển khai nhiệm vụ trọng tâm sáu tháng cuối năm. Dự hội nghị có các "
    "đồng chí trong Ban Thường vụ, bí thư chi bộ, trưởng các đoàn thể chính trị – xã hội, tổ trưởng tổ dân "
    "phố. Năm qua, phường đã giải quyết đúng hạn hồ sơ thủ tục hành chính, vận động nhân dân hiến đất làm "
    "đường, chỉnh trang đô thị, giữ gìn vệ sinh môi trường, chăm lo gia đình chính sách, hộ nghèo, người "
    "cao tuổi; phong trào thể dục thể thao, văn hoá văn nghệ, khuyến học khuyến tài phát triển mạnh; an "
    "ninh trật tự được bảo đảm, thanh niên tình nguyện, phụ nữ giúp nhau phát triển kinh tế, cựu chiến "
    "binh gương mẫu, mặt trận đoàn kết toàn dân xây dựng khu dân cư văn minh, chuyển đổi số, dữ liệu dân cư",
    None)]


def make_article(title: str, body: str = "Nội dung.", summary: str = "", slug: str = "bai", tags=()) -> Article:
    return Article(source_path=f"bai-viet/2026/03/{slug}.md", title=title,
                   published=parse_published("2026-03-01 08:00"), unit=UNIT, category=CATEGORY,
                   slug=slug, body=body, summary=summary or title, tags=tuple(tags))


def test_tone_variants_swap_placement_in_open_oa_oe_uy_syllables():
    assert tone_variants("hoá") == {"hóa"}
    assert tone_variants("hóa") == {"hoá"}
    assert tone_variants("thuỷ") == {"thủy"}
    assert tone_variants("ủy") == {"uỷ"}
    assert tone_variants("khỏe") == {"khoẻ"}
    assert tone_variants(unicodedata.normalize("NFD", "khoẻ")) == {"khỏe"}


def test_tone_variants_leave_single_placement_words_alone():
    for word in ("hoàng", "thuyết", "quý", "xoáy", "hoa", "thanh", "người"):
        assert tone_variants(word) == set(), word


def test_search_forms_add_folded_and_variant_words_but_not_the_words_themselves():
    forms = search_forms(words("Văn hoá “Bồ Đề” (UBND)"))
    assert forms == ["van", "hoa", "hóa", "bo", "de"]


def test_body_keywords_are_names_not_sentence_openers():
    body = "Sáng nay, đoàn đến phường Bồ Đề và khu “Ngọc Lâm” cùng (UBND) phường.\n\nTrong buổi làm việc, ..."
    assert body_keywords(body) == ["bồ", "đề", "ngọc", "lâm", "ubnd"]


def test_article_document_holds_title_summary_keywords_never_the_body():
    body = "Mở đầu ngắn.\n\n" + "Đoạn thân bài rất dài chỉ có trong trang bài viết. " * 50 + "Gặp ông Nguyễn Văn Tư."
    index = compact_index({"config": {"lang": ["vi"], "pipeline": ["trimmer", "stopWordFilter"]}, "docs": [
        {"location": "bai-viet/a/", "title": "x", "text": body},
        {"location": "bai-viet/a/#muc", "title": "Mục", "text": body},
        {"location": "chuyen-muc/tin-hoat-dong/trang-2/", "title": "Trang 2", "text": "…"},
        {"location": "gioi-thieu/", "title": "Giới thiệu phường", "text": "<p>Lịch sử</p>" * 200},
    ]}, {"bai-viet/a/": make_article(unicodedata.normalize("NFD", "Phường Thượng Thanh"), body,
                                     summary="Mở đầu ngắn.", slug="a", tags=["môi trường"])})
    assert [doc["location"] for doc in index["docs"]] == ["bai-viet/a/", "gioi-thieu/"]
    article = index["docs"][0]
    assert article["title"] == unicodedata.normalize("NFC", "Phường Thượng Thanh")
    assert article["text"] == "Mở đầu ngắn."
    assert "thân bài" not in json.dumps(index, ensure_ascii=False)
    assert article["ward_title"] == "phuong thuong"  # `thanh` is already exact
    assert article["ward_keywords"] == "môi trường nguyễn văn tư"
    assert len(index["docs"][1]["text"]) <= 240
    assert index["config"]["fields"] == FIELDS
    assert "trimmer" not in index["config"]["pipeline"]  # lunr.vi's trimmer cuts `ủy` to `y`


def test_index_for_ten_thousand_articles_stays_under_3_mb_gzipped():
    """Titles and summaries drawn at random from real Vietnamese syllables (compress like text)."""
    vocabulary = words(" ".join(doc for doc, _ in SAMPLE_TEXTS))
    names = ["Bồ Đề", "Ngọc Lâm", "Thượng Thanh", "Phúc Đồng", "Nguyễn Văn Tư", "UBND", "Trần Thị Hoà"]
    rng = random.Random(6)
    base = make_article("x")
    articles = {}
    for n in range(10_000):
        title = " ".join(rng.choices(vocabulary, k=rng.randint(8, 18))).capitalize()
        summary = " ".join(rng.choices(vocabulary, k=rng.randint(35, 50))).capitalize() + "."
        body = summary + " " + " ".join(f"Gặp ông {rng.choice(names)} tại {rng.choice(names)}." for _ in range(20))
        articles[f"bai-viet/bai-{n}/"] = replace(base, title=title, slug=f"bai-{n}", body=body, summary=summary,
                                                 tags=tuple(rng.choices(vocabulary, k=3)))
    data = json.dumps(compact_index({"config": {}, "docs": []}, articles), ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")
    gzipped = len(gzip.compress(data))
    assert gzipped <= 3 * 1024 * 1024, f"{gzipped / 1e6:.1f} MB gzipped"


def test_built_site_index_is_the_compact_one(reader_site):  # noqa: F811
    index = json.loads((reader_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert "bai-viet/to-dan-pho-dong-thuy-lam-duong/" in locations
    assert not any("#" in location for location in locations)
    nfd_doc = next(doc for doc in index["docs"] if doc["location"] == "bai-viet/to-dan-pho-dong-thuy-lam-duong/")
    assert nfd_doc["title"] == unicodedata.normalize("NFC", nfd_doc["title"])
    assert "dong thuy" in nfd_doc["ward_title"]
    assert "ban biên tập cập nhật" not in json.dumps(index, ensure_ascii=False)  # body text left out


def test_documents_made_by_worker_processes_equal_one_process():
    from wardportal import search

    articles = [(f"bai-viet/bai-{n}/", make_article(f"Tin số {n} về Đảng ủy phường", body=f"Nội dung Ngọc Lâm {n}.",
                                                     slug=f"bai-{n}", tags=("hội nghị",)))
                for n in range(2 * search.PARALLEL_MIN + 10)]  # enough for two workers
    memo = RebuildMemo()
    made = search._article_documents(articles, memo)
    assert made == [search.article_document(article, location) for location, article in articles]
    memo.start_build()
    assert search._article_documents(articles[:3], memo) == made[:3]  # kept for the next build
