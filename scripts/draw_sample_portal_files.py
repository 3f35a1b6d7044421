"""Draw the sample ward's placeholder files with Pillow: leaders' silhouette portraits, the
boundary map of Thượng Thanh (schematic, fictional detail) and the documents' PDF files.

Run once by whoever refreshes the sample (`python3 scripts/draw_sample_portal_files.py
[--force]`); the results are committed under content/. Existing files are kept unless --force.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from wardportal.frontmatter_io import write_new_file  # noqa: E402

CONTENT = Path(__file__).resolve().parent.parent / "content"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
LEADERS = ("bi-thu", "chu-tich-hdnd", "chu-tich-ubnd", "pho-chu-tich-ubnd", "chu-tich-mttq")
DOCUMENTS = {
    "van-ban/tep/2026/kh-125-ubnd.pdf": ("UBND PHƯỜNG THƯỢNG THANH", "KẾ HOẠCH số 125/KH-UBND",
                                         "Tổ chức các hoạt động chào mừng Ngày hội Đại đoàn kết toàn dân tộc"),
    "van-ban/tep/2026/tb-45-ubnd.pdf": ("UBND PHƯỜNG THƯỢNG THANH", "THÔNG BÁO số 45/TB-UBND",
                                        "Lịch tiếp công dân của lãnh đạo UBND phường tháng 12/2026"),
    "van-ban/tep/2026/kh-98-ubnd.pdf": ("UBND PHƯỜNG THƯỢNG THANH", "KẾ HOẠCH số 98/KH-UBND",
                                        "Ra quân bảo đảm trật tự đô thị, vệ sinh môi trường quý IV"),
    "van-ban/tep/2026/qd-210-ubnd.pdf": ("UBND PHƯỜNG THƯỢNG THANH", "QUYẾT ĐỊNH số 210/QĐ-UBND",
                                         "Kiện toàn Ban biên tập Cổng thông tin điện tử phường"),
    "van-ban/tep/2025/bc-310-ubnd.pdf": ("UBND PHƯỜNG THƯỢNG THANH", "BÁO CÁO số 310/BC-UBND",
                                         "Kết quả thực hiện nhiệm vụ phát triển kinh tế – xã hội năm 2025"),
}


def portrait() -> bytes:
    """A neutral silhouette on a soft background, 300×400."""
    image = Image.new("RGB", (300, 400), (226, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((95, 70, 205, 190), fill=(120, 130, 145))
    draw.pieslice((40, 200, 260, 470), 180, 360, fill=(120, 130, 145))
    draw.rectangle((40, 335, 260, 400), fill=(120, 130, 145))
    return _png(image)


def boundary_map() -> bytes:
    """A schematic map: the ward's outline, its neighbours, the river and main roads."""
    image = Image.new("RGB", (1200, 800), (244, 241, 232))
    draw = ImageDraw.Draw(image)
    font, bold = ImageFont.truetype(FONT, 22), ImageFont.truetype(BOLD, 34)
    draw.polygon([(0, 560), (300, 610), (640, 700), (1200, 640), (1200, 800), (0, 800)], fill=(168, 208, 230))
    ward = [(210, 150), (520, 90), (860, 140), (1000, 320), (930, 520), (640, 600), (330, 560), (180, 360)]
    draw.polygon(ward, fill=(255, 236, 200), outline=(200, 30, 40))
    draw.line(ward + [ward[0]], fill=(200, 30, 40), width=6)
    draw.line([(60, 120), (1150, 470)], fill=(250, 250, 250), width=18)
    draw.line([(60, 120), (1150, 470)], fill=(150, 150, 150), width=2)
    draw.line([(560, 20), (600, 640)], fill=(250, 250, 250), width=14)
    for i in range(1, 11):
        x, y = 260 + (i - 1) % 5 * 140, 230 + (i - 1) // 5 * 160
        draw.rounded_rectangle((x, y, x + 110, y + 44), 8, fill=(255, 250, 240), outline=(200, 120, 60))
        draw.text((x + 55, y + 22), f"TDP {i}", font=font, fill=(90, 60, 30), anchor="mm")
    draw.text((600, 40), "SƠ ĐỒ ĐỊA GIỚI HÀNH CHÍNH PHƯỜNG THƯỢNG THANH", font=bold, fill=(160, 20, 30), anchor="mm")
    for text, xy in (("Phường Đức Giang", (1040, 200)), ("Phường Giang Biên", (200, 90)),
                     ("Phường Ngọc Thụy", (150, 470)), ("Phường Gia Thụy", (800, 650)),
                     ("Sông Đuống", (320, 700)), ("Đường Ngô Gia Tự", (1000, 400))):
        draw.text(xy, text, font=font, fill=(60, 60, 60), anchor="mm")
    draw.rectangle((40, 720, 420, 780), fill=(255, 255, 255), outline=(120, 120, 120))
    draw.line([(60, 750), (120, 750)], fill=(200, 30, 40), width=6)
    draw.text((135, 750), "Ranh giới phường (sơ đồ minh họa)", font=ImageFont.truetype(FONT, 18), fill=(40, 40, 40), anchor="lm")
    return _png(image)


def document_pdf(issuer: str, heading: str, subject: str) -> bytes:
    """A one-page A4 PDF with the document's heading (a placeholder for the signed scan)."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    small, bold = ImageFont.truetype(FONT, 28), ImageFont.truetype(BOLD, 36)
    draw.text((320, 140), issuer, font=bold, fill="black", anchor="mm")
    draw.text((900, 140), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=ImageFont.truetype(BOLD, 26), fill="black", anchor="mm")
    draw.text((900, 190), "Độc lập – Tự do – Hạnh phúc", font=small, fill="black", anchor="mm")
    draw.text((620, 420), heading, font=bold, fill="black", anchor="mm")
    draw.text((620, 490), subject, font=small, fill="black", anchor="mm")
    draw.text((620, 900), "(Bản mẫu của cổng thông tin thử nghiệm)", font=small, fill=(90, 90, 90), anchor="mm")
    out = io.BytesIO()
    page.save(out, "PDF", resolution=150)
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="replace existing files")
    args = parser.parse_args()
    wanted = {f"gioi-thieu/anh/{name}.png": portrait for name in LEADERS}
    wanted["gioi-thieu/anh/ban-do-dia-gioi.png"] = boundary_map
    wanted.update({path: (lambda parts=parts: document_pdf(*parts)) for path, parts in DOCUMENTS.items()})
    for rel, draw in wanted.items():
        target = CONTENT / rel
        if target.exists() and not args.force:
            print(f"giữ nguyên {rel} (đã có; dùng --force để vẽ lại)")
            continue
        write_new_file(target, draw(), overwrite=args.force)
        print(f"đã vẽ {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
