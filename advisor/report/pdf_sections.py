"""Flowables of each report section: the layout of the data in :mod:`advisor.report.model`."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from advisor.domain.references import Status
from advisor.report.model import Report
from advisor.report.orders_section import OrdersSection
from advisor.report.pdf_charts import STATUS_COLOURS, heat_map, line_chart
from advisor.report.pdf_styles import BOLD, FONT, RULE, ZEBRA, Styles
from advisor.report.pdf_text import Paragraph, esc, fit_flowables, note_suffix
from advisor.report.sections import KpiRow
from advisor.report.sections import Table as TableData
from advisor.report.typesetting import typeset

#: What a table cell holds: plain text (made a paragraph), or flowables.
Cell: TypeAlias = str | Flowable | list[Flowable]

#: Every table splits between rows, and inside a row where this reportlab can (4.1 and later);
#: without that a cell is cut to MAX_ROW_HEIGHT, which fits a Letter page under the header.
SPLIT_IN_ROW = "splitInRow" in inspect.signature(Table.__init__).parameters
SPLITS: dict[str, int] = {"splitByRow": 1, **({"splitInRow": 1} if SPLIT_IN_ROW else {})}
MAX_ROW_HEIGHT = 560.0
PADDING = 4.0


def heading(text: str, style: ParagraphStyle, level: int | None) -> Paragraph:
    """A heading; with a ``level`` it goes into the contents and the PDF bookmarks."""
    paragraph = Paragraph(esc(text), style)
    paragraph.toc_level = level
    return paragraph


def _sub(text: str, styles: Styles, need: float = 3 * 28.35) -> list[Flowable]:
    """A sub-heading that starts a new page rather than end one: it needs ``need`` points
    below it (a table's header and first rows, or a row of charts). Not keepWithNext, which
    would carry a section's first heading along with a long table and leave it alone."""
    return [CondPageBreak(need + 30), heading(text, styles.h2, 1)]


def status_markup(status: Status, text: str) -> str:
    colour = STATUS_COLOURS.get(status)
    if colour is None:
        return esc(text)
    return f'<font color="{colour.hexval()}"><b>{esc(text)}</b></font>'


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    fractions: Sequence[float],
    width: float,
    styles: Styles,
    zebra: bool = True,
) -> Table:
    """A table that splits across pages with its header repeated; every text is a paragraph,
    so it wraps inside its cell. A row taller than the room left on the page continues on the
    next one, cell by cell; where this reportlab cannot split inside a row, a cell taller than
    a page is cut to fit, with a note saying how much is left out."""
    total = sum(fractions)
    widths = [width * f / total for f in fractions]

    def cell(value: Cell, column: int, style: ParagraphStyle = styles.cell) -> Cell:
        if isinstance(value, str):
            value = typeset(value, styles.language)
            if _one_line(value, widths[column] - 2 * PADDING, style):
                return value  # drawn as it is: no paragraph to parse and break into lines
            value = Paragraph(esc(value), style)
        if SPLIT_IN_ROW:
            return value
        flowables = value if isinstance(value, list) else [value]
        inner = widths[column] - 2 * PADDING
        suffix = note_suffix(styles.language)
        return fit_flowables(flowables, inner, MAX_ROW_HEIGHT, suffix, styles.language)

    data = [[cell(h, column, styles.header_cell) for column, h in enumerate(header)]]
    data += [[cell(value, column) for column, value in enumerate(row)] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", **SPLITS)
    body, head = styles.cell, styles.header_cell
    commands: list[tuple[object, ...]] = [
        # text cells drawn as they are look as the paragraphs would: never the default Helvetica
        ("FONT", (0, 1), (-1, -1), body.fontName, body.fontSize, body.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), body.textColor),
        ("FONT", (0, 0), (-1, 0), head.fontName, head.fontSize, head.leading),
        ("TEXTCOLOR", (0, 0), (-1, 0), head.textColor),
        ("BACKGROUND", (0, 0), (-1, 0), styles.accent),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    if zebra:
        commands += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(data), 2)]
    else:
        commands.append(("LINEBELOW", (0, 1), (-1, -1), 0, colors.white))
    table.setStyle(commands)
    return table


def _one_line(text: str, width: float, style: ParagraphStyle) -> bool:
    """Whether ``text`` is one line that fits in ``width`` points in ``style``'s font."""
    return (
        not any(c in text for c in "\n\r\t")
        and stringWidth(text, style.fontName, style.fontSize) <= width
    )


def plain_table(data: TableData, fractions: Sequence[float], width: float, s: Styles) -> Table:
    return grid(data.header, data.rows, fractions, width, s)


def _bullets(items: Sequence[str], style: ParagraphStyle) -> list[Flowable]:
    return [Paragraph(esc(item), style, bulletText="•") for item in items]


def _cell_list(items: Sequence[str], styles: Styles) -> Cell:
    if not items:
        return ""  # an empty cell, never a dash standing for nothing
    return [Paragraph(esc(item), styles.cell_bullet, bulletText="•") for item in items]


def _kpi_table(rows: Sequence[KpiRow], report: Report, styles: Styles, width: float) -> Table:
    labels = report.labels
    cells = []
    for row in rows:
        title: list[Flowable] = [Paragraph(esc(row.title), styles.cell_bold)]
        title += [Paragraph("⚠ " + esc(w), styles.cell_small) for w in row.warnings]
        reference = esc(row.reference) if row.reference else "–"
        if row.source:
            reference += f'<br/><font size="7" color="#5f5f5f">{esc(row.source)}</font>'
        cells.append(
            [
                title,
                Paragraph(f"<b>{esc(row.value)}</b>", styles.cell),
                Paragraph(status_markup(row.status, row.status_text), styles.cell),
                Paragraph(reference, styles.cell),
                Paragraph(esc(row.formula), styles.cell_small),
            ]
        )
    header = (
        labels["kpi"],
        labels["value"],
        labels["status"],
        labels["reference"],
        labels["formula"],
    )
    # the value column as wide as its longest value, so "22.8 months" never breaks mid-word
    longest = max(
        (
            stringWidth(typeset(row.value, styles.language), BOLD, styles.cell.fontSize)
            for row in rows
        ),
        default=0.0,
    )
    value = max(12.0, (longest + 2 * PADDING + 2) / width * 100)
    return grid(header, cells, (24, value, 14, 27, 35 - value), width, styles)


def summary(report: Report, styles: Styles, width: float) -> list[Flowable]:
    part = report.summary
    assert part is not None
    labels = report.labels
    flow: list[Flowable] = [Paragraph(part.intro, styles.body)]
    if part.retention_type:
        flow += [heading(labels["retention_type"], styles.h2, None)]
        flow += [Paragraph(esc(part.retention_type), styles.body)]
    if part.findings:
        flow += [
            heading(labels["findings"], styles.h2, None),
            *_bullets(part.findings, styles.bullet),
        ]
    if part.snapshot:
        flow += [heading(labels["snapshot"], styles.h2, None)]
        flow += [_snapshot(part.snapshot, report, styles, width)]
    if part.top_actions:
        flow += [heading(labels["top_actions"], styles.h2, None)]
        flow += _bullets(part.top_actions, styles.bullet)
    if part.money_at_stake:
        flow += [heading(labels["money"], styles.h2, None)]
        flow += [Paragraph(part.money_at_stake, styles.callout)]
    return flow


def _snapshot(rows: Sequence[KpiRow], report: Report, styles: Styles, width: float) -> Table:
    labels = report.labels
    cells = [
        [
            Paragraph(esc(row.title), styles.cell_bold),
            Paragraph(f"<b>{esc(row.value)}</b>", styles.cell),
            Paragraph(status_markup(row.status, row.status_text), styles.cell),
            Paragraph(esc(row.reference) or "–", styles.cell),
        ]
        for row in rows
    ]
    header = (labels["kpi"], labels["value"], labels["status"], labels["reference_short"])
    return grid(header, cells, (34, 16, 18, 32), width, styles)


def kpis(report: Report, styles: Styles, width: float) -> list[Flowable]:
    part = report.kpis
    assert part is not None
    labels = report.labels
    flow: list[Flowable] = []
    if part.rows:
        flow += [Paragraph(part.intro, styles.body), _kpi_table(part.rows, report, styles, width)]
    if part.unavailable:
        flow += [Spacer(1, 6), Paragraph(f"<b>{esc(labels['unavailable'])}</b>", styles.small)]
        flow += [Paragraph(esc(line), styles.small) for line in part.unavailable]
    if part.charts:
        flow += _sub(labels["trends"], styles, need=170)
        flow.append(_chart_grid(report, styles, width))
    if part.retention_detail is not None:
        flow += _sub(labels["retention_detail"], styles)
        flow.append(plain_table(part.retention_detail, (16, 21, 21, 21, 21), width, styles))
    if part.orders is not None:
        flow += _orders(part.orders, report, styles, width)
    return flow


def _orders(part: OrdersSection, report: Report, styles: Styles, width: float) -> list[Flowable]:
    labels = report.labels
    flow: list[Flowable] = []
    if part.cohorts is not None:
        cohorts = part.cohorts
        chart = heat_map(
            (cohorts.cohort_header, cohorts.size_header),
            tuple(zip(cohorts.cohorts, cohorts.sizes, strict=True)),
            cohorts.offsets,
            cohorts.retention,
            report.language,
            width,
            styles.accent,
        )
        flow.append(CondPageBreak(3 * 28.35))
        flow.append(
            KeepTogether(
                [
                    heading(labels["cohorts"], styles.h2, 1),
                    Paragraph(esc(part.source), styles.small),
                    Spacer(1, 4),
                    chart,
                    Spacer(1, 4),
                    Paragraph(esc(cohorts.note), styles.small),
                ]
            )
        )
    if part.segments is not None:
        flow += _sub(labels["segments"], styles)
        flow.append(plain_table(part.segments, (17, 13, 13, 9, 48), width, styles))
    return flow


def _chart_grid(report: Report, styles: Styles, width: float) -> Table:
    assert report.kpis is not None
    charts = [
        line_chart(spec, report.language, report.currency, width / 2 - 8, 150, styles.accent)
        for spec in report.kpis.charts
    ]
    rows: list[list[Flowable]] = [charts[i : i + 2] for i in range(0, len(charts), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append(Spacer(1, 1))
    table = Table(rows, colWidths=[width / 2, width / 2], hAlign="LEFT", **SPLITS)
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ]
    )
    return table


def journey(report: Report, styles: Styles, width: float) -> list[Flowable]:
    part = report.journey
    assert part is not None
    flow: list[Flowable] = [Paragraph(part.intro, styles.body)]
    if part.emotion_chart is not None:
        chart = line_chart(
            part.emotion_chart, report.language, report.currency, width, 170, styles.accent
        )
        flow += [chart, Spacer(1, 8)]
    # columns that no stage fills are left out, and named once below the table
    filled = [
        any(r.touchpoints for r in part.rows),
        any(r.feeling for r in part.rows),
        any(r.frictions for r in part.rows),
        any(r.opportunities for r in part.rows),
    ]
    rows = []
    for row in part.rows:
        stage: list[Flowable] = [Paragraph(esc(row.stage), styles.cell_bold)]
        if row.moment_of_truth:
            stage[0] = Paragraph(f"★ {esc(row.stage)}", styles.cell_bold)
        if row.goal:
            stage.append(Paragraph(esc(row.goal), styles.cell_small))
        if row.owner:
            stage.append(Paragraph("→ " + esc(row.owner), styles.cell_small))
        if row.kpi:
            stage.append(Paragraph(esc(row.kpi), styles.cell_small))
        cells: list[Cell] = [
            _cell_list(row.touchpoints, styles),
            Paragraph(f"<b>{esc(row.feeling)}</b>", styles.cell) if row.feeling else "",
            _cell_list(row.frictions, styles),
            _cell_list(row.opportunities, styles),
        ]
        rows.append([stage, *(cell for cell, kept in zip(cells, filled, strict=True) if kept)])
    kept_columns = [True, *filled]
    header = [h for h, kept in zip(part.header, kept_columns, strict=True) if kept]
    fractions = [f for f, kept in zip((20, 21, 11, 24, 24), kept_columns, strict=True) if kept]
    flow.append(grid(header, rows, fractions, width, styles))
    notes = ["★ " + esc(report.labels["moment_of_truth"])]
    empty = [h for h, kept in zip(part.header[1:], filled, strict=True) if not kept]
    if empty:
        notes.append(esc(report.labels["not_filled"].format(columns=", ".join(empty))))
    flow.append(Paragraph(" · ".join(notes), styles.small))
    if part.priorities:
        flow += _sub(report.labels["priorities"], styles, need=30)
        flow += _bullets(part.priorities, styles.bullet)
    return flow


def diagnosis(report: Report, styles: Styles, width: float) -> list[Flowable]:
    part = report.diagnosis
    assert part is not None
    labels = report.labels
    flow: list[Flowable] = []
    kind = part.retention_type
    if kind is not None:
        flow += _sub(labels["retention_type"], styles)
        scores = plain_table(kind.scores, (3, 1), width * 0.45, styles)
        text: list[Flowable] = [
            Paragraph(f"<b>{esc(kind.title)}</b>", styles.body),
            Paragraph(esc(kind.description), styles.body),
        ]
        side = Table(
            [[scores, text]], colWidths=[width * 0.47, width * 0.53], hAlign="LEFT", **SPLITS
        )
        side.setStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        )
        flow.append(side)
        flow.append(
            Paragraph(f"<b>{esc(labels['how_to_count'])}</b>. {esc(kind.churn_definition)}",
                      styles.body)
        )  # fmt: skip
        flow.append(Paragraph(f"<b>{esc(labels['levers'])}</b>", styles.body))
        flow += _bullets(kind.levers, styles.bullet)
        if kind.kpis:
            flow.append(
                Paragraph(
                    labels["labelled"].format(
                        label=f"<b>{esc(labels['kpis_to_watch'])}</b>", text=esc(kind.kpis)
                    ),
                    styles.body,
                )
            )
    if part.causes is not None:
        flow += _sub(labels["causes"], styles)
        flow.append(plain_table(part.causes, (17, 10, 11, 32, 30), width, styles))
    for title, items in ((labels["mistakes"], part.mistakes), (labels["audit"], part.audit)):
        if items:
            flow += _sub(title, styles, need=30)  # a heading and its first item
            flow += _bullets(items, styles.bullet)
    return flow


def plan(report: Report, styles: Styles, width: float) -> list[Flowable]:
    part = report.plan
    assert part is not None
    flow: list[Flowable] = [Paragraph(part.intro, styles.body)]
    if part.review:  # under the intro: after the roadmap it could sit alone on a page
        review = report.labels["review"].format(date=part.review)
        flow += [Paragraph(esc(review), styles.callout), Spacer(1, 6)]
    rows = []
    for action in part.actions:
        what: list[Flowable] = [Paragraph(esc(action.title), styles.cell_bold)]
        if action.why:
            what.append(Paragraph(esc(action.why), styles.cell))
        if action.notes:
            what.append(Paragraph(esc(action.notes), styles.cell_small))
        status: list[Flowable] = [Paragraph(esc(action.status), styles.cell)]
        if action.effort:
            effort = f"{report.labels['effort']} {action.effort}"
            status.append(Paragraph(esc(effort), styles.cell_small))
        rows.append(
            [action.number, what, action.owner or "–", action.due or "–",
             action.target or "–", status]
        )  # fmt: skip
    flow.append(grid(part.header, rows, (4, 38, 14, 13, 19, 12), width, styles))
    flow += _sub(report.labels["roadmap"], styles)
    headings = [title for title, _items in part.roadmap]
    depth = max(1, *(len(items) for _title, items in part.roadmap))
    # One action per cell, so a long roadmap splits between rows like any other table.
    cells = [
        [_roadmap_cell(items, row, styles) for _title, items in part.roadmap]
        for row in range(depth)
    ]
    flow.append(grid(headings, cells, (1, 1, 1, 1), width, styles, zebra=False))
    if report.progress is not None:
        flow += _progress(report, styles, width)
    return flow


def _progress(report: Report, styles: Styles, width: float) -> list[Flowable]:
    """Progress since the last review: KPIs then and now, actions, findings, effects."""
    part = report.progress
    assert part is not None
    flow: list[Flowable] = [*_sub(part.title, styles), Paragraph(esc(part.dates), styles.small)]
    flow.append(grid(part.header, part.kpis, (40, 20, 20, 20), width, styles))
    colon = " :" if report.language == "fr" else ":"
    for label, text in (*part.actions, *part.findings):
        flow.append(Paragraph(f"<b>{esc(label)}{colon}</b> {esc(text)}", styles.body))
    flow += _bullets(part.effects, styles.bullet)
    flow.append(Paragraph(esc(part.note), styles.small))
    return flow


def _roadmap_cell(items: Sequence[str], row: int, styles: Styles) -> Cell:
    if row < len(items):
        return Paragraph(esc(items[row]), styles.cell_bullet, bulletText="•")
    return "–" if row == 0 and not items else ""


def appendix(report: Report, styles: Styles, width: float) -> list[Flowable]:
    part = report.appendix
    assert part is not None
    labels = report.labels
    flow: list[Flowable] = []
    if part.kpi_methods is not None:
        flow += _sub(labels["methods"], styles)
        flow.append(plain_table(part.kpi_methods, (25, 35, 40), width, styles))
    if part.band_sources is not None:
        flow += _sub(labels["sources"], styles)
        flow.append(plain_table(part.band_sources, (20, 22, 25, 33), width, styles))
    if part.playbooks:
        from advisor.report.pdf_playbooks import playbooks

        flow += _sub(labels["playbooks"], styles)
        flow += playbooks(part.playbooks, report, styles)
    return flow
