"""Every step of the demo fits the screens a workshop meets — a 1024×768 projector and a
1280×800 laptop — in English and French, in normal and workshop mode: the window never has
to grow past the screen to hold a step."""

from __future__ import annotations

from tools.screenshots import shots


def test_every_step_fits_1024x768_and_1280x800_in_both_languages_and_modes() -> None:
    too_big = []
    count = 0
    for language, workshop, size, step, window in shots():
        count += 1
        width, height = window.width(), window.height()  # type: ignore[attr-defined]
        if width > size[0] or height > size[1]:
            mode = "workshop" if workshop else "normal"
            too_big.append(f"{step} {language} {mode} at {size[0]}x{size[1]}: {width}x{height}")
    assert count == 2 * 2 * 2 * 8  # languages × modes × sizes × pages (start page included)
    assert too_big == []


def test_workshop_mode_makes_every_text_larger() -> None:
    """Hints, intros and headings grow with the answer boxes (no label keeps a fixed size)."""
    from PySide6.QtWidgets import QLabel

    sizes: dict[bool, dict[str, float]] = {}
    for _language, workshop, _size, step, window in shots(("en",), ((1280, 800),)):
        if step != "profile":
            continue
        page = window.pages[step]  # type: ignore[attr-defined]
        sizes[workshop] = {
            label.text(): label.font().pointSizeF()
            for label in page.findChildren(QLabel)
            if label.text() and label.isVisibleTo(page)
        }
    assert sizes[False] and set(sizes[False]) == set(sizes[True])
    assert all(sizes[True][text] > sizes[False][text] for text in sizes[False])


def test_on_a_projector_the_kpi_step_shows_whole_figures_and_enough_rows() -> None:
    """At 1024×768 and 1280×800 in workshop mode: several rows of figures and of results on
    screen at once, no figure or date cut ("€137,6…"), every explanation tab named whole."""
    from PySide6.QtGui import QFontMetrics

    from advisor.ui.kpis.period_table import LIST_ROWS, ROWS

    wrapped = {ROWS.index(name) for name in LIST_ROWS}
    checked = 0
    for language, _workshop, size, step, window in shots(modes=(True,)):
        if step != "kpis":
            continue
        checked += 1
        where = f"{language} at {size[0]}x{size[1]}"
        page = window.pages[step]  # type: ignore[attr-defined]
        assert not page.intro.isVisible(), where  # its height goes to the tables
        figures, results = page.figure_view, page.kpi_view
        for view, least in ((figures, 6), (results, 3)):
            bottom = view.viewport().height()
            whole = [
                r for r in range(least) if view.rowViewportPosition(r) + view.rowHeight(r) <= bottom
            ]
            assert len(whole) == least, (where, view)
        metrics = QFontMetrics(figures.font())
        model = figures.model()
        for column in range(model.columnCount()):
            for row in set(range(model.rowCount())) - wrapped:
                text = str(model.index(row, column).data() or "")
                assert metrics.horizontalAdvance(text) < figures.columnWidth(column), (where, text)
        bar = page.tabs.tabBar()
        tabs_width = sum(bar.tabRect(i).width() for i in range(bar.count()))
        assert tabs_width <= page.tabs.width(), where
    assert checked == 4  # two languages × two sizes
