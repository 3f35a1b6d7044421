"""The import command: statuses, JSON schema, duplicates, --dry-run, --force, review drafts, exit codes."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import import_legacy
from wardportal.frontmatter_io import read_article_file

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
GOOD = ["layout-a-sinh-hoat-chi-bo.txt", "layout-b-tinh-nguyen.txt", "layout-c-an-toan-thuc-pham.txt"]


def run(capsys, content, *args):
    code = import_legacy.main([*map(str, args), "--content", str(content)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, content, *args):
    code, out, err = run(capsys, content, *args, "--format", "json")
    return code, json.loads(out), err


def articles(content):
    return sorted(p.relative_to(content).as_posix() for p in (content / "bai-viet").rglob("*.md"))


def copy_fixtures(tmp_path, names):
    folder = tmp_path / "cu"
    folder.mkdir()
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def test_json_output_schema_and_statuses(fixture_site, capsys):
    code, results, err = run_json(capsys, fixture_site.content, FIXTURES, "--unit", "dang-uy")
    assert code == 1  # the Windows-1258 file failed
    by_name = {Path(r["source"]).name: r for r in results}
    assert set(by_name) == {p.name for p in FIXTURES.glob("*.txt")}
    for result in results:
        assert set(result) == {"source", "status", "output", "fields", "problems"}
        assert set(result["fields"]) == {"title", "date", "views", "category", "unit", "author"}
        assert result["status"] in ("imported", "review", "failed", "duplicate")
        assert all(isinstance(problem, str) for problem in result["problems"])
    a = by_name["layout-a-sinh-hoat-chi-bo.txt"]
    assert a["status"] == "imported" and a["problems"] == []
    assert a["fields"] == {"title": "Phường Ngọc Thụy nâng cao chất lượng sinh hoạt chi bộ ở khu dân cư",
                           "date": "2024-03-12 14:05", "views": 2317, "category": "Các Bài Viết Chuyên Sâu",
                           "unit": None, "author": None}
    assert a["output"].endswith("bai-viet/2024/03/phuong-ngoc-thuy-nang-cao-chat-luong-sinh-hoat-chi-bo-o-khu-dan-cu.md")
    assert by_name["layout-b-tinh-nguyen.txt"]["fields"]["author"] == "Lê Thị Hồng Nhung"
    assert by_name["layout-c-an-toan-thuc-pham.txt"]["fields"]["date"] == "2023-08-22"
    bad = by_name["bad-windows-1258.txt"]
    assert bad["status"] == "failed" and bad["output"] is None and bad["fields"]["title"] is None
    assert bad["problems"][0].endswith("bad-windows-1258.txt:1: tệp không phải UTF-8 (có thể lưu bằng TCVN3/VNI "
                                       "hoặc Windows-1258). Hãy mở tệp và lưu lại với bảng mã UTF-8.")
    review = by_name["layout-c-don-vi-la.txt"]
    assert review["status"] == "review" and review["fields"]["unit"] == "Ban Văn hóa – Thông tin phường Hòa Phong"
    # B and C name no category and no --category was given: review, not a guess
    assert by_name["layout-b-tinh-nguyen.txt"]["status"] == "review"
    assert "Tổng kết: 2 đã nhập, 3 cần xem lại (bản nháp), 1 lỗi, 0 bỏ qua vì trùng." in err


def test_front_matter_of_an_imported_article(fixture_site, capsys):
    code, _, _ = run(capsys, fixture_site.content, FIXTURES / GOOD[0], "--unit", "Đảng uỷ")
    assert code == 0
    [path] = articles(fixture_site.content)
    source = read_article_file(fixture_site.content / path)
    assert source.meta == {
        "title": "Phường Ngọc Thụy nâng cao chất lượng sinh hoạt chi bộ ở khu dân cư",
        "date": "2024-03-12 14:05", "unit": "dang-uy", "category": "bai-viet-chuyen-sau", "views": 2317,
        "source": GOOD[0], "source_hash": source.meta["source_hash"]}
    assert source.meta["source_hash"] == "sha256:" + hashlib.sha256((FIXTURES / GOOD[0]).read_bytes()).hexdigest()
    assert "Ảnh: Đồng chí Bí thư Đảng ủy phường dự sinh hoạt tại chi bộ số 4\n{ .ward-caption }" in source.body
    assert "\n1\\. Chuẩn bị kỹ nội dung" in source.body


def test_same_source_twice_gives_one_file(fixture_site, tmp_path, capsys):
    folder = copy_fixtures(tmp_path, GOOD)
    assert run(capsys, fixture_site.content, folder, "--category", "tin-hoat-dong")[0] == 0
    before = {p: (fixture_site.content / p).read_bytes() for p in articles(fixture_site.content)}
    (folder / "ban-sao.txt").write_bytes((folder / GOOD[1]).read_bytes())  # same content, other name
    code, results, err = run_json(capsys, fixture_site.content, folder, "--category", "tin-hoat-dong")
    assert code == 0
    assert [r["status"] for r in results] == ["duplicate"] * 4
    assert {r["output"] for r in results if Path(r["source"]).name == "ban-sao.txt"} == \
        {r["output"] for r in results if Path(r["source"]).name == GOOD[1]}
    assert {p: (fixture_site.content / p).read_bytes() for p in articles(fixture_site.content)} == before
    assert "0 đã nhập, 0 cần xem lại (bản nháp), 0 lỗi, 4 bỏ qua vì trùng." in err


def test_dry_run_writes_nothing(fixture_site, capsys):
    code, out, _ = run(capsys, fixture_site.content, FIXTURES, "--dry-run", "--unit", "ubnd",
                       "--category", "tin-hoat-dong")
    assert code == 1
    assert not (fixture_site.content / "bai-viet").exists()
    assert "Đã nhập: " in out and "Chạy thử (--dry-run): không tệp nào được ghi." in out


def test_another_source_never_replaces_an_existing_article(fixture_site, tmp_path, capsys):
    """A different source with the same title in the same month gets `-2`, with or without
    --force: the edited article of the first source is never offered for overwriting."""
    run(capsys, fixture_site.content, FIXTURES / GOOD[1], "--category", "tin-hoat-dong")
    [path] = articles(fixture_site.content)
    target = fixture_site.content / path
    edited = target.read_text(encoding="utf-8").replace("35 đoàn viên", "36 đoàn viên")
    target.write_text(edited, encoding="utf-8")
    for flags in ((), ("--force",)):
        other = tmp_path / f"khac{len(flags)}.txt"  # same title, another day of March 2024
        other.write_bytes((FIXTURES / GOOD[1]).read_bytes().replace(b"19/03/2024", b"2%d/03/2024" % len(flags)))
        code, results, _ = run_json(capsys, fixture_site.content, other, "--category", "tin-hoat-dong", *flags)
        assert code == 0 and results[0]["status"] == "imported", results
        assert results[0]["output"].endswith(f"-{2 + len(flags)}.md") and "--force" not in str(results)
        assert target.read_text(encoding="utf-8") == edited
    assert len(articles(fixture_site.content)) == 3


def test_same_title_same_month_in_one_run_and_separately(fixture_site, tmp_path, capsys):
    folder = tmp_path / "cu"
    folder.mkdir()
    raw = (FIXTURES / GOOD[1]).read_bytes().replace(b"19/03/2024", b"15/05/2024")
    (folder / "a.txt").write_bytes(raw)
    (folder / "b.txt").write_bytes(raw.replace(b"15/05/2024", b"20/05/2024"))
    code, results, _ = run_json(capsys, fixture_site.content, folder, "--category", "tin-hoat-dong")
    assert code == 0 and [r["status"] for r in results] == ["imported", "imported"]
    first, second = (read_article_file(Path(r["output"])).meta for r in results)
    assert "slug" not in first and second["slug"].endswith("-2")
    assert second["source"] == "b.txt" and first["source"] == "a.txt"
    shutil.rmtree(fixture_site.content / "bai-viet")
    for name in ("a.txt", "b.txt"):  # one at a time: the same outcome
        code, results, _ = run_json(capsys, fixture_site.content, folder / name, "--category", "tin-hoat-dong")
        assert code == 0 and results[0]["status"] == "imported"
    assert results[0]["output"].endswith("-2.md")
    code, results, _ = run_json(capsys, fixture_site.content, folder / "b.txt", "--category", "tin-hoat-dong",
                                "--force")  # re-imports b into its own file
    assert code == 0 and results[0]["output"].endswith("-2.md") and len(articles(fixture_site.content)) == 2


def test_force_reimports_a_duplicate_in_place(fixture_site, capsys):
    run(capsys, fixture_site.content, FIXTURES / GOOD[2], "--category", "tin-hoat-dong")
    [path] = articles(fixture_site.content)
    target = fixture_site.content / path
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace("gần 60 hộ", "gần 70 hộ"), encoding="utf-8")
    code, results, _ = run_json(capsys, fixture_site.content, FIXTURES / GOOD[2], "--category", "tin-hoat-dong",
                                "--force")
    assert code == 0 and results[0]["status"] == "imported"
    assert target.read_text(encoding="utf-8") == original and articles(fixture_site.content) == [path]


def test_unknown_unit_is_written_as_draft_for_review(fixture_site, capsys):
    code, results, _ = run_json(capsys, fixture_site.content, FIXTURES / "layout-c-don-vi-la.txt",
                                "--unit", "ubnd", "--category", "tin-hoat-dong")
    assert code == 0 and results[0]["status"] == "review"  # the file's own unit wins over --unit
    meta = read_article_file(Path(results[0]["output"])).meta
    assert meta["draft"] is True and meta["unit"] == "Ban Văn hóa – Thông tin phường Hòa Phong"
    assert len(meta["review"]) == 1 and "không có trong danh mục" in meta["review"][0]
    assert meta["review"][0].endswith("(tệp gốc, dòng 4)")


def test_missing_unit_and_category_are_review(fixture_site, capsys):
    code, results, _ = run_json(capsys, fixture_site.content, FIXTURES / "layout-c-an-toan-thuc-pham.txt",
                                FIXTURES / "layout-a-utf16.txt")
    assert code == 0
    c, a = results
    assert c["status"] == "review" and any("--category" in p for p in c["problems"])
    assert a["status"] == "review" and any("--unit" in p for p in a["problems"])
    meta = read_article_file(Path(a["output"])).meta
    assert "unit" not in meta and meta["draft"] is True and meta["category"] == "tin-hoat-dong"


def test_unknown_option_values_and_arguments_exit_2(fixture_site, capsys):
    code, _, err = run(capsys, fixture_site.content, FIXTURES, "--unit", "Hội nông dân")
    assert code == 2 and "--unit" in err and "không có trong danh mục" in err
    with pytest.raises(SystemExit) as caught:
        import_legacy.main(["--format", "xml", str(FIXTURES)])
    assert caught.value.code == 2 and "Lỗi: tham số không hợp lệ" in capsys.readouterr().err
    assert not (fixture_site.content / "bai-viet").exists()


def test_missing_path_fails_but_others_import(fixture_site, tmp_path, capsys):
    code, results, _ = run_json(capsys, fixture_site.content, tmp_path / "khong-co.txt", FIXTURES / GOOD[1],
                                "--category", "tin-hoat-dong")
    assert code == 1 and [r["status"] for r in results] == ["failed", "imported"]


def test_same_title_in_another_month_gets_its_own_slug(fixture_site, tmp_path, capsys):
    first = tmp_path / "mot.txt"
    second = tmp_path / "hai.txt"
    template = "Tin hoạt động\nHọp tổ dân phố định kỳ\nNgày đăng {} | 08:00 | Lượt xem: 3\n\nNội dung cuộc họp {}.\n"
    first.write_text(template.format("05/01/2024", "tháng một"), encoding="utf-8")
    second.write_text(template.format("05/02/2024", "tháng hai"), encoding="utf-8")
    code, results, _ = run_json(capsys, fixture_site.content, first, second, "--unit", "ubnd")
    assert code == 0
    assert [Path(r["output"]).relative_to(fixture_site.content).as_posix() for r in results] == [
        "bai-viet/2024/01/hop-to-dan-pho-dinh-ky.md", "bai-viet/2024/02/hop-to-dan-pho-dinh-ky-2.md"]
    assert read_article_file(Path(results[1]["output"])).meta["slug"] == "hop-to-dan-pho-dinh-ky-2"


def test_progress_bar_only_for_more_than_a_handful(fixture_site, tmp_path, capsys):
    folder = tmp_path / "nhieu"
    folder.mkdir()
    for number in range(7):
        (folder / f"bai-{number}.txt").write_text(
            f"Tin hoạt động\nTin số {number} của phường\nNgày đăng 0{number + 1}/03/2024 | 08:00 | Lượt xem: 1\n\n"
            f"Nội dung tin số {number}.\n", encoding="utf-8")
    code, out, err = run(capsys, fixture_site.content, folder, "--unit", "ubnd")
    assert code == 0 and "Đang nhập" in err and "7/7" in err
    assert "Tổng kết: 7 đã nhập" in out
    code, out, err = run(capsys, fixture_site.content, FIXTURES / GOOD[1], "--category", "tin-hoat-dong")
    assert "Đang nhập" not in err


def test_out_folder(fixture_site, tmp_path, capsys):
    out = tmp_path / "nhap"
    code, results, _ = run_json(capsys, fixture_site.content, FIXTURES / GOOD[1], "--category", "tin-hoat-dong",
                                "--out", out)
    assert code == 0
    assert Path(results[0]["output"]) == out / "2024" / "03" / \
        "doan-thanh-nien-phuong-ra-mat-doi-hinh-tinh-nguyen-ho-tro-nguoi-cao-tuoi.md"
    assert not (fixture_site.content / "bai-viet").exists()
