"""Issue 17, items 4 and 10: a playbook (a consultant's file, or a hostile one) can neither hang
the export or the plan step, nor exhaust memory, nor print a Python repr, nor open a file
outside the playbook folders; each case reproduced small and fast."""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from advisor.cli import main
from advisor.domain.playbook_text import (
    MAX_DECIMALS,
    OUTPUT_LIMIT,
    SOURCE_LIMIT,
    TemplateRefused,
    TextContext,
    render_text,
)
from advisor.domain.project import BusinessModel, PlannedAction
from advisor.paths import PLAYBOOKS, demo_project
from advisor.storage import playbooks as storage
from advisor.storage.playbook_checks import MAX_ITEMS, MAX_TEXT, sample_contexts
from advisor.storage.playbooks import load_folder, playbook_file, read_playbook
from advisor.storage.project_file import load_project

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
GOOD = (PLAYBOOKS / "welcome-sequence.toml").read_text(encoding="utf-8")
WHY = "Customers who never feel"
CONTEXT = TextContext("en", "EUR", {"churn_rate": 7.25, "clv": 1234.6}, {"name": "Chez Léa"})


@contextmanager
def quickly(seconds: float = 1.0) -> Iterator[None]:
    started = time.monotonic()
    yield
    assert time.monotonic() - started < seconds


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _with_why(template: str) -> str:
    """The welcome playbook with ``template`` at the start of its English "why"."""
    return GOOD.replace(WHY, template.replace("\\", "\\\\").replace('"', '\\"') + WHY, 1)


def _refused(template: str, context: TextContext = CONTEXT) -> str:
    with quickly(), pytest.raises(TemplateRefused) as error:
        render_text(template, context)
    return str(error.value)


# Templates under a budget: refused when parsed, before anything runs


@pytest.mark.parametrize(
    ("template", "named"),
    [
        ("{% for a in kpi %}{% for b in kpi %}{{ a }}{% endfor %}{% endfor %}", "{% for %}"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{% macro %}"),
        ("{% call m() %}x{% endcall %}", "{% call %}"),
        ("{% for x in kpi recursive %}{{ loop(x) }}{% endfor %}", "{% for %}"),
        ("{% set x = 1 %}", "{% set %}"),
        ("{% include 'other.toml' %}", "{% include %}"),
        ("{% if false %}{{ 'a' * 1000000000 }}{% endif %}", "*"),
        ("{% if false %}{{ 10 ** 9 }}{% endif %}", "**"),
        ("{{ business.name ~ business.name }}", "~"),
        ("{{ business.name | center(1000000000) }}", "|center"),
        ("{{ '%01000000000d' | format(1) }}", "|format"),
        ("{{ business.name | indent(1000) }}", "|indent"),
        ("{{ business.name | wordwrap(5) }}", "|wordwrap"),
        ("{{ '%s' | format(kpi.items) }}", "|format"),
        ("{{ kpi.items }}", "kpi.items"),
        ("{{ kpi }}", "kpi"),
        ("{{ kpi['churn_rate'] }}", "[ ]"),
        ("{{ kpi.churn_rate.__class__ }}", "getattr"),
        ("{{ kpi.unknown_kpi | percent }}", "kpi.unknown_kpi"),
        ("{% if kpi.churn_rate is odd %}x{% endif %}", "is odd"),
        ("{% if 'a' in business.name %}x{% endif %}", "in"),
    ],
)
def test_a_loop_a_macro_arithmetic_or_a_stray_filter_is_refused_at_once(
    template: str, named: str
) -> None:
    assert f"“{named}”" in _refused(template)


def test_a_huge_constant_is_refused_even_in_a_branch_never_taken() -> None:
    assert "1,000,000,000" in _refused("{% if false %}{{ 10000000000 }}{% endif %}")
    _refused("{% if business.name == '" + "x" * 201 + "' %}y{% endif %}")


def test_a_filter_takes_only_a_small_number_of_decimals() -> None:
    assert render_text("{{ kpi.churn_rate | percent(2) }}", CONTEXT) == "7.25%"
    assert render_text("{{ kpi.clv | money(decimals=0) }}", CONTEXT) == "€1,235"
    for template in (
        f"{{{{ kpi.churn_rate | percent({MAX_DECIMALS + 1}) }}}}",
        "{{ kpi.churn_rate | number(1000000000) }}",
        "{{ kpi.churn_rate | number(kpi.clv) }}",
        "{{ kpi.churn_rate | number(width=3) }}",
        "{{ kpi.churn_rate | number(1, 2) }}",
    ):
        assert "decimals" in _refused(template)


def test_a_figure_is_printed_through_a_filter_never_raw() -> None:
    assert "percent, number or money" in _refused("{{ kpi.churn_rate }}")
    assert "business.name|percent" in _refused("{{ business.name | percent }}")


def test_nesting_deeper_than_the_budget_is_refused_without_a_recursion_error() -> None:
    deep = [
        "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}",
        "{{ " + "not " * 2000 + "business.name }}",
        "{% if " + " and ".join(["kpi.nps"] * 700) + " %}x{% endif %}",
        "{% if kpi.nps %}" * 17 + "x" + "{% endif %}" * 17,
    ]
    for template in deep:
        assert "nested too deeply" in _refused(template)


def test_the_source_and_what_it_can_print_are_bounded_before_it_runs() -> None:
    assert "10,000" in _refused("{{ business.name }}" + "x" * SOURCE_LIMIT)
    # A name holds up to 500 characters: 41 of them could print more than 20,000.
    many = "{% if business.name == 'Never' %}" + "{{ business.name }}" * 41 + "{% endif %}"
    assert "20,000" in _refused(many)
    fits = "{{ business.name }}" * 39
    long_name = TextContext("en", "EUR", {}, {"name": "n" * 10_000})
    assert len(render_text(fits, long_name)) == 39 * 500 <= OUTPUT_LIMIT


def test_an_inline_if_needs_its_else_and_comparisons_go_two_by_two() -> None:
    assert "else" in _refused("{{ business.name if kpi.churn_rate }}")
    assert "two values" in _refused("{% if 0 < kpi.churn_rate < 10 %}x{% endif %}")
    inline = "{{ business.name if business.name else 'you' }}"
    assert render_text(inline, TextContext("en", "EUR", {}, {})) == "you"


# What is allowed cannot fail on any data, whatever the branch


def test_a_comparison_with_an_unknown_figure_is_false_not_an_error() -> None:
    text = (
        "{% if business.name == 'Chez Léa' %}{% if kpi.churn_rate > 5 %}high"
        "{% elif kpi.churn_rate <= -1 %}odd{% else %}low or unknown{% endif %}{% endif %}"
    )
    unknown = TextContext("en", "EUR", {"churn_rate": None}, {"name": "Chez Léa"})
    assert render_text(text, unknown) == "low or unknown"
    assert render_text(text, CONTEXT) == "high"
    mixed = "{% if business.name > 3 %}a{% else %}b{% endif %}"
    assert render_text(mixed, CONTEXT) == "b"


def test_a_value_that_is_not_a_figure_prints_a_dash_never_a_repr() -> None:
    text = "{{ kpi.churn_rate | percent }} {{ kpi.clv | money }} {{ kpi.nps | number }}"
    figures: dict[str, Any] = {"churn_rate": {"a": 1}, "clv": math.inf, "nps": 1e300}
    assert render_text(text, TextContext("en", "EUR", figures)) == "— — —"
    facts: dict[str, Any] = {"name": None}
    assert render_text("{{ business.name }}", TextContext("en", "EUR", {}, facts)) == ""


def test_the_check_fills_templates_for_varied_businesses_in_both_languages() -> None:
    samples = sample_contexts()
    assert {c.language for c in samples} == {"en", "fr"}
    figures = [set(c.kpi.values()) for c in samples]
    for value in (None, 0.0, 1e9):
        assert {value} in figures
    assert any(v < 0 for f in figures for v in f if v is not None)
    assert any(None in f and len(f) > 1 for f in figures)  # some KPIs known, others not
    names = {c.business["name"] for c in samples}
    assert "" in names and any("<b>" in n and "&" in n for n in names)
    assert any(len(n) == 500 for n in names) and any("«" in n for n in names)
    models = {c.business["model"] for c in samples}
    assert models == {"", *(m.value for m in BusinessModel)}


def test_a_condition_on_the_business_name_hides_nothing_from_the_check(tmp_path: Path) -> None:
    hidden = "{% if business.name == 'Chez Léa' %}{{ kpi.churn_rate }}{% endif %}"
    path = _write(tmp_path, "p.toml", _with_why(hidden))
    playbook, problems = read_playbook(path)
    assert playbook is None and [p.field for p in problems] == ["why.en"]


# A playbook file in a folder: refused quickly, one problem naming the file and the field


@pytest.mark.parametrize(
    "template",
    [
        "{% for a in kpi %}{% for b in kpi %}{% for c in kpi %}x"
        "{% endfor %}{% endfor %}{% endfor %}",
        "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
        "{% if false %}{{ 'a' * 10 ** 9 }}{% endif %}",
        "{{ '%s' | format(kpi.items) }}",
    ],
)
def test_playbooks_check_refuses_a_hostile_template_quickly(
    tmp_path: Path, template: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, "hostile.toml", _with_why(template))
    with quickly(2.0):
        assert main(["playbooks", "check", str(tmp_path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "hostile.toml: why.en: template refused" in err and "Traceback" not in err


def _one_problem(path: Path) -> str:
    with quickly():
        playbook, problems = read_playbook(path)
    assert playbook is None and len(problems) == 1, problems
    assert problems[0].file == str(path)
    return problems[0].message


def test_toml_nested_thousands_deep_is_one_problem(tmp_path: Path) -> None:
    for text in (
        "x = " + "[" * 100_000 + "]" * 100_000,
        "x = " + "{a = " * 20_000 + "1" + "}" * 20_000,
        "[" + "a." * 20_000 + "a]\n",  # tomllib would need 1.5 GB for this key
        "a" + '."b"' * 20_000 + " = 1\n",
    ):
        path = _write(tmp_path, "deep.toml", text)
        assert "nested too deeply" in _one_problem(path)


def test_a_dotted_text_inside_a_string_or_a_comment_is_not_a_deep_key(tmp_path: Path) -> None:
    text = _with_why("a.b.c.d.e.f.g.h.i.j [[[[[[[[[[ ((((((((((")
    text = text.replace("[when]", "# a.b.c.d.e.f.g.h.i.j.k.l [[[[[[[[[[[\n[when]", 1)
    playbook, problems = read_playbook(_write(tmp_path, "p.toml", text))
    assert problems == [] and playbook is not None


def test_thousands_of_unknown_tables_are_one_problem(tmp_path: Path) -> None:
    text = "".join(f"[t{i}]\nx = 1\n" for i in range(5_000))
    assert "more than 1000 keys" in _one_problem(_write(tmp_path, "tables.toml", text))


def test_a_huge_file_is_refused_after_reading_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as file:
        file.write(b'x = "')
        file.truncate(100 * 1024 * 1024)  # 100 MB, sparse: never written, never read whole
    assert "too large" in _one_problem(path)


def test_a_text_or_a_list_over_its_limit_names_the_field_and_the_limit(tmp_path: Path) -> None:
    long = _with_why("word " * (MAX_TEXT // 5 + 1))
    _playbook, problems = read_playbook(_write(tmp_path, "long.toml", long))
    assert [p.field for p in problems] == ["why.en"] and str(MAX_TEXT) in problems[0].message
    items = ", ".join(['"CRM"'] * (MAX_ITEMS + 1))
    many = GOOD.replace('en = ["E-mail automation", "CRM"]', f"en = [{items}]")
    _playbook, problems = read_playbook(_write(tmp_path, "many.toml", many))
    assert [p.field for p in problems] == ["tools.en"] and str(MAX_ITEMS) in problems[0].message


def test_a_message_quotes_a_short_part_of_what_the_file_holds(tmp_path: Path) -> None:
    text = GOOD.replace('theme = "onboarding"', f'theme = "{"x" * 100_000}"')
    text = text.replace("effort = 2", "effort.a.b = 2")
    _playbook, problems = read_playbook(_write(tmp_path, "p.toml", text))
    by_field = {p.field: p.message for p in problems}
    assert len(by_field["theme"]) < 400 and "…" in by_field["theme"]
    assert "{…}" in by_field["effort"]


@posix_only
def test_a_fifo_or_a_link_to_a_device_in_a_folder_never_waits(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.toml")
    (tmp_path / "zero.toml").symlink_to("/dev/zero")
    _write(tmp_path, "good.toml", GOOD)
    with quickly():
        library = load_folder(tmp_path, user=True)
    assert [p.id for p in library.playbooks] == ["welcome-sequence"]
    assert sorted(Path(p.file).name for p in library.problems) == ["x.toml", "zero.toml"]


def test_a_folder_of_thousands_of_files_is_read_up_to_a_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "MAX_FILES", 20)
    for index in range(1_000):
        (tmp_path / f"p{index:04}.toml").write_bytes(b"x")
    with quickly():
        library = load_folder(tmp_path, user=True)
    assert len(library.problems) == 21  # 20 files read, each invalid, and the rest counted
    assert "980 more .toml files were not read" in library.problems[-1].message


def test_a_folder_is_read_up_to_a_number_of_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(5):
        _write(tmp_path, f"p{index}.toml", GOOD.replace("welcome-sequence", f"play-{index}"))
    monkeypatch.setattr(storage, "MAX_FOLDER_BYTES", 3 * (tmp_path / "p0.toml").stat().st_size)
    library = load_folder(tmp_path, user=True)
    assert len(library.playbooks) == 3
    assert "2 more .toml files were not read" in library.problems[-1].message


# Ids are ids, never paths


@pytest.mark.parametrize(
    "playbook_id",
    ["../../../../tmp/evil", "/tmp/evil", "..", "evil/../../x", "a" * 300, "Evil", "evil\n"],
)
def test_a_text_that_cannot_be_an_id_names_no_file(playbook_id: str) -> None:
    assert playbook_file(PLAYBOOKS, playbook_id) is None


def test_an_id_names_a_file_of_the_folder_only() -> None:
    assert playbook_file(PLAYBOOKS, "welcome-sequence") == PLAYBOOKS / "welcome-sequence.toml"


def test_the_pdf_reads_no_file_for_an_id_that_is_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from advisor.report.playbook_section import chosen_playbooks

    evil = _write(tmp_path, "evil.toml", GOOD.replace("welcome-sequence", "evil"))
    opened: list[Path] = []
    real = storage.read_playbook

    def spy(path: Path, user: bool = False, **options: bool):  # type: ignore[no-untyped-def]
        opened.append(Path(path))
        return real(path, user)

    monkeypatch.setattr(storage, "read_playbook", spy)
    project = load_project(demo_project("en"))
    ids = [str(evil.with_suffix("")), str(evil), "../" * 12 + str(evil)[1:-5], "a" * 300]
    ids.append("welcome-sequence")
    project.plan.actions = [PlannedAction(f"x-{i}", "x", id_) for i, id_ in enumerate(ids)]
    assert list(chosen_playbooks(project, "en", {})) == ["welcome-sequence"]
    assert opened == [PLAYBOOKS / "welcome-sequence.toml"]
