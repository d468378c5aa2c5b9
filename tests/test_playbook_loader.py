"""Playbook files: loading, the problems a consultant is told about, user folders overriding
bundled playbooks, the ``playbooks check`` command and the template sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.cli import main
from advisor.domain.playbook_text import TemplateRefused, TextContext, render_text
from advisor.paths import PLAYBOOKS
from advisor.storage.playbooks import load_folder, load_library, read_playbook

GOOD = (PLAYBOOKS / "welcome-sequence.toml").read_text(encoding="utf-8")


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bundled_playbook_reads_in_both_languages() -> None:
    playbook, problems = read_playbook(PLAYBOOKS / "welcome-sequence.toml")
    assert problems == [] and playbook is not None
    assert playbook.title.get("fr").startswith("Séquence de bienvenue")
    assert [s.delay_days for s in playbook.steps] == [0, 7, 14, 30]
    assert str(playbook.when.kpis[0]) == "repeat_purchase_rate is worsening"
    assert str(playbook.track[0]) == "repeat_purchase_rate better"
    assert len(playbook.tools.en) == len(playbook.tools.fr) == 2


def test_problems_name_the_file_the_field_and_the_fix(tmp_path: Path) -> None:
    text = (
        GOOD.replace('theme = "onboarding"', 'theme = "onbording"')
        .replace('fr = "Séquence de bienvenue vers un premier succès"', "")
        .replace('"repeat_purchase_rate is worsening"', '"repeat_rate is worsening"')
        .replace('target = "repeat_purchase_rate better"', 'target = "csat >= 80"')
        .replace("effort = 2", "effort = 9")
        .replace('stages = ["onboarding", "purchase"]', 'stages = ["checkout"]')
    )
    path = _write(tmp_path, "bad.toml", text)
    playbook, problems = read_playbook(path)
    assert playbook is None
    by_field = {p.field: p.message for p in problems}
    assert all(p.file == str(path) for p in problems)
    assert "onboarding" in by_field["theme"]  # the fix lists the known themes
    assert "missing" in by_field["title.fr"]
    assert "repeat_rate" in by_field["when.kpis[0]"] and "churn_rate" in by_field["when.kpis[0]"]
    # A target names a goal, never a number: the fix shows how to write it.
    assert "csat good" in by_field["track[0].target"]
    assert "1–5" in by_field["effort"]
    assert "checkout" in by_field["when.stages"] and "onboarding" in by_field["when.stages"]


def test_a_toml_syntax_error_is_one_problem_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.toml", 'id = "x"\ntitle = {en = "a"')
    playbook, problems = read_playbook(path)
    assert playbook is None and len(problems) == 1 and "TOML" in str(problems[0])


def test_translations_must_have_as_many_items(tmp_path: Path) -> None:
    text = GOOD.replace('fr = ["Outil d’e-mailing automatisé", "CRM"]', 'fr = ["CRM"]')
    _playbook, problems = read_playbook(_write(tmp_path, "p.toml", text))
    assert [p.field for p in problems] == ["tools"]


def test_a_playbook_without_trigger_is_refused(tmp_path: Path) -> None:
    start, _sep, rest = GOOD.partition("[when]")
    text = start + '[when]\nretention_types = ["intentional"]\n' + rest[rest.index("[[steps]]") :]
    _playbook, problems = read_playbook(_write(tmp_path, "p.toml", text))
    assert [p.field for p in problems] == ["when"]


def test_duplicate_ids_in_a_folder_are_a_problem(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml", GOOD)
    _write(tmp_path, "b.toml", GOOD)
    library = load_folder(tmp_path)
    assert len(library.playbooks) == 1
    assert library.problems[0].field == "id" and "a.toml" in library.problems[0].message


def test_a_user_folder_overrides_a_bundled_playbook_by_id_and_adds_its_own(
    tmp_path: Path,
) -> None:
    mine = GOOD.replace(
        'en = "Welcome sequence to a first success"', 'en = "Our house welcome call"'
    )
    _write(tmp_path, "ours.toml", mine)
    _write(tmp_path, "extra.toml", GOOD.replace('id = "welcome-sequence"', 'id = "house-method"'))
    library = load_library(tmp_path)
    welcome = library.get("welcome-sequence")
    assert welcome is not None and welcome.user and welcome.title.en == "Our house welcome call"
    assert [p.id for p in library.playbooks].count("welcome-sequence") == 1
    assert library.get("house-method") is not None


def test_playbooks_check_exits_2_with_the_list_of_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, "a.toml", GOOD.replace("impact = 4", "impact = 0"))
    _write(tmp_path, "b.toml", "not = [toml")
    assert main(["playbooks", "check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "2 problems" in err and "a.toml: impact" in err and "b.toml" in err


def test_playbooks_check_of_the_bundled_library_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["playbooks", "check"]) == 0
    assert "all valid" in capsys.readouterr().out


# The sandbox

CONTEXT = TextContext("fr", "EUR", {"churn_rate": 7.2, "clv": 1234.6}, {"name": "Chez Léa"})


def test_templates_use_the_business_figures_formatted_for_the_language() -> None:
    text = "{{ business.name }} : {{ kpi.churn_rate | percent }}, {{ kpi.clv | money }}"
    assert render_text(text, CONTEXT) == "Chez Léa : 7,2\u202f%, 1\u202f235\u202f€"
    english = TextContext("en", "EUR", {"churn_rate": None})
    assert render_text("{{ kpi.churn_rate | percent }}", english) == "—"


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ kpi.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ lipsum.__globals__['os'].listdir('/') }}",
        "{% set x = kpi.update({'churn_rate': 0}) %}{{ x }}",
        "{{ self.__init__.__globals__ }}",
        "{{ kpi.unknown_kpi }}",
        "{{ kpi.churn_rate | attr('__class__') }}",
    ],
)
def test_a_malicious_or_unknown_template_is_refused(template: str) -> None:
    with pytest.raises(TemplateRefused):
        render_text(template, CONTEXT)


def test_a_malicious_template_in_a_file_is_a_problem_and_never_runs(tmp_path: Path) -> None:
    evil = GOOD.replace(
        "Customers who never feel",
        "{{ ''.__class__.__mro__[1].__subclasses__() }} Customers who never feel",
    )
    playbook, problems = read_playbook(_write(tmp_path, "evil.toml", evil))
    assert playbook is None
    assert [p.field for p in problems] == ["why.en"] and "refused" in problems[0].message
