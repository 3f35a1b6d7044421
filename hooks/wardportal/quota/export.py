"""A period's or a range's figures as a terminal table, CSV, JSON or an Excel workbook
(scripts/quota.py).

Every format is built from the same rows, so they cannot disagree with each other. A range
(wardportal.quota.ranges) adds its months and the units that published nothing in it.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from wardportal.quota.ranges import RangeReport
from wardportal.quota.tally import PeriodReport, QuotaRow

FORMATS = ("table", "csv", "json", "xlsx")
HEADERS = ("Mã đơn vị", "Đơn vị", "Mã chuyên mục", "Chuyên mục", "Đã đăng", "Chỉ tiêu",
           "Chênh lệch", "Tỷ lệ (%)", "Còn thiếu", "Trạng thái")
_TABLE_COLUMNS = (1, 3, 4, 5, 6, 7, 8, 9)  # the terminal table leaves the ids out
_NUMERIC = {4, 5, 6, 7, 8}
IDLE_LABEL = "Đơn vị không đăng bài nào trong kỳ"
STATUS_FILLS = {"met": "C6EFCE", "exceeded": "BDD7EE", "behind": "FFC7CE", "no_target": "EDEDED"}


def row_values(row: QuotaRow) -> list:
    return [row.unit.id, row.unit.name, row.category.id, row.category.name, row.published, row.target,
            row.difference, row.percent, row.still_needed if row.target else None, row.status_label]


def to_json(report: PeriodReport, rows: list[QuotaRow]) -> str:
    period = report.period
    data = {"period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
            "rows": [{"unit": row.unit.id, "unit_name": row.unit.name, "category": row.category.id,
                      "category_name": row.category.name, "published": row.published, "target": row.target,
                      "difference": row.difference, "status": row.status} for row in rows]}
    if isinstance(report, RangeReport):  # a quarter, a year, --from/--to
        data["months"] = [str(month.period.month) for month in report.months]
        data["idle_units"] = [{"unit": unit.id, "unit_name": unit.name} for unit in _idle(report, rows)]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(report: PeriodReport, rows: list[QuotaRow]) -> str:
    """UTF-8 with a BOM (added by the caller's encoding) so Excel shows the diacritics."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row_values(row)])
    return "\ufeff" + buffer.getvalue()


def to_table(report: PeriodReport, rows: list[QuotaRow]) -> str:
    period = report.period
    lines = [f"Kỳ: {period.title} ({period.range_label})"]
    if isinstance(report, RangeReport):
        lines.append(f"Tổng của {len(report.months)} kỳ, mỗi kỳ so với chỉ tiêu áp dụng trong kỳ đó.")
    lines.append(f"Số liệu tính đến {report.today:%d/%m/%Y}")
    if report.is_open:
        lines.append(f"Còn {report.days_left} ngày trong kỳ.")
    cells = [[HEADERS[i] for i in _TABLE_COLUMNS]]
    cells += [["–" if value is None else str(value) for i, value in enumerate(row_values(row)) if i in _TABLE_COLUMNS]
              for row in rows]
    widths = [max(_width(line[col]) for line in cells) for col in range(len(_TABLE_COLUMNS))]
    numeric = [i in _NUMERIC for i in _TABLE_COLUMNS]
    lines.append("")
    for number, line in enumerate(cells):
        lines.append("  ".join(_pad(text, width, right and number > 0)
                               for text, width, right in zip(line, widths, numeric)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    if not rows:
        lines.append("(không có dòng nào)")
    if isinstance(report, RangeReport):
        lines.append("")
        lines.append(f"{IDLE_LABEL}: {_idle_names(report, rows)}.")
    return "\n".join(lines) + "\n"


def to_xlsx(report: PeriodReport, rows: list[QuotaRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = report.period.sheet_title
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row_values(row))
        status_cell = sheet.cell(row=sheet.max_row, column=len(HEADERS))
        status_cell.fill = PatternFill("solid", fgColor=STATUS_FILLS[row.status])
    for column, header in enumerate(HEADERS, start=1):
        values = [header] + ["" if v is None else str(v) for v in (row_values(r)[column - 1] for r in rows)]
        sheet.column_dimensions[get_column_letter(column)].width = min(60, max(len(v) for v in values) + 2)
    if isinstance(report, RangeReport):
        sheet.append([])
        sheet.append([f"{IDLE_LABEL}:", _idle_names(report, rows)])
    sheet.freeze_panes = "A2"
    workbook.properties.title = f"Chỉ tiêu bài viết – {report.period.title} ({report.period.range_label})"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(report: PeriodReport, rows: list[QuotaRow], fmt: str) -> bytes:
    if fmt == "xlsx":
        return to_xlsx(report, rows)
    text = {"table": to_table, "csv": to_csv, "json": to_json}[fmt](report, rows)
    return text.encode("utf-8")


def _idle(report, rows: list[QuotaRow]) -> list:
    """The range's idle units among the selected rows (--unit/--category narrow them)."""
    shown = {row.unit.id for row in rows}
    return [unit for unit in report.idle_units if unit.id in shown]


def _idle_names(report: RangeReport, rows: list[QuotaRow]) -> str:
    return ", ".join(unit.name for unit in _idle(report, rows)) or "không có"


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap
