"""Checking one parsed playbook file field by field, and turning it into a :class:`Playbook`.

Every problem names the file, the field and the fix, so a consultant writing their own
playbooks can correct them without reading code; every problem of a file is reported, not only
the first, and quotes at most a few words of what the file holds. Texts and lists have limits
(:data:`MAX_TEXT`, :data:`MAX_ITEMS`); each template is filled for varied sample businesses.
French texts get their typography (no-break spaces) here, so authors need not type invisible
characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from advisor.domain.playbook_text import (
    KPI_IDS,
    TemplateRefused,
    TextContext,
    has_template,
    render_text,
)
from advisor.domain.playbooks import (
    HORIZONS,
    KNOWN_CAUSES,
    KNOWN_FINDINGS,
    KNOWN_KPIS,
    KNOWN_LOYALTY,
    KNOWN_MODELS,
    KNOWN_PURCHASES,
    KNOWN_THEMES,
    KNOWN_TYPES,
    PLAYBOOK_ID,
    PLAYBOOK_LANGUAGES,
    STAGE_WORDS,
    Conditions,
    KpiCondition,
    KpiTarget,
    Playbook,
    Step,
    Text,
    TextList,
    parse_condition,
    parse_target,
)
from advisor.domain.project import SHORT_TEXT, BusinessModel
from advisor.i18n import _

#: Limits of one playbook file's fields (playbooks/README.md lists them).
MAX_TEXT = 5_000  # characters of one text (a title, a step, a tool…)
MAX_ITEMS = 50  # items of one list (steps, tools, a condition list…)
MAX_ID_LENGTH = 64  # characters of an id
_QUOTE = 60  # characters of a file's text quoted in a message

_FRENCH_SPACES = ((re.compile(r" ([:;!?»])"), "\u00a0\\1"), (re.compile(r"« "), "«\u00a0"))
_PERCENT = re.compile(r"(\d) %(?!})")


def french_spacing(text: str) -> str:
    """French typography without asking authors to type invisible characters: a no-break space
    before ``: ; ! ? »`` and after ``«``, a narrow one before ``%``."""
    for pattern, replacement in _FRENCH_SPACES:
        text = pattern.sub(replacement, text)
    return _PERCENT.sub("\\1\u202f%", text)


def _polish(text: str, language: str) -> str:
    text = text.strip()
    return french_spacing(text) if language == "fr" else text


_TOP_KEYS = {
    "id", "theme", "title", "summary", "why", "ethics", "effort", "impact", "horizon",
    "when", "steps", "track", "tools", "pitfalls",
}  # fmt: skip
_WHEN_KEYS = {
    "retention_types", "business_models", "causes", "findings", "kpis", "stages", "purchases",
    "loyalty_programme",
}  # fmt: skip
_WHEN_VOCABULARY: dict[str, frozenset[str]] = {
    "retention_types": KNOWN_TYPES,
    "business_models": KNOWN_MODELS,
    "causes": KNOWN_CAUSES,
    "findings": KNOWN_FINDINGS,
    "stages": frozenset(STAGE_WORDS),
    "purchases": KNOWN_PURCHASES,
    "loyalty_programme": KNOWN_LOYALTY,
}


@dataclass(frozen=True)
class Problem:
    """What is wrong in one playbook file, where, and how to fix it."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


def _names(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


def _short(text: str) -> str:
    """At most :data:`_QUOTE` characters of a file's text, for a message."""
    return text if len(text) <= _QUOTE else text[:_QUOTE] + "…"


class _Quoted:
    """A value shown by ``{value!r}`` in a message: short, whatever the file holds."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        if isinstance(self.value, dict | list):
            return "{…}" if isinstance(self.value, dict) else "[…]"
        return _short(repr(self.value))


def is_playbook_id(text: str) -> bool:
    """Whether ``text`` can be a playbook's id: lower-case words joined by hyphens, short."""
    return len(text) <= MAX_ID_LENGTH and PLAYBOOK_ID.fullmatch(text) is not None


@cache
def sample_contexts() -> tuple[TextContext, ...]:
    """The varied businesses ``playbooks check`` fills every template for, in both languages:
    every KPI unknown, at 0, negative, typical, at 10⁹, and half of them unknown; a name and a
    sector empty, ordinary, French, holding markup and as long as allowed; each business model.
    """
    ids = sorted(KPI_IDS)
    figures: list[dict[str, float | None]] = [
        dict.fromkeys(ids, value) for value in (None, 0.0, -12.5, 37.5, 1e9)
    ]
    figures.append({kpi: None if index % 2 else 4.2 for index, kpi in enumerate(ids)})
    names = [
        ("", ""), ("Atelier Dupont", "Bakery"), ("Crêperie « Chez Léa » : l’été !", "Crêperie"),
        ("<b>Bold & Co</b> &amp; <i>", "<script>&lt;"), ("Long name " * 60, "Sector " * 80),
    ]  # fmt: skip
    models = ["", *(model.value for model in BusinessModel)]
    return tuple(
        TextContext(
            language,
            ("EUR", "USD", "CHF")[index % 3],
            figures[index % len(figures)],
            {
                "name": names[index % len(names)][0][:SHORT_TEXT],
                "sector": names[index % len(names)][1][:SHORT_TEXT],
                "model": models[index % len(models)],
            },
        )
        for language in PLAYBOOK_LANGUAGES
        for index in range(max(len(figures), len(models)))
    )


class _Reader:
    """Reads one parsed file, collecting every problem rather than stopping at the first."""

    def __init__(self, file: str, data: dict[str, Any], try_templates: bool = True) -> None:
        self.file = file
        self.data = data
        self.try_templates = try_templates
        self.problems: list[Problem] = []

    def problem(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.file, field_name, message))

    def text(self, name: str, value: Any, required: bool = True) -> Text | None:
        if value is None:
            if required:
                self.problem(
                    name,
                    _("this field is missing; add a table with “en” and “fr” texts"),
                )
            return None
        if not isinstance(value, dict):
            self.problem(name, _("expected a table with “en” and “fr” texts"))
            return None
        texts: dict[str, str] = {}
        for language in PLAYBOOK_LANGUAGES:
            item = value.get(language)
            if not isinstance(item, str) or not item.strip():
                self.problem(
                    f"{name}.{language}",
                    _("missing or empty; write the text in this language"),
                )
                continue
            if self.too_long(f"{name}.{language}", item):
                continue
            texts[language] = _polish(item, language)
            self.template(f"{name}.{language}", texts[language])
        for extra in set(value) - set(PLAYBOOK_LANGUAGES):
            self.problem(f"{name}.{_short(extra)}", _("unknown language; use “en” and “fr”"))
        if len(texts) < len(PLAYBOOK_LANGUAGES):
            return None
        return Text(texts["en"], texts["fr"])

    def text_list(self, name: str, value: Any) -> TextList:
        if value is None:
            return TextList()
        if not isinstance(value, dict):
            self.problem(name, _("expected a table with “en” and “fr” lists of texts"))
            return TextList()
        lists: dict[str, tuple[str, ...]] = {}
        for language in PLAYBOOK_LANGUAGES:
            items = value.get(language)
            if not isinstance(items, list) or not all(
                isinstance(i, str) and i.strip() for i in items
            ):
                self.problem(
                    f"{name}.{language}",
                    _("expected a list of non-empty texts in this language"),
                )
                return TextList()
            if self.too_many(f"{name}.{language}", items) or any(
                self.too_long(f"{name}.{language}[{i}]", item) for i, item in enumerate(items)
            ):
                return TextList()
            lists[language] = tuple(_polish(i, language) for i in items)
            for item in lists[language]:
                self.template(f"{name}.{language}", item)
        if len(lists["en"]) != len(lists["fr"]):
            self.problem(
                name,
                _("“en” has {en} items and “fr” {fr}; translate every item").format(
                    en=len(lists["en"]), fr=len(lists["fr"])
                ),
            )
        return TextList(lists["en"], lists["fr"])

    def too_long(self, name: str, text: str) -> bool:
        if len(text) <= MAX_TEXT:
            return False
        self.problem(
            name,
            _("this text has {count} characters; a playbook text holds at most {limit}").format(
                count=len(text), limit=MAX_TEXT
            ),
        )
        return True

    def too_many(self, name: str, items: list[Any]) -> bool:
        if len(items) <= MAX_ITEMS:
            return False
        self.problem(
            name,
            _("{count} items; a playbook list holds at most {limit}").format(
                count=len(items), limit=MAX_ITEMS
            ),
        )
        return True

    def template(self, name: str, text: str) -> None:
        """Fill ``text`` for each sample business in both languages, so that what passes here
        cannot fail in the plan or the PDF."""
        if not self.try_templates or not has_template(text):
            return
        try:
            for context in sample_contexts():
                render_text(text, context)
        except TemplateRefused as error:
            self.problem(
                name,
                _(
                    "template refused ({error}); use only kpi.<KPI id>, business.name, "
                    "business.sector and business.model with the filters percent, number, "
                    "money, date"
                ).format(error=error),
            )

    def whole(self, name: str, low: int, high: int, choices: tuple[int, ...] = ()) -> int:
        value: Any = self.data.get(name)
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and choices:
            ok = value in choices
        elif ok:
            ok = low <= int(value) <= high
        if not ok:
            allowed = ", ".join(map(str, choices)) if choices else f"{low}–{high}"
            if value is None:
                self.problem(
                    name,
                    _("this field is missing; write a whole number among {allowed}").format(
                        allowed=allowed
                    ),
                )
                return low if not choices else choices[0]
            self.problem(
                name,
                _("expected a whole number among {allowed}, found {value!r}").format(
                    allowed=allowed, value=_Quoted(value)
                ),
            )
            return low if not choices else choices[0]
        assert isinstance(value, int)
        return value

    def known_kpi(self, name: str, kpi: str) -> bool:
        if kpi not in KNOWN_KPIS:
            self.problem(
                name,
                _("unknown KPI “{kpi}”; known: {known}").format(
                    kpi=_short(kpi), known=_names(KNOWN_KPIS)
                ),
            )
            return False
        return True

    def condition(self, name: str, text: Any) -> KpiCondition | None:
        parsed = parse_condition(text) if isinstance(text, str) else None
        if parsed is None:
            self.problem(
                name,
                _(
                    "expected “KPI is poor”, “KPI is not good”, “KPI is good” or “KPI is "
                    "worsening”, e.g. “churn_rate is poor”, found {value!r}"
                ).format(value=_Quoted(text)),
            )
            return None
        return parsed if self.known_kpi(name, parsed.kpi) else None

    def target(self, name: str, text: Any) -> KpiTarget | None:
        parsed = parse_target(text) if isinstance(text, str) else None
        if parsed is None:
            self.problem(
                name,
                _(
                    "expected “KPI good” (reach its reference) or “KPI better” (beat the latest "
                    "period), e.g. “csat good”, found {value!r}"
                ).format(value=_Quoted(text)),
            )
            return None
        return parsed if self.known_kpi(name, parsed.kpi) else None

    def conditions(self, value: Any) -> Conditions:
        if not isinstance(value, dict):
            self.problem("when", _("this table is missing; say when the playbook applies"))
            return Conditions()
        for extra in set(value) - _WHEN_KEYS:
            self.problem(
                f"when.{_short(extra)}",
                _("unknown condition; use: {known}").format(known=_names(_WHEN_KEYS)),
            )
        lists: dict[str, tuple[str, ...]] = {}
        for key in _WHEN_KEYS:
            items = value.get(key, [])
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                self.problem(f"when.{key}", _("expected a list of texts"))
                items = []
            elif self.too_many(f"when.{key}", items):
                items = []
            lists[key] = tuple(items)
        for key, vocabulary in _WHEN_VOCABULARY.items():
            for item in lists[key]:
                if item not in vocabulary:
                    self.problem(
                        f"when.{key}",
                        _("unknown id “{item}”; known: {known}").format(
                            item=_short(item), known=_names(vocabulary)
                        ),
                    )
        kpis = tuple(
            c
            for i, text in enumerate(lists["kpis"])
            if (c := self.condition(f"when.kpis[{i}]", text)) is not None
        )
        result = Conditions(
            lists["retention_types"],
            lists["business_models"],
            lists["causes"],
            lists["findings"],
            kpis,
            lists["stages"],
            lists["purchases"],
            lists["loyalty_programme"],
        )
        if not result.has_triggers:
            self.problem(
                "when",
                _(
                    "no trigger: name at least one of causes, findings, kpis or stages, so the "
                    "playbook is proposed only when the diagnosis calls for it"
                ),
            )
        return result

    def steps(self, value: Any) -> tuple[Step, ...]:
        if not isinstance(value, list) or not value:
            self.problem("steps", _("add at least one [[steps]] table with delay, en and fr"))
            return ()
        if self.too_many("steps", value):
            return ()
        steps: list[Step] = []
        for index, item in enumerate(value):
            name = f"steps[{index}]"
            if not isinstance(item, dict):
                self.problem(name, _("expected a table with delay, en and fr"))
                continue
            delay = item.get("delay")
            if not isinstance(delay, int) or isinstance(delay, bool) or not 0 <= delay <= 365:
                self.problem(
                    f"{name}.delay",
                    _("expected the days from the plan's start, 0 to 365, found {value!r}").format(
                        value=_Quoted(delay)
                    ),
                )
                continue
            title = self.text(name, {k: item.get(k) for k in PLAYBOOK_LANGUAGES if k in item})
            detail = self.text(f"{name}.detail", item.get("detail"), required=False)
            for extra in set(item) - {"delay", "detail", *PLAYBOOK_LANGUAGES}:
                self.problem(
                    f"{name}.{_short(extra)}", _("unknown field; use delay, en, fr, detail")
                )
            if title is not None:
                steps.append(Step(delay, title, detail))
        if [s.delay_days for s in steps] != sorted(s.delay_days for s in steps):
            self.problem("steps", _("steps must be in the order of their delays"))
        return tuple(steps)

    def track(self, value: Any) -> tuple[KpiTarget, ...]:
        if not isinstance(value, list) or not value:
            self.problem("track", _("add at least one [[track]] table: target = “KPI good”"))
            return ()
        if self.too_many("track", value):
            return ()
        targets: list[KpiTarget] = []
        for index, item in enumerate(value):
            name = f"track[{index}].target"
            target = self.target(name, item.get("target") if isinstance(item, dict) else None)
            if target is not None:
                targets.append(target)
        return tuple(targets)

    def playbook(self, origin: str, user: bool) -> Playbook | None:
        data = self.data
        for extra in set(data) - _TOP_KEYS:
            self.problem(
                _short(extra), _("unknown field; known: {known}").format(known=_names(_TOP_KEYS))
            )
        playbook_id = data.get("id")
        if not isinstance(playbook_id, str) or not is_playbook_id(playbook_id):
            self.problem(
                "id",
                _(
                    "expected lower-case words joined by hyphens, at most {limit} characters, "
                    "e.g. “welcome-sequence”"
                ).format(limit=MAX_ID_LENGTH),
            )
        theme = data.get("theme")
        if theme not in KNOWN_THEMES:
            self.problem(
                "theme",
                _("unknown theme {value!r}; known: {known}").format(
                    value=_Quoted(theme), known=_names(KNOWN_THEMES)
                ),
            )
        title = self.text("title", data.get("title"))
        summary = self.text("summary", data.get("summary"))
        why = self.text("why", data.get("why"))
        ethics = self.text("ethics", data.get("ethics"), required=False)
        effort = self.whole("effort", 1, 5)
        impact = self.whole("impact", 1, 5)
        horizon = self.whole("horizon", 0, 0, HORIZONS)
        when = self.conditions(data.get("when"))
        steps = self.steps(data.get("steps"))
        track = self.track(data.get("track"))
        tools = self.text_list("tools", data.get("tools"))
        pitfalls = self.text_list("pitfalls", data.get("pitfalls"))
        if self.problems or title is None or summary is None or why is None:
            return None
        assert isinstance(playbook_id, str) and isinstance(theme, str)
        return Playbook(
            playbook_id, theme, title, summary, why, when, steps, track, effort, impact,
            horizon, tools, pitfalls, ethics, origin, user,
        )  # fmt: skip


def check_playbook(
    file: str, data: dict[str, Any], user: bool = False, try_templates: bool = True
) -> tuple[Playbook | None, list[Problem]]:
    """The playbook ``data`` (parsed from ``file``) describes, or None, and every problem
    found in it; ``user`` marks a playbook from the user's own folder. Without
    ``try_templates`` the templates are not filled for every sample business (a bundled
    playbook, which the test suite fills, read to be printed)."""
    reader = _Reader(file, data, try_templates)
    playbook = reader.playbook(file, user)
    return playbook, reader.problems
