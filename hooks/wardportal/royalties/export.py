"""The royalty statement as a terminal table, CSV, JSON, an accounting workbook or a printable page.

Every format reads the same Statement. Money is integer đồng, shown the Vietnamese way
(`1.234.000 đ`); points keep two decimals at most.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from fractions import Fraction
from html import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from wardportal.article import format_count
from wardportal.quota.ranges import Span
from wardportal.registry import Entry
from wardportal.royalties.statement import AuthorEntry, Statement

FORMATS = ("table", "csv", "json", "xlsx", "html")
CSV_HEADERS = ("Tác giả", "Mã đơn vị", "Đơn vị", "Số bài", "Điểm", "Thành tiền (đồng)")
SHEET_HEADERS = ("STT", "Tác giả", "Bài viết", "Ngày đăng", "Loại bài", "Điểm", "Thành tiền (đ)")
SIGNERS = ("Người lập biểu", "Trưởng ban biên tập")


def money(amount: int) -> str:
    """`1234000` → `1.234.000 đ`."""
    return f"{format_count(amount)} đ"


def points_number(points: Fraction) -> float:
    return round(float(points), 2)


def points_text(points: Fraction) -> str:
    """Vietnamese decimal comma: `1,5`."""
    return decimal_text(points_number(points))


def decimal_text(number: float) -> str:
    return f"{number:g}".replace(".", ",")


def _date(article) -> str:
    return article.published.moment.strftime("%Y-%m-%d %H:%M")


def to_json(statement: Statement) -> str:
    span = statement.span
    value = statement.point_value
    data = {"period": {"start": span.start.isoformat(), "end": span.end.isoformat(), "label": _label(span)},
            "point_value": _plain(value) if value is not None else None,
            "rates": [{"from": str(months[0]), "to": str(months[-1]), "point_value": _plain(rate.point_value),
                       "fraction": _plain(rate.fraction), "rounding": rate.rounding}
                      for rate, months in statement.rates],
            "authors": [{"author": entry.name, "unit": entry.unit.id,
                         "articles": [{"url": line.article.url, "title": line.article.title,
                                       "date": _date(line.article), "type": line.type_id,
                                       "points": points_number(line.points)} for line in entry.lines],
                         "points": points_number(entry.points), "amount": entry.amount}
                        for entry in statement.authors],
            "total_points": points_number(statement.total_points), "total_amount": statement.total_amount}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _label(span: Span) -> str:
    """As quota.py's JSON: `Tháng 7/2026` for a calendar month, `20/06/2026 – 19/07/2026` for a
    month that starts on another day; a range keeps its title (`Quý III/2026`)."""
    return span.range_label if span.first == span.last and span.start.day != 1 else span.label


def _plain(value: Fraction):
    return int(value) if value.denominator == 1 else float(value)


def to_csv(statement: Statement) -> str:
    """One line per author (with the unit), UTF-8 with a BOM for Excel; amounts in whole đồng."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for entry in statement.authors:
        writer.writerow([entry.name, entry.unit.id, entry.unit.name, len(entry.lines),
                         points_number(entry.points), entry.amount])
    writer.writerow(["Tổng cộng", "", "", sum(len(e.lines) for e in statement.authors),
                     points_number(statement.total_points), statement.total_amount])
    return "\ufeff" + buffer.getvalue()


def _heading(statement: Statement) -> list[str]:
    span = statement.span
    lines = [statement.rules.portal_name, "BẢNG KÊ NHUẬN BÚT", f"Kỳ: {span.title} ({span.range_label})"]
    for rate, months in statement.rates:
        lines.append(f"Giá trị một điểm {money(round(rate.point_value))} × tỷ lệ hưởng {decimal_text(float(rate.fraction))}"
                     f" (tháng {months[0]}{f' đến {months[-1]}' if len(months) > 1 else ''}; "
                     f"làm tròn đến {format_count(rate.rounding)} đ)")
    return lines


def to_table(statement: Statement, units: list[Entry]) -> str:
    lines = _heading(statement) + [""]
    for unit, entries in statement.by_unit(units):
        lines.append(f"== {unit.name}")
        for entry in entries:
            lines.append(f"  {entry.name}: {len(entry.lines)} bài, {points_text(entry.points)} điểm, {money(entry.amount)}")
            for line in entry.lines:
                lines.append(f"    {_date(line.article)}  {line.type_id:<16} {points_text(line.points):>5}  {line.article.title}")
        lines.append(f"  Cộng {unit.name}: {points_text(_points(entries))} điểm, {money(_amount(entries))}")
        lines.append("")
    if not statement.authors:
        lines.append("(không có bài nào được tính nhuận bút trong kỳ)")
    lines.append(f"Tổng cộng: {points_text(statement.total_points)} điểm, {money(statement.total_amount)}")
    if statement.uncredited:
        lines.append(f"Lưu ý: {len(statement.uncredited)} bài không ghi tác giả (`author`), không tính nhuận bút:")
        lines += [f"  {article.source_path}" for article in statement.uncredited]
    return "\n".join(lines) + "\n"


def _points(entries: list[AuthorEntry]) -> Fraction:
    return sum((entry.points for entry in entries), Fraction(0))


def _amount(entries: list[AuthorEntry]) -> int:
    return sum(entry.amount for entry in entries)


def to_xlsx(statement: Statement, units: list[Entry], today: date) -> bytes:
    """One sheet: heading, per unit its authors' articles, author totals, unit subtotals, the grand
    total, and the signature block."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhuận bút"
    bold = Font(bold=True)
    for number, text in enumerate(_heading(statement)):
        sheet.append([text])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=number < 2, size=14 if number == 1 else 11)
    sheet.append([])
    sheet.append(SHEET_HEADERS)
    header_row = sheet.max_row
    thin = Side(style="thin")
    for cell in sheet[sheet.max_row]:
        cell.font = bold
        cell.border = Border(bottom=thin)
    counter = 0
    for unit, entries in statement.by_unit(units):
        sheet.append([None, unit.name])
        sheet.cell(row=sheet.max_row, column=2).font = bold
        for entry in entries:
            for line in entry.lines:
                counter += 1
                sheet.append([counter, entry.name, line.article.title, _date(line.article), line.type_id,
                              points_number(line.points), None])
            sheet.append([None, f"Cộng {entry.name}", None, None, None, points_number(entry.points), entry.amount])
            sheet.cell(row=sheet.max_row, column=2).font = bold
        sheet.append([None, f"Cộng đơn vị: {unit.name}", None, None, None, points_number(_points(entries)),
                      _amount(entries)])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    sheet.append([None, "TỔNG CỘNG", None, None, None, points_number(statement.total_points), statement.total_amount])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
        cell.border = Border(top=thin)
    for row in sheet.iter_rows(min_col=7, max_col=7):
        row[0].number_format = '#,##0 "đ"'
    sheet.append([])
    sheet.append([None, None, None, None, f"Ngày {today.day} tháng {today.month} năm {today.year}"])
    sheet.append([None, SIGNERS[0], None, None, SIGNERS[1]])
    for column in (2, 5):
        sheet.cell(row=sheet.max_row, column=column).font = bold
    sheet.append([None, "(Ký, ghi rõ họ tên)", None, None, "(Ký, ghi rõ họ tên)"])
    for letter, width in zip("ABCDEFG", (6, 26, 60, 17, 16, 8, 16)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=len(_heading(statement)) + 2, min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # as wide as one A4 page, as long as it takes
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{header_row}:{header_row}"  # the column headings on every printed page
    workbook.properties.title = f"Bảng kê nhuận bút – {statement.span.title}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_PRINT_CSS = """
@page { size: A4; margin: 15mm 12mm; }
body { font: 12pt/1.35 "Times New Roman", "Liberation Serif", serif; color: #000; margin: 0 auto; max-width: 190mm; }
header p { margin: 0; } h1 { font-size: 15pt; text-align: center; margin: 10pt 0 2pt; }
.period { text-align: center; margin: 0 0 8pt; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; } tr.sum td { font-weight: bold; }
h2 { font-size: 13pt; margin: 10pt 0 2pt; break-after: avoid; } tr { break-inside: avoid; }
.signatures { display: flex; justify-content: space-around; margin-top: 18pt; text-align: center; break-inside: avoid; }
.signatures p { margin: 0; } .signatures .space { height: 60pt; }
"""


def to_html(statement: Statement, units: list[Entry], today: date) -> str:
    """A self-contained A4 page to print or save as PDF (inline CSS, no script, no external file)."""
    heading = _heading(statement)
    parts = ["<!doctype html>", '<html lang="vi"><head><meta charset="utf-8">',
             f"<title>{escape(heading[1])} – {escape(statement.span.title)}</title>",
             f"<style>{_PRINT_CSS}</style></head><body>",
             f"<header><p><strong>{escape(heading[0])}</strong></p></header>",
             f"<h1>{escape(heading[1])}</h1>", f'<p class="period">{escape(heading[2])}</p>']
    parts += [f'<p class="period">{escape(text)}</p>' for text in heading[3:]]
    for unit, entries in statement.by_unit(units):
        parts.append(f"<h2>{escape(unit.name)}</h2><table><thead><tr>"
                     + "".join(f"<th>{escape(h)}</th>" for h in SHEET_HEADERS) + "</tr></thead><tbody>")
        counter = 0
        for entry in entries:
            for line in entry.lines:
                counter += 1
                parts.append(f'<tr><td class="n">{counter}</td><td>{escape(entry.name)}</td>'
                             f"<td>{escape(line.article.title)}</td><td>{escape(_date(line.article))}</td>"
                             f'<td>{escape(line.type_id)}</td><td class="n">{points_text(line.points)}</td><td></td></tr>')
            parts.append(_sum_row(f"Cộng {entry.name}", entry.points, entry.amount))
        parts.append(_sum_row(f"Cộng đơn vị: {unit.name}", _points(entries), _amount(entries)))
        parts.append("</tbody></table>")
    if not statement.authors:
        parts.append("<p>Không có bài nào được tính nhuận bút trong kỳ.</p>")
    parts.append(f"<p><strong>Tổng cộng: {points_text(statement.total_points)} điểm, "
                 f"{escape(money(statement.total_amount))}</strong></p>")
    parts.append(f'<p style="text-align:right"><em>Ngày {today.day} tháng {today.month} năm {today.year}</em></p>')
    parts.append('<div class="signatures">' + "".join(
        f'<div><p><strong>{name}</strong></p><p><em>(Ký, ghi rõ họ tên)</em></p><p class="space"></p></div>'
        for name in SIGNERS) + "</div></body></html>")
    return "\n".join(parts) + "\n"


def _sum_row(label: str, points: Fraction, amount: int) -> str:
    return (f'<tr class="sum"><td></td><td colspan="4">{escape(label)}</td>'
            f'<td class="n">{points_text(points)}</td><td class="n">{escape(money(amount))}</td></tr>')


def render(statement: Statement, units: list[Entry], fmt: str, today: date) -> bytes:
    if fmt == "xlsx":
        return to_xlsx(statement, units, today)
    if fmt == "json":
        return to_json(statement).encode("utf-8")
    if fmt == "csv":
        return to_csv(statement).encode("utf-8")
    if fmt == "html":
        return to_html(statement, units, today).encode("utf-8")
    return to_table(statement, units).encode("utf-8")
