"""A deterministic synthetic portal for the benchmark: N Vietnamese articles of ~750 words.

Seeded, so every run (and every machine) builds the same corpus. Units and categories
come from the project's registry; dates spread over several years; every fifth article
has a cover image (a small pool of distinct images, drawn with Pillow).
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

import _bootstrap
from wardportal.dates import VIETNAM
from wardportal.frontmatter_io import render_article
from wardportal.registry import REGISTRY_PATH, load_registry
from wardportal.urls import ARTICLES_DIR
from wardportal.vntext import slugify

_SUBJECTS = ["Đảng ủy phường", "UBND phường", "Ủy ban MTTQ phường", "Đoàn thanh niên", "Hội phụ nữ",
             "Hội Cựu chiến binh", "Chi bộ tổ dân phố", "Công an phường", "Trạm y tế phường", "Ban chỉ huy quân sự"]
_ACTIONS = ["tổ chức hội nghị", "triển khai kế hoạch", "ra quân", "sơ kết công tác", "tổng kết phong trào",
            "phát động thi đua", "kiểm tra, giám sát", "tuyên truyền", "trao quà", "tập huấn"]
_TOPICS = ["vệ sinh môi trường", "chuyển đổi số", "cải cách hành chính", "an ninh trật tự", "phòng chống dịch bệnh",
           "xây dựng nông thôn mới", "an sinh xã hội", "hiến máu tình nguyện", "khuyến học khuyến tài",
           "phòng cháy chữa cháy", "văn hóa khu dân cư", "hòa giải ở cơ sở", "thủy lợi nội đồng", "sức khỏe cộng đồng"]
_PLACES = ["Thượng Thanh", "Bồ Đề", "Ngọc Lâm", "Phúc Đồng", "Gia Thụy", "Việt Hưng", "Đức Giang", "Long Biên"]
# People named in the articles: the full-name query of the benchmark (`hoang van tu`) hits a few
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đinh", "Đặng", "Vũ", "Bùi", "Ngô"]
_MIDDLE = ["Văn", "Thị", "Minh", "Quang"]
_GIVEN = ["Tư", "Thủy", "Hòa", "Lộc", "Toàn", "Bình", "Hương", "Dũng", "Lan", "Tuấn", "Hải", "Thuỷ"]
_ROLES = ["tổ trưởng tổ dân phố", "bí thư chi bộ", "chi hội trưởng phụ nữ", "trưởng ban công tác Mặt trận"]
_WORDS = ("cán bộ đảng viên nhân dân địa bàn phường tổ dân phố công tác nhiệm vụ kết quả thực hiện nghị quyết "
          "kế hoạch chỉ đạo triển khai đồng bộ hiệu quả thiết thực phong trào thi đua yêu nước xây dựng "
          "chính quyền vững mạnh đoàn kết thống nhất trách nhiệm người đứng đầu gương mẫu tiên phong "
          "hộ gia đình văn hóa an toàn sạch đẹp văn minh đô thị tuyên truyền vận động hưởng ứng tích cực "
          "đánh giá rút kinh nghiệm hạn chế nguyên nhân giải pháp khắc phục tháo gỡ khó khăn vướng mắc "
          "hoá hóa uỷ ủy thuỷ thủy khoẻ khỏe dịch vụ công trực tuyến hồ sơ thủ tục hành chính").split()


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(12, 24))
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), f"phường {rng.choice(_PLACES)}")
    return " ".join(words) + "."


def _body(rng: random.Random, words_target: int = 750) -> str:
    paragraphs, count = [], 0
    while count < words_target:
        if paragraphs and rng.random() < 0.12:
            paragraphs.append(f"## {rng.choice(_ACTIONS).capitalize()} {rng.choice(_TOPICS)}")
            continue
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
        count += len(paragraph.split())
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _person(rng: random.Random) -> str:
    """A closing paragraph naming one person (its own generator: the rest of the text is unchanged)."""
    name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
    return f"\n\nÔng (bà) {name}, {rng.choice(_ROLES)}, phát biểu ý kiến tại buổi làm việc."


def _draw_image(path: Path, rng: random.Random) -> None:
    image = Image.new("RGB", (1600, 1067), tuple(rng.randint(40, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randint(0, 1500), rng.randint(0, 1000)
        draw.rectangle([x, y, x + rng.randint(40, 300), y + rng.randint(40, 300)],
                       fill=tuple(rng.randint(0, 255) for _ in range(3)))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85)


def generate(root: Path, count: int, seed: int = 20240422, image_pool: int = 40) -> Path:
    """Write a complete portal project (mkdocs.yml aside) under root/content; returns it.

    Every fifth article has a cover from a pool of `image_pool` distinct photos (fewer for
    a small corpus): the image cache is keyed by content, so the pool is what gets processed.
    """
    image_pool = max(1, min(image_pool, count // 5))
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / REGISTRY_PATH).parent.mkdir(parents=True)
    shutil.copy(_bootstrap.CONTENT_DIR / REGISTRY_PATH, content / REGISTRY_PATH)
    registry, _ = load_registry(content)
    rng = random.Random(seed)
    images = [f"images/bench/anh-{n:03d}.jpg" for n in range(image_pool)]
    for number, name in enumerate(images):
        _draw_image(content / name, random.Random(seed + number))
    start = datetime(2021, 1, 1, 7, 0, tzinfo=VIETNAM)
    span_minutes = 5 * 365 * 24 * 60
    for number in range(count):
        moment = start + timedelta(minutes=rng.randrange(span_minutes))
        title = (f"{rng.choice(_SUBJECTS)} {rng.choice(_ACTIONS)} {rng.choice(_TOPICS)} "
                 f"tại phường {rng.choice(_PLACES)} ({number + 1})")
        meta = {"title": title, "date": moment.strftime("%Y-%m-%d %H:%M"),
                "unit": rng.choice(registry.units).id, "category": rng.choice(registry.categories).id,
                "views": rng.randint(0, 5000)}
        if number % 5 == 0:
            meta["image"] = images[number // 5 % image_pool]
            meta["image_caption"] = f"Ảnh minh họa {number + 1}"
        if number % 97 == 0:
            meta["featured"] = True
        path = content / ARTICLES_DIR / f"{moment:%Y}" / f"{moment:%m}" / f"{slugify(title)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_article(meta, _body(rng) + _person(random.Random(seed * 7 + number))), encoding="utf-8")
    return content
