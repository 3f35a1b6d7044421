"""Property: whatever the body text, an import keeps every body word, in order, as readers see it.

Each generated article goes through the whole importer (decode, layout, convert, atomic write),
is read back through frontmatter_io and rendered with the portal's Markdown extensions.
"""

import html
import re
import tempfile
import unicodedata
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardportal.frontmatter_io import read_article_file
from wardportal.legacy.importer import ExistingArticles, ImportOptions, import_file
from wardportal.registry import Registry, load_registry
from conftest import FIXTURE_REGISTRY

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
SYMBOLS = "0123456789.,;:!?()[]{}*_`#<>&|-+=~'\"“”…/%\\"
SPACES = st.sampled_from([" ", "  ", "\u00a0", " \u00a0 ", "\t"])

word = st.text(alphabet=LETTERS + SYMBOLS, min_size=1, max_size=10)
line = st.lists(word, min_size=1, max_size=12)
paragraph = st.lists(line, min_size=1, max_size=3)
body = st.lists(paragraph, min_size=1, max_size=6)
CLOSING = "Bài viết kết thúc tại đây."
BYLINE = "Phạm Minh Khoa (Đoàn thanh niên phường)"


def _registry() -> Registry:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "_portal").mkdir()
        (Path(folder) / "_portal" / "registry.yml").write_text(FIXTURE_REGISTRY, encoding="utf-8")
        registry, problems = load_registry(Path(folder))
    assert not problems
    return registry


REGISTRY = _registry()
HEADERS = {
    "A": "các bài viết chuyên sâu\n\nTiêu đề bài thử\nNgày đăng 03/05/2024 | 10:30\u00a0 | Lượt xem: 1.204\n",
    "B": "Tiêu đề bài thử\nEmailPrintAa\n10:30 03/05/2024\n",
    "C": "Tiêu đề bài thử\nChào mừng bạn đến với Cổng TTĐT\nTiêu đề bài thử\n  •\u00a0 UBND phường\n"
         "  •\u00a0 03/05/2024\n  • A- A A+\n",
}
TRAILERS = {"A": "", "B": f"\n{BYLINE}\n\n\n    Ý kiến bạn đọc\n", "C": "\n\u00a0\nChung nhan Tin Nhiem Mang\n"}


def _join(draw_spaces, words):
    return "".join(w + (draw_spaces() if i < len(words) - 1 else "") for i, w in enumerate(words))


def rendered_words(markdown_text: str) -> list[str]:
    rendered = markdown.markdown(markdown_text, extensions=[e if isinstance(e, str) else next(iter(e))
                                                            for e in EXTENSIONS])
    return html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.sampled_from("ABC"), paragraphs=body, data=st.data(),
       decomposed=st.booleans(), crlf=st.booleans())
def test_import_keeps_every_body_word(layout, paragraphs, data, decomposed, crlf):
    def spaces():
        return data.draw(SPACES)

    blocks = ["\n".join(spaces() + _join(spaces, words) for words in lines)
              for lines in paragraphs]
    text = HEADERS[layout] + "\n" + "\n\n".join(blocks) + f"\n\n{CLOSING}\n" + TRAILERS[layout]
    if decomposed:
        text = unicodedata.normalize("NFD", text)
    raw = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bai.txt"
        source.write_bytes(raw)
        options = ImportOptions(REGISTRY, Path(folder) / "bai-viet", unit=REGISTRY.unit("ubnd"),
                                category=REGISTRY.category("tin-hoat-dong"))
        result = import_file(source, "bai.txt", options, ExistingArticles())
        assert result.status == "imported", result.problems
        article = read_article_file(result.output)
    expected = [unicodedata.normalize("NFC", w) for lines in paragraphs for words in lines for w in words]
    assert rendered_words(article.body) == expected + CLOSING.split()
    if layout == "B":
        assert article.meta["author"] == "Phạm Minh Khoa" and article.meta["unit"] == "doan-thanh-nien"
