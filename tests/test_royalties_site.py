"""Royalties stay internal: built sites hold no royalty page, figure or file; a bad `type` or
`points` is a warning (build and scripts/check.py alike) and the article is still published."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, FixtureSite
from royalty_fixture import AS_OF, EXPECTED, MONTH_TOTALS, OUT_OF_RANGE_FILE, UNKNOWN_TYPE_FILE, write_royalty_site
from wardportal.article import format_count

WORDS = ("nhuận bút", "nhuan-but", "nhuan but", "royalt", "bảng kê", "bang-ke", "point_value", "base_salary",
         "lương cơ sở", "người lập biểu", "tỷ lệ hưởng")  # not "Trưởng ban biên tập": the footer names the board
NAMES = ("royalt", "nhuan", "_portal", ".xlsx", ".csv")


def money(amount: int) -> str:
    return f"{format_count(amount)} đ"


def site_texts(site_dir: Path):
    """(path, text) of every file of a built site; gzip twins and Pagefind's gzip files unpacked."""
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        yield path.relative_to(site_dir).as_posix(), data.decode("utf-8", errors="replace").lower()


def royalty_traces(site_dir: Path, amounts: set[str]) -> list[str]:
    paths = [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")]
    found = [f"{rel}: tên tệp" for rel in paths if any(name in rel.lower() for name in NAMES)]
    checked = 0
    for rel, text in site_texts(site_dir):
        checked += 1
        found += [f"{rel}: {word}" for word in (*WORDS, *amounts) if word.lower() in text]
    assert checked > 50  # the scan saw the whole site, Pagefind and gzip twins included
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = write_royalty_site(FixtureSite(tmp_path_factory.mktemp("royalty-site")))
    result = site.build(env={"WARD_AS_OF": AS_OF})
    return site, result.stdout


def test_fixture_site_has_no_royalty_page_figure_or_file(built):
    site, _ = built
    amounts = {money(amount) for month in EXPECTED.values() for *_, amount in month}
    amounts |= {money(total) for _, total in MONTH_TOTALS.values()} | {money(234000), "2.340.000"}
    assert royalty_traces(site.site, amounts) == []
    assert (site.site / "pagefind").is_dir() and (site.site / "sitemap.xml").is_file()
    assert any(site.site.rglob("*.gz"))


def test_sample_site_has_no_royalty_page_figure_or_file(sample_site):
    statement = subprocess.run([sys.executable, str(ROOT / "scripts" / "royalties.py"), "--year", "2026",
                                "--format", "json", "--as-of", "2026-11-26"], capture_output=True, cwd=ROOT)
    assert statement.returncode == 0, statement.stderr.decode()
    data = json.loads(statement.stdout)
    assert data["total_amount"] > 0 and len(data["authors"]) >= 5  # the sample shows a real statement
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.md")
                        if "_portal" not in p.parts)
    amounts = {money(entry["amount"]) for entry in data["authors"]} | {money(data["total_amount"])}
    amounts = {amount for amount in amounts if amount not in sources}  # a figure an article itself prints
    assert amounts
    assert royalty_traces(sample_site.site, amounts) == []


def test_shared_article_prints_its_authors_names_only(built):
    site, _ = built
    page = site.html("bai-viet/chuyen-sau-diem-tung-nguoi/")
    assert "Nguyễn Thu Hà, Vũ Hoàng Anh" in page
    assert not re.search(r"1[.,]2|0[.,]6", page.split("<article")[1].split("</article>")[0])


def test_build_warns_of_bad_type_and_points_and_still_publishes_the_articles(built):
    site, output = built
    assert re.search(rf"WARNING .*{re.escape(UNKNOWN_TYPE_FILE)}:\d+: loại bài `type: phong-su` không có trong "
                     r"content/_portal/royalties\.yml\. Hãy ghi một trong các mã: tin, tin-anh, bai-chuyen-sau, "
                     r"dang-lai\.", output), output
    assert re.search(rf"WARNING .*{re.escape(OUT_OF_RANGE_FILE)}:\d+: `points` 3 nằm ngoài khung điểm", output)
    assert re.search(r"r17\.md:\d+: loại bài `type: Tin Ảnh` không có trong", output)
    for slug in ("loai-bai-la", "chuyen-sau-qua-diem", "loai-bai-viet-tay", "tin-thang-tam"):
        assert (site.site / "bai-viet" / slug / "index.html").is_file()


def test_check_script_reports_the_same_warnings_from_the_one_list_of_checks(built):
    site, _ = built
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--content", "content"],
                            capture_output=True, text=True, cwd=site.root)
    assert result.returncode == 1
    type_line = next(line for line in result.stdout.splitlines() if UNKNOWN_TYPE_FILE in line)
    text = (site.content / UNKNOWN_TYPE_FILE).read_text(encoding="utf-8")
    line = text.splitlines().index("type: phong-su") + 1
    assert type_line.startswith(f"content/{UNKNOWN_TYPE_FILE}:{line}: loại bài `type: phong-su`")
    assert any(OUT_OF_RANGE_FILE in line and "`points` 3" in line for line in result.stdout.splitlines())
    assert "3 lỗi" in result.stderr  # r11, r12, r17: every article valid and published all the same
