"""The plan of the portal's own pages (Văn bản, Lịch công tác, Liên hệ, Sơ đồ cổng) and what
the home page shows of them: ListingPages like the news lists, built once per build."""

from __future__ import annotations

from datetime import date

from wardportal import urls
from wardportal.index import ArticleIndex
from wardportal.listings import ListingPage
from wardportal.portal.contact import Contact
from wardportal.portal.documents import DOCUMENTS_DIR, DocumentSet
from wardportal.portal.schedule import Schedule

DOCUMENTS_URL = f"{DOCUMENTS_DIR}/"
SCHEDULE_URL = "lich-cong-tac/"
CONTACT_URL = "lien-he/"
SITEMAP_URL = "so-do-cong/"
INTRO_URL = "gioi-thieu/"
HOME_DOCUMENTS = 5
HOME_NEXT = 4


def type_url(type_id: str) -> str:
    return f"{DOCUMENTS_DIR}/loai/{type_id}/"


def year_url(year: int) -> str:
    return f"{DOCUMENTS_DIR}/nam/{year}/"


def plan_section_pages(index: ArticleIndex, documents: DocumentSet, schedule: Schedule, contact: Contact,
                       today: date, intro_pages: list[tuple[str, str]]) -> list[ListingPage]:
    """Every page of the portal's own sections, in a stable order."""
    filters = {"types": [(t, len(docs)) for t, docs in documents.by_type() if docs],
               "years": [(year, len(docs)) for year, docs in documents.by_year()]}
    pages = [ListingPage("documents", DOCUMENTS_URL, "Văn bản", total_articles=len(documents.documents),
                         data={**filters, "documents": documents.documents, "current": None,
                               "description": "Văn bản chỉ đạo, điều hành, thông báo, kế hoạch của phường."})]
    for kind, docs in documents.by_type():
        if docs:
            pages.append(ListingPage("documents", type_url(kind.id), f"Văn bản: {kind.name}",
                                     data={**filters, "documents": docs, "current": kind.id,
                                           "description": f"{kind.name} do phường ban hành, mới nhất trước."}))
    for year, docs in documents.by_year():
        pages.append(ListingPage("documents", year_url(year), f"Văn bản năm {year}",
                                 data={**filters, "documents": docs, "current": year,
                                       "description": f"Văn bản phường ban hành năm {year}, mới nhất trước."}))
    for document in documents.documents:
        related = index.by_slug.get(document.article) if document.article else None
        pages.append(ListingPage("document", document.url, document.number,
                                 data={"document": document, "related": related,
                                       "description": f"{document.type.name} số {document.number} ngày "
                                                      f"{document.date_label}: {document.title}"}))
    current, upcoming, past = schedule.split(today)
    pages.append(ListingPage("schedule", SCHEDULE_URL, "Lịch công tác tuần",
                             data={"week": current, "upcoming": upcoming, "past": past, "today": today,
                                   "description": "Lịch công tác tuần của lãnh đạo Đảng ủy, HĐND, UBND phường."}))
    for week in schedule.weeks:
        pages.append(ListingPage("schedule", week.url, f"Lịch công tác {week.label}",
                                 data={"week": week, "upcoming": [], "past": [], "today": today, "archived": True,
                                       "description": f"Lịch công tác của lãnh đạo phường, {week.label}."}))
    pages.append(ListingPage("intro", INTRO_URL, "Giới thiệu",
                             data={"intro": intro_pages, "description": "Giới thiệu phường: tổ chức bộ máy, "
                                                                        "lãnh đạo, lịch sử, văn hóa, địa giới."}))
    pages.append(ListingPage("contact", CONTACT_URL, "Liên hệ",
                             data={"contact": contact, "description": f"Địa chỉ, điện thoại, thư điện tử của "
                                                                      f"{contact.body or 'Ban biên tập'}."}))
    pages.append(ListingPage("sitemap", SITEMAP_URL, "Sơ đồ cổng",
                             data={"intro": intro_pages, "categories": index.registry.categories,
                                   "units": index.registry.units, "types": filters["types"],
                                   "doc_years": filters["years"], "years": index.years(),
                                   "weeks": schedule.weeks[:12], "links": contact.links,
                                   "description": "Sơ đồ cổng: mọi mục, chuyên mục, đơn vị và lưu trữ của cổng."}))
    return pages


def extend_home(home: ListingPage, index: ArticleIndex, documents: DocumentSet, contact: Contact) -> None:
    """The news front page: lead story (featured first), the next few, newest documents, links."""
    featured = home.data.get("featured") or []
    lead = featured[0] if featured else (index.articles[0] if index.articles else None)
    following = [a for a in featured[1:] if a is not lead][:HOME_NEXT]
    for article in index.latest(HOME_NEXT + 1):
        if len(following) >= HOME_NEXT:
            break
        if article is not lead and article not in following:
            following.append(article)
    home.data.update({"lead": lead, "next": following, "documents": documents.latest(HOME_DOCUMENTS),
                      "links": contact.links})


def sitemap_sections() -> list[tuple[str, str]]:
    """The portal's top-level sections, as the menu and the site map name them."""
    return [("Trang chủ", ""), ("Giới thiệu", INTRO_URL), ("Tin tức", urls.categories_index()),
            ("Văn bản", DOCUMENTS_URL), ("Lịch công tác", SCHEDULE_URL), ("Liên hệ", CONTACT_URL),
            ("Sơ đồ cổng", SITEMAP_URL), ("Đơn vị", urls.units_index()), ("Lưu trữ", urls.archive_index()),
            ("Thống kê", urls.stats_index())]
