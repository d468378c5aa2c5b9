"""French as a French reader expects it: a no-break space before ``: ; ! ?`` and inside « »,
a narrow one between a number and ``%``, in every translated text and every playbook as the
app shows them, and lists of clauses joined the way each language writes them."""

from __future__ import annotations

import re

import pytest

from advisor.domain.findings import findings
from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.project import Project
from advisor.i18n import translator
from advisor.i18n.catalog import CONTEXT_SEPARATOR
from advisor.i18n.formatting import join_clauses, lower_first
from advisor.storage.playbooks import bundled_library
from tests.factories import references_for

NBSP = "\u00a0"
NNBSP = "\u202f"
#: What may stand before each mark: only a no-break space before ``:``, either no-break space
#: before ``; ! ?`` (the narrow one is the finer typesetting).
ALLOWED_BEFORE = {":": (NBSP,), ";": (NBSP, NNBSP), "!": (NBSP, NNBSP), "?": (NBSP, NNBSP)}
INSIDE_QUOTES = (NBSP, NNBSP)
#: A mark standing for a status ("! to watch", "✓ good, ! to watch", "« ? check »"), not
#: ending a clause, follows the start of the text, a comma, an opening bracket or quote.
_SYMBOL_AFTER = ",(«"


def _inside_braces(text: str) -> list[bool]:
    """For each character, whether it is inside ``{…}``: a placeholder (``{value!r}``) or a
    Jinja2 tag (``{% if x %}``), which are code, not French."""
    depth, inside = 0, []
    for char in text:
        if char == "{":
            depth += 1
        inside.append(depth > 0)
        if char == "}" and depth:
            depth -= 1
    return inside


def _show(text: str, index: int) -> str:
    """The text around ``index``, with the spaces made visible: ⍽ no-break, ‿ narrow."""
    around = text[max(0, index - 25) : index + 20]
    return "…" + around.replace(NBSP, "⍽").replace(NNBSP, "‿") + "…"


def _is_code_or_number(text: str, index: int) -> bool:
    mark = text[index]
    before, after = text[:index].rstrip(" " + NBSP + NNBSP), text[index + 1 :]
    if mark == ":":
        if after.startswith("//"):
            return True  # https://
        if before[-1:].isdigit() and after.lstrip(" " + NBSP)[:1].isdigit():
            return True  # 10:30, a 3 : 1 ratio
        if before[-1:].isupper() and after[:1].isupper():
            return True  # LTV:CAC
    if mark == ";" and (after.startswith(";") or text[index - 1 : index] == ";"):
        return True  # a Qt file filter: "*.csv);;All files"
    return not before or before[-1] in _SYMBOL_AFTER


def typography_problems(text: str) -> list[str]:
    """What a French typesetter would correct in ``text``, each with the text around it."""
    problems = []
    braces = _inside_braces(text)
    for index, char in enumerate(text):
        if braces[index]:
            continue
        if char in ALLOWED_BEFORE and not _is_code_or_number(text, index):
            before = text[index - 1]
            if before not in ALLOWED_BEFORE[char]:
                kind = "an ordinary space" if before == " " else "no space"
                problems.append(f"{kind} before “{char}”: {_show(text, index)}")
        elif char == "«" and text[index + 1 : index + 2] not in INSIDE_QUOTES:
            problems.append(f"no no-break space after «: {_show(text, index)}")
        elif char == "»" and text[index - 1 : index] not in INSIDE_QUOTES:
            problems.append(f"no no-break space before »: {_show(text, index)}")
        elif char == "%" and index > 1 and text[index - 1] == " " and text[index - 2].isdigit():
            problems.append(f"an ordinary space between a number and %: {_show(text, index)}")
    return problems


def _french_catalogue() -> dict[str, list[str]]:
    return translator("fr").messages


def test_every_french_translation_is_typeset() -> None:
    catalogue = _french_catalogue()
    assert len(catalogue) > 1000  # the real catalogue was read
    problems = [
        f"msgid {key.replace(CONTEXT_SEPARATOR, ' | ')!r}: {problem}"
        for key, forms in catalogue.items()
        for form in forms
        for problem in typography_problems(form)
    ]
    assert problems == []


def _playbook_french_texts() -> list[tuple[str, str, str]]:
    """(file, field, French text) for every text a playbook shows."""
    texts = []
    for playbook in bundled_library().playbooks:
        fields = {
            "title": playbook.title,
            "summary": playbook.summary,
            "why": playbook.why,
            "ethics": playbook.ethics,
        }
        for name, text in fields.items():
            if text is not None:
                texts.append((playbook.origin, name, text.fr))
        for number, step in enumerate(playbook.steps, 1):
            texts.append((playbook.origin, f"steps[{number}].title", step.title.fr))
            if step.detail is not None:
                texts.append((playbook.origin, f"steps[{number}].detail", step.detail.fr))
        for name, items in (("tools", playbook.tools), ("pitfalls", playbook.pitfalls)):
            texts += [(playbook.origin, f"{name}[{i}]", item) for i, item in enumerate(items.fr, 1)]
    return texts


def test_every_french_playbook_text_is_typeset_as_shown() -> None:
    texts = _playbook_french_texts()
    assert len(texts) > 300  # every bundled playbook was read
    problems = [
        f"{file} {field}: {problem}"
        for file, field, text in texts
        for problem in typography_problems(text)
    ]
    assert problems == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Attrition : 5 %", ["an ordinary space before “:”", "an ordinary space between"]),
        ("Attrition: 5\u202f%", ["no space before “:”"]),
        ("Vraiment ?", ["an ordinary space before “?”"]),
        ("« Activation »", ["no no-break space after «", "no no-break space before »"]),
        (
            "Attrition\u00a0: « {kpi} » ; ok\u202f!",
            ["no no-break space after «", "no no-break", "an ordinary space before “;”"],
        ),
    ],
)
def test_the_check_finds_what_a_typesetter_would_correct(text: str, found: list[str]) -> None:
    problems = typography_problems(text)
    assert len(problems) == len(found)
    assert all(p.startswith(f) for p, f in zip(problems, found, strict=True))


@pytest.mark.parametrize(
    "text",
    [
        "Voir https://example.com, ouvert de 10:30 à 12:00, LTV:CAC, un ratio 3 : 1",
        "trouvé {value!r}\u00a0; {x:.1f}{% if a %}\u00a0: {{ b }}{% endif %}",
        "Exports (*.csv);;Tous les fichiers (*)",
        "! à surveiller",
        "✓ bon, ! à surveiller, « ? chiffres à vérifier »".replace("« ", "«\u00a0").replace(
            " »", "\u00a0»"
        ),
        "Taux\u00a0: 12,5\u202f% ; vraiment\u202f?".replace(" ;", "\u202f;"),
    ],
)
def test_the_check_leaves_code_numbers_and_marks_alone(text: str) -> None:
    assert typography_problems(text) == []


def test_french_joins_clauses_with_a_no_break_space_and_goes_on_in_lower_case() -> None:
    joined = join_clauses(
        ["Beaucoup n’achètent jamais une deuxième fois.", "Peu de deuxièmes commandes"], "fr"
    )
    assert joined == (
        "Beaucoup n’achètent jamais une deuxième fois\u00a0; peu de deuxièmes commandes"
    )
    assert typography_problems(joined) == []


def test_english_joins_clauses_with_a_semicolon() -> None:
    assert join_clauses(["x", "y"], "en") == "x; y"
    assert join_clauses(["Many buy once.", "Few second orders."], "en") == (
        "Many buy once; few second orders."
    )
    assert join_clauses(["", "Only one"], "en") == "Only one"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NPS below zero", "NPS below zero"),
        ("CSAT at 60 %", "CSAT at 60 %"),
        ("PrestaShop names customers", "PrestaShop names customers"),
        ("I think so", "I think so"),
        ("A low share", "a low share"),
        ("À votre portée", "à votre portée"),
        ("L’attrition monte", "l’attrition monte"),
        ("« Activation » jugée forte", "« Activation » jugée forte"),
    ],
)
def test_a_clause_goes_lower_case_unless_it_starts_with_an_acronym_or_a_name(
    text: str, expected: str
) -> None:
    assert lower_first(text) == expected


def test_a_failed_loyalty_item_is_named_as_the_problem_not_the_practice() -> None:
    french = _french_catalogue()
    for item in AUDIT_ITEMS:
        assert item.problem != item.title
        assert french.get(item.problem, [""])[0], item.problem
    project = Project()
    project.churn.has_loyalty_programme = True
    failed = "no_points_expiry_trap"
    project.churn.loyalty_audit = {item.id: item.id != failed for item in AUDIT_ITEMS}
    (found,) = findings(project, references_for(project))
    assert found.title.render("en") == "Loyalty programme falls short: Points expire too fast"
    assert "Les points expirent trop vite" in found.title.render("fr")
    assert re.search(r"n’expirent pas|do not expire", found.title.render("fr")) is None
