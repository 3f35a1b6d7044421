"""Every script ends a failure with a Vietnamese message and exit 2, never a traceback.

Tests run as root, so a read-only folder would not stop a write: unwritable targets are a
path under /sys (the kernel refuses) or a file where a folder is expected.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

LEGACY = ROOT / "tests" / "fixtures" / "legacy" / "layout-a-sinh-hoat-chi-bo.txt"


def run(script: str, *args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def site(fixture_site):
    fixture_site.article("2024/03/tot.md", title="Hội nghị sơ kết quý I")
    (fixture_site.root / "la-tep").write_text("không phải thư mục", encoding="utf-8")
    blocked = fixture_site.root / "chan"  # a content folder whose articles folder is a file
    shutil.copytree(fixture_site.content, blocked)
    shutil.rmtree(blocked / "bai-viet")
    (blocked / "bai-viet").write_text("", encoding="utf-8")
    return fixture_site


CASES = [
    ("quota.py", "--month", "0000-01"),
    ("quota.py", "--month", "9999-12"),
    ("quota.py", "--month", "2024-13"),
    ("quota.py", "--as-of", "9999-12-31"),
    ("quota.py", "--as-of", "0001-01-01"),
    ("quota.py", "--as-of", "hôm qua"),
    ("quota.py", "--format", "csv", "--output", "/sys/bao-cao.csv"),
    ("quota.py", "--format", "csv", "--output", "/proc/self/khong-co/bao-cao.csv"),
    ("quota.py", "--format", "csv", "--output", "la-tep/bao-cao.csv"),
    ("quota.py", "--format", "xlsx"),
    ("quota.py", "--khong-co"),
    ("quota.py", "--content", "la-tep"),
    ("new.py", "Bài thử", "--unit", "dang-uy", "--category", "tin-hoat-dong", "--content", "chan"),
    ("new.py", "Bài thử", "--unit", "dang-uy", "--category", "tin-hoat-dong", "--content", "/sys"),
    ("new.py", "Bài thử", "--unit", "dang-uy", "--category", "tin-hoat-dong", "--date", "9999-99-99"),
    ("new.py", "Bài thử"),
    ("check.py", "--content", "la-tep"),
    ("check.py", "--khong-co"),
    ("images.py", "--content", "la-tep"),
    ("images.py", "--max-mb", "abc"),
    ("images.py", "--max-mb", "-1"),
    ("import_legacy.py", "--format", "xml", str(LEGACY)),
    ("import_legacy.py", "--unit", "khong-co", str(LEGACY)),
    ("import_legacy.py", "--content", "la-tep", str(LEGACY)),
    ("import_legacy.py",),
    ("bench.py", "--articles", "0"),
    ("bench.py", "--articles", "abc"),
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(case) for case in CASES])
def test_bad_arguments_and_unwritable_targets_exit_2_without_traceback(site, args):
    result = run(*args, cwd=site.root)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "Lỗi" in result.stderr, result.stderr


def test_import_into_an_unwritable_folder_fails_that_file_without_traceback(site):
    for out in ("/sys/bai-viet", "la-tep"):
        result = run("import_legacy.py", "--out", out, "--unit", "dang-uy", "--category", "tin-hoat-dong",
                     str(LEGACY), "--content", "content", cwd=site.root)
        assert result.returncode == 1 and "Traceback" not in result.stderr  # 1: an input failed
        assert "không ghi được" in result.stdout and "Operation not permitted" not in result.stdout


def test_the_shared_wrapper_turns_any_error_into_exit_2(tmp_path):
    script = tmp_path / "hong.py"
    script.write_text(f"import sys\nsys.path.insert(0, {str(ROOT / 'scripts')!r})\nimport _bootstrap\n"
                      "def main():\n    open('/sys/khong-ghi-duoc', 'w')\n_bootstrap.run(main)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "/sys/khong-ghi-duoc" in result.stderr and result.stderr.startswith("Lỗi")
