"""The plan of the "Thống kê" pages: index, one page per period, quarter and year totals,
year overviews, unit histories.

Pure data as wardportal.listings.ListingPage objects (kind `stats-…` picks the template
ward/stats-….html); the hook registers them like every other listing page.
"""

from __future__ import annotations

from itertools import groupby

from wardportal import urls
from wardportal.listings import ListingPage
from wardportal.quota.ranges import RangeReport, quarter_of, quarter_span, range_report, year_span
from wardportal.quota.svg import Bar, bar_chart
from wardportal.quota.tally import Figure, PeriodReport, QuotaTally
from wardportal.registry import Entry, YearMonth


def plan_stats_pages(tally: QuotaTally) -> list[ListingPage]:
    months = tally.months()
    reports = {month: tally.report(month) for month in months}
    years = [(year, list(group)) for year, group in groupby(months, key=lambda m: m.year)]
    totals = {year: _year_totals(tally, year, year_months) for year, year_months in years}
    pages = [_index(tally, reports, years, totals)]
    for position, month in enumerate(months):
        previous = months[position - 1] if position else None
        following = months[position + 1] if position + 1 < len(months) else None
        pages.append(_period_page(reports[month], tally, previous, following))
    for year, year_months in years:
        pages.append(_year_page(year, reports, tally, totals[year]))
        pages += [_range_page(report, url, set(months)) for _, url, report in totals[year]]
    for unit in tally.registry.units:
        if any(unit.exists_in(month) for month in months):
            pages.append(_unit_page(unit, months, reports))
    return pages


def period_url(month: YearMonth) -> str:
    return urls.stats_period(month.year, month.month)


def _year_totals(tally: QuotaTally, year: int, months: list[YearMonth]) -> list[tuple[str, str, RangeReport]]:
    """(title, url, report) of each quarter with a counted period, then of the whole year."""
    quarters = sorted({quarter_of(month) for month in months})
    spans = [(quarter_span(year, q, tally.start_day), urls.stats_quarter(year, q)) for q in quarters]
    spans.append((year_span(year, tally.start_day), urls.stats_year_total(year)))
    return [(span.title, url, range_report(tally, span)) for span, url in spans]


def _index(tally: QuotaTally, reports: dict[YearMonth, PeriodReport], years, totals) -> ListingPage:
    current = reports[tally.current_month]
    overview = [(year, urls.stats_year(year), [(month, period_url(month), reports[month].total) for month in months],
                 [(title, url, report.total) for title, url, report in totals[year]])
                for year, months in reversed(years)]
    units = [(unit, urls.stats_unit(unit.id)) for unit in tally.registry.units
             if any(unit.exists_in(month) for month in reports)]
    return ListingPage("stats", urls.stats_index(), "Thống kê",
                       data={"current": current, "current_url": period_url(current.period.month),
                             "years": overview, "units": units, "today": tally.today})


def _period_page(report: PeriodReport, tally: QuotaTally, previous: YearMonth | None,
                 following: YearMonth | None) -> ListingPage:
    month = report.period.month
    return ListingPage("stats-period", period_url(month), f"Thống kê {report.period.title}",
                       total_articles=report.total.published,
                       data={"report": report, "today": tally.today,
                             "is_current": month == tally.current_month,
                             "previous_url": period_url(previous) if previous else None,
                             "next_url": period_url(following) if following else None,
                             "year_url": urls.stats_year(month.year), "index_url": urls.stats_index(),
                             "quarter_url": urls.stats_quarter(month.year, quarter_of(month)),
                             "quarter_title": quarter_span(month.year, quarter_of(month)).title,
                             "year_total_url": urls.stats_year_total(month.year),
                             "unit_urls": {unit.id: urls.stats_unit(unit.id) for unit in report.units}})


def _year_page(year: int, reports: dict[YearMonth, PeriodReport], tally: QuotaTally,
               totals: list[tuple[str, str, RangeReport]]) -> ListingPage:
    """Units × months, then units × quarters; a unit's year figure is the year range's."""
    columns = [YearMonth(year, number) for number in range(1, 13)]
    whole_year = totals[-1][2]
    rows = []
    for unit in tally.registry.units:
        cells = [_unit_figure(reports.get(month), unit) for month in columns]
        if any(cell is not None for cell in cells):
            quarters = [_unit_figure(report, unit) for _, _, report in totals[:-1]]
            rows.append((unit, urls.stats_unit(unit.id), cells, quarters, _unit_figure(whole_year, unit)))
    return ListingPage("stats-year", urls.stats_year(year), f"Thống kê năm {year}",
                       data={"year": year, "today": tally.today, "index_url": urls.stats_index(),
                             "columns": [(month, period_url(month) if month in reports else None) for month in columns],
                             "totals": [(title, url) for title, url, _ in totals], "rows": rows})


def _range_page(report: RangeReport, url: str, counted: set[YearMonth]) -> ListingPage:
    """A quarter's or a year's units × categories: the sums `scripts/quota.py --quarter/--year`
    gives. Its months link to their pages; those not yet come (or before the first article) have none."""
    months = [(month.period, period_url(month.period.month) if month.period.month in counted else None, month.total)
              for month in report.months]
    year = report.period.first.year
    return ListingPage("stats-range", url, f"Thống kê {report.period.title}", total_articles=report.total.published,
                       data={"report": report, "today": report.today, "months": months,
                             "year_url": urls.stats_year(year), "index_url": urls.stats_index(),
                             "unit_urls": {unit.id: urls.stats_unit(unit.id) for unit in report.units}})


def _unit_page(unit: Entry, months: list[YearMonth], reports: dict[YearMonth, PeriodReport]) -> ListingPage:
    history = []
    for year, group in groupby((m for m in months if unit.exists_in(m)), key=lambda m: m.year):
        points = [(month, period_url(month), _unit_figure(reports[month], unit)) for month in group]
        bars = [Bar(f"T{month.month}", f"{reports[month].period.title}: {_fraction(figure)} – {figure.status_label}",
                    figure.published, figure.target, figure.status) for month, _, figure in points]
        chart = bar_chart(bars, f"{unit.name}: số bài đã đăng theo tháng, năm {year}")
        history.append((year, chart, points))
    return ListingPage("stats-unit", urls.stats_unit(unit.id), f"Thống kê – {unit.name}", entry=unit,
                       data={"history": list(reversed(history)), "index_url": urls.stats_index(),
                             "today": next(iter(reports.values())).today if reports else None})


def _unit_figure(report: PeriodReport | None, unit: Entry) -> Figure | None:
    if report is None or not any(tracked.id == unit.id for tracked in report.units):
        return None
    return report.unit_total(unit.id)


def _fraction(figure: Figure) -> str:
    return f"{figure.published}/{figure.target}" if figure.target else f"{figure.published} bài"
