"""MkDocs side of the portal's own sections: take document files out of MkDocs' page loop and
read them once per build (read_sections), then plan the generated pages from the article index
(section_pages, wardportal.portal.sections): again whenever the index changes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from wardportal.frontmatter_io import parse_article_text
from wardportal.index import ArticleIndex
from wardportal.listings import ListingPage
from wardportal.portal.contact import Contact
from wardportal.portal.documents import DocumentSet, is_document_path, load_types, read_documents
from wardportal.portal.schedule import Schedule, load_schedule
from wardportal.portal.sections import INTRO_URL, extend_home, plan_section_pages
from wardportal.problems import ContentError, Problem
from wardportal.registry import Registry

# Generated pages shown full width: the navigation sidebar beside them would be empty
WIDE_KINDS = frozenset({"home", "categories", "category", "units", "unit", "archive", "month",
                        "documents", "document", "schedule", "contact", "sitemap", "intro"})


@dataclass
class SectionPlan:
    """What the sections' pages are planned from: read once per build."""

    documents: DocumentSet = field(default_factory=DocumentSet)
    schedule: Schedule = field(default_factory=Schedule)
    intro: list[tuple[str, str]] = field(default_factory=list)  # (title, URL) of the Giới thiệu pages
    problems: list[Problem] = field(default_factory=list)


def read_sections(files: Files, config: MkDocsConfig, index: ArticleIndex, registry: Registry) -> SectionPlan:
    """Documents read (their files leave MkDocs' page loop), the schedule and the intro pages."""
    content = Path(config.docs_dir)
    doc_files = [f for f in files.documentation_pages() if is_document_path(f.src_uri)]
    for file in doc_files:
        files.remove(file)
    types, problems = load_types(content)

    def attachment_size(path: str) -> int | None:
        file = files.get_file_from_path(path)
        return os.path.getsize(file.abs_src_path) if file is not None and file.abs_src_path else None

    documents = read_documents([(f.src_uri, lambda f=f: f.content_bytes) for f in doc_files], types, registry,
                               attachment_size, set(index.by_slug))
    schedule = load_schedule(content)
    return SectionPlan(documents, schedule, intro_pages(files), problems + documents.problems + schedule.problems)


def section_pages(plan: SectionPlan, index: ArticleIndex, contact: Contact, listings: list[ListingPage],
                  today) -> list[ListingPage]:
    """The sections' pages, and the home page in `listings` given its lead story, documents and links."""
    home = next((page for page in listings if page.kind == "home"), None)
    if home is not None:
        extend_home(home, index, plan.documents, contact)
    return plan_section_pages(index, plan.documents, plan.schedule, contact, today.date(), plan.intro)


def intro_pages(files: Files) -> list[tuple[str, str]]:
    """(title, URL) of the hand-written Giới thiệu pages, index first."""
    found = [f for f in files.documentation_pages() if f.src_uri.startswith(INTRO_URL)]
    found.sort(key=lambda f: (f.src_uri != INTRO_URL + "index.md", f.src_uri))
    return [(_title(f.content_string, f.src_uri) or f.name, f.url) for f in found]


def _title(text: str, path: str) -> str:
    """As MkDocs titles the page: front-matter `title` (the editor writes it), else the first `# ` heading."""
    try:
        title = str(parse_article_text(text, path).meta.get("title") or "").strip()
    except ContentError:  # hand-written pages need no front matter
        title = ""
    return title or next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), "")


def intro_nav(docs_dir: str) -> list[str]:
    """The Giới thiệu pages for the menu (before MkDocs lists files: read the folder)."""
    folder = Path(docs_dir) / INTRO_URL
    names = sorted(p.name for p in folder.glob("*.md") if p.name != "index.md") if folder.is_dir() else []
    return [INTRO_URL + name for name in ["index.md", *names]]  # index.md is generated when missing
