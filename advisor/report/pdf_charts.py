"""Chart descriptions (:mod:`advisor.report.charts`) drawn as reportlab vector graphics.

The same :class:`ChartSpec` the app draws with QtCharts: lines over periods, dashed reference
lines labelled with their status word, so a chart still reads in black and white (the second
series is dashed with square markers, not merely another colour).
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor.domain.references import LINE_COLOURS
from advisor.i18n.message import Quantity, Unit
from advisor.report.charts import ChartSpec
from advisor.report.pdf_text import fit_line

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
INK = colors.HexColor("#222222")
GRID = colors.HexColor("#d9d9d9")
MUTED = colors.HexColor("#666666")
STATUS_COLOURS = {status: colors.HexColor(hex_) for status, hex_ in LINE_COLOURS.items()}
SERIES_DASHES: tuple[tuple[float, ...] | None, ...] = (None, (4, 2), (1, 2))


def nice_ticks(low: float, high: float, wanted: int = 5) -> list[float]:
    """Round tick values covering ``low``..``high`` (steps of 1, 2 or 5 times a power of 10)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(1, wanted - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def _broken_words(words: list[str], width: float, size: float) -> list[str]:
    """``words``, each one wider than ``width`` cut into pieces that fit, all but the last
    ending with a hyphen ("Renouvelle-", "ment"): a stage's name is wrapped, never cut."""
    pieces: list[str] = []
    for word in words:
        while stringWidth(word, FONT, size) > width and len(word) > 3:
            cut = len(word) - 1
            while cut > 2 and stringWidth(word[:cut] + "-", FONT, size) > width:
                cut -= 1
            pieces.append(word[:cut] + "-")
            word = word[cut:]
        pieces.append(word)
    return pieces


def _fit(text: str, width: float, size: float, most: int = 3) -> list[str]:
    """``text`` in at most ``most`` lines of ``width`` points, wrapped at its words (a word
    wider than the line shortened with "…")."""
    lines: list[str] = []
    current = ""
    for word in _broken_words(text.split(), width, size):
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, FONT, size) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [fit_line(line, width, FONT, size) for line in lines]


def line_chart(
    spec: ChartSpec,
    language: str,
    currency: str,
    width: float,
    height: float,
    accent: colors.Color,
) -> Drawing:
    """``spec`` as a vector drawing of ``width`` × ``height`` points."""
    drawing = Drawing(width, height, initialFontName=FONT)
    size = 7.0
    title = spec.title.render(language, currency)
    drawing.add(String(0, height - 10, title, fontName=BOLD, fontSize=8.5, fillColor=INK))

    values = [v for s in spec.series for v in s.points if v is not None]
    values += [t.value for t in spec.thresholds]
    if spec.y_range is not None:
        low, high = spec.y_range
        ticks = [float(v) for v in range(int(low), int(high) + 1)]
    else:
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
        # an amount's axis starts at zero: from €29 to €34 would make a small change look big
        start = min(low, 0.0) if spec.unit == Unit.MONEY else low - pad
        ticks = nice_ticks(start, high + pad)
        low, high = ticks[0], ticks[-1]
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    decimals = 0 if step >= 1 else 1 if step >= 0.1 else 2
    unit = spec.unit

    def label(value: float) -> str:
        return Quantity(value, unit, decimals).format(language, currency)

    tick_labels = [label(v) for v in ticks]
    left = float(max(stringWidth(t, FONT, size) for t in tick_labels)) + 6
    legend = len(spec.series) > 1 or bool(spec.thresholds)
    count = max(1, len(spec.categories))
    slot = (width - left - 4) / count
    label_lines = max((len(_fit(c, slot - 2, size)) for c in spec.categories), default=1)
    bottom = 6 + 8 * label_lines + (14 if legend else 0)
    top = height - 18
    plot_w, plot_h = width - left - 4, top - bottom

    def x_at(index: int) -> float:
        return left + slot * (index + 0.5)

    def y_at(value: float) -> float:
        return bottom + (value - low) / (high - low or 1) * plot_h

    drawing.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=GRID))
    for value, text in zip(ticks, tick_labels, strict=True):
        y = y_at(value)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(
            String(left - 3, y - 2.5, text, fontName=FONT, fontSize=size,
                   fillColor=MUTED, textAnchor="end")
        )  # fmt: skip
    for index, category in enumerate(spec.categories):
        for line_no, text in enumerate(_fit(category, slot - 2, size)):
            drawing.add(
                String(x_at(index), bottom - 9 - line_no * 8, text, fontName=FONT,
                       fontSize=size, fillColor=INK, textAnchor="middle")
            )  # fmt: skip

    for threshold in spec.thresholds:
        colour = STATUS_COLOURS.get(threshold.status, MUTED)
        y = y_at(threshold.value)
        if not bottom <= y <= top:
            continue
        drawing.add(
            Line(left, y, left + plot_w, y, strokeColor=colour, strokeWidth=0.8,
                 strokeDashArray=(2, 2))
        )  # fmt: skip
        text = threshold.label.render(language, currency)
        text_w = stringWidth(text, FONT, 6.5)
        label_left = left + plot_w - 2 - text_w - 6
        on_a_point = any(
            label_left <= x_at(i) <= left + plot_w and y - 4 <= y_at(v) <= y + 12
            for s in spec.series for i, v in enumerate(s.points) if v is not None
        )  # fmt: skip
        x, anchor = (left + 2, "start") if on_a_point else (left + plot_w - 2, "end")
        drawing.add(  # beside the data, never on a point
            String(x, y + 2, text, fontName=FONT, fontSize=6.5, fillColor=colour,
                   textAnchor=anchor)
        )  # fmt: skip

    series_colours = [accent, INK, MUTED]
    for number, series in enumerate(spec.series):
        colour = series_colours[number % len(series_colours)]
        dash = SERIES_DASHES[number % len(SERIES_DASHES)]
        run: list[float] = []
        for index, point in enumerate([*series.points, None]):
            if point is None:
                if len(run) >= 4:
                    drawing.add(
                        PolyLine(run, strokeColor=colour, strokeWidth=1.6, strokeDashArray=dash)
                    )
                run = []
                continue
            x, y = x_at(index), y_at(point)
            run += [x, y]
            drawing.add(_marker(number, x, y, colour))

    if legend:
        x = left
        y = 3.0
        entries = [
            (s.name.render(language, currency), series_colours[i % 3], SERIES_DASHES[i % 3])
            for i, s in enumerate(spec.series)
        ] if len(spec.series) > 1 else []  # fmt: skip
        entries += [
            (t.label.render(language, currency), STATUS_COLOURS.get(t.status, MUTED), (2, 2))
            for t in spec.thresholds
        ]
        for text, colour, dash in entries:
            drawing.add(
                Line(x, y + 2.5, x + 14, y + 2.5, strokeColor=colour, strokeWidth=1.4,
                     strokeDashArray=dash)
            )  # fmt: skip
            drawing.add(String(x + 17, y, text, fontName=FONT, fontSize=size, fillColor=INK))
            x += 17 + stringWidth(text, FONT, size) + 12
    return drawing


def _marker(number: int, x: float, y: float, colour: colors.Color) -> Circle | Rect:
    if number % 2 == 0:
        return Circle(x, y, 2.2, fillColor=colour, strokeColor=colour)
    return Rect(x - 2, y - 2, 4, 4, fillColor=colors.white, strokeColor=colour, strokeWidth=1)


def _shade(accent: colors.Color, share: float) -> colors.Color:
    """White at 0 %, the accent colour at 100 %: darker is better, in colour or in grey."""
    share = min(max(share, 0.0), 100.0) / 100
    return colors.Color(
        1 - (1 - accent.red) * share,
        1 - (1 - accent.green) * share,
        1 - (1 - accent.blue) * share,
    )


def heat_map(
    headers: tuple[str, str],
    rows: tuple[tuple[str, str], ...],
    offsets: tuple[str, ...],
    values: tuple[tuple[float | None, ...], ...],
    language: str,
    width: float,
    accent: colors.Color,
) -> Drawing:
    """A cohort table as shaded cells, each with its percentage written in it."""
    size = 6.5
    row_h = 14.0
    label_w = max(stringWidth(t, FONT, size) for t in (headers[0], *(r[0] for r in rows))) + 8
    count_w = max(stringWidth(t, FONT, size) for t in (headers[1], *(r[1] for r in rows))) + 8
    cell_w = (width - label_w - count_w) / max(1, len(offsets))
    height = row_h * (len(rows) + 1) + 2
    drawing = Drawing(width, height, initialFontName=FONT)
    top = height - row_h
    for text, x in ((headers[0], 0.0), (headers[1], label_w)):
        drawing.add(String(x, top + 4, text, fontName=BOLD, fontSize=size, fillColor=INK))
    for k, text in enumerate(offsets):
        x = label_w + count_w + cell_w * (k + 0.5)
        drawing.add(
            String(x, top + 4, text, fontName=BOLD, fontSize=size, fillColor=INK,
                   textAnchor="middle")
        )  # fmt: skip
    for i, ((label, count), row) in enumerate(zip(rows, values, strict=True)):
        y = top - row_h * (i + 1)
        drawing.add(String(0, y + 4, label, fontName=FONT, fontSize=size, fillColor=INK))
        drawing.add(String(label_w, y + 4, count, fontName=FONT, fontSize=size, fillColor=MUTED))
        for k, value in enumerate(row):
            if value is None:
                continue
            x = label_w + count_w + cell_w * k
            fill = _shade(accent, value)
            drawing.add(Rect(x, y, cell_w, row_h, fillColor=fill, strokeColor=colors.white,
                             strokeWidth=0.8))  # fmt: skip
            dark = 0.299 * fill.red + 0.587 * fill.green + 0.114 * fill.blue < 0.55
            text = Quantity(value, Unit.NUMBER, 0).format(language)
            drawing.add(
                String(x + cell_w / 2, y + 4, text, fontName=FONT, fontSize=size,
                       fillColor=colors.white if dark else INK, textAnchor="middle")
            )  # fmt: skip
    return drawing
