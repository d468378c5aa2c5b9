"""Playbook texts with the business's own figures: Jinja2's immutable sandbox, under a budget.

A playbook (possibly written by a consultant, not by us) may write
``{% if kpi.churn_rate is not none %}{{ kpi.churn_rate | percent }}{% endif %}``. Before
anything is compiled, the parsed template is checked against an allow-list (:class:`_Shape`):
``if``/``elif``/``else``, printed names, the product's four filters with a few decimals, the
tests ``none``/``defined``, one comparison at a time, ``and``/``or``/``not``, short constants.
With no loop, macro, call, assignment, arithmetic or string building, a template runs in time
linear in its source, prints at most a length known before it runs, and cannot fail on any
data (a comparison with an unknown figure is false; a filter prints "—" for a non-figure).
jinja2 is imported only when a text holds a template (never at start-up).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.project import SHORT_TEXT, BusinessProfile
from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_date, format_money, format_number, format_percent

if TYPE_CHECKING:
    from jinja2 import Template, nodes
    from jinja2.sandbox import ImmutableSandboxedEnvironment

_MARKERS = ("{{", "{%", "{#")
MISSING = "—"

#: The budget of one template, as data (playbooks/README.md says the same).
SOURCE_LIMIT = 10_000  # characters of template source
OUTPUT_LIMIT = 20_000  # characters a template may print, known before it runs
MAX_NESTING = 16  # conditions and expressions inside one another
MAX_DECIMALS = 6  # the number of decimals a filter may be asked for
MAX_CONSTANT = 1_000_000_000  # a number written in a template
MAX_CONSTANT_TEXT = 200  # characters of a text written inside {{ }} or {% %}
FIGURE_WIDTH = 40  # the most characters a filter prints
LARGEST_FIGURE = 1e15  # a figure beyond this size is no business's and prints "—"
RENDER_SECONDS = 1.0  # a guard only: an allowed template renders in microseconds

KPI_IDS = frozenset(definition.id for definition in DEFINITIONS)
#: Facts about the business a template may name, with the most characters each may hold.
BUSINESS_FIELDS = ("name", "sector", "model")
BUSINESS_LIMITS = {"name": SHORT_TEXT, "sector": SHORT_TEXT, "model": 20}
FILTERS = ("percent", "number", "money", "date")
TESTS = ("none", "defined", "undefined")
_ORDERS: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt, "lteq": operator.le, "gt": operator.gt, "gteq": operator.ge,
}  # fmt: skip
_EQUALITY = ("eq", "ne")
#: How a refused construct is named to the author.
_WORDS = {
    "For": "{% for %}", "Macro": "{% macro %}", "CallBlock": "{% call %}", "Call": "()",
    "Assign": "{% set %}", "AssignBlock": "{% set %}", "FilterBlock": "{% filter %}",
    "With": "{% with %}", "Include": "{% include %}", "Extends": "{% extends %}",
    "Import": "{% import %}", "FromImport": "{% import %}", "Block": "{% block %}",
    "Add": "+", "Sub": "-", "Mul": "*", "Div": "/", "FloorDiv": "//", "Mod": "%", "Pow": "**",
    "Concat": "~", "Getitem": "[ ]", "Slice": "[:]",
}  # fmt: skip


class TemplateRefused(ValueError):
    """A playbook text that cannot be rendered: forbidden, malformed or naming unknown data."""


@dataclass(frozen=True)
class TextContext:
    """What a playbook text may use: the latest KPI values (None when unknown) and a few facts
    about the business."""

    language: str = "en"
    currency: str = "EUR"
    kpi: Mapping[str, float | None] = field(default_factory=dict)
    business: Mapping[str, str] = field(default_factory=dict)


def business_facts(profile: BusinessProfile) -> dict[str, str]:
    """The facts a template may name: the business's name, sector and business model id
    (``subscription``, ``repeat_retail``, ``services``, ``marketplace``, ``other`` or "")."""
    model = profile.business_model.value if profile.business_model else ""
    return {"name": profile.name, "sector": profile.sector, "model": model}


def sample_context(language: str) -> TextContext:
    """A context holding every name a template may use, each KPI at 1."""
    return TextContext(
        language,
        "EUR",
        {definition.id: 1.0 for definition in DEFINITIONS},
        {name: name for name in BUSINESS_FIELDS},
    )


def has_template(text: str) -> bool:
    return any(marker in text for marker in _MARKERS)


def _figure(value: Any) -> float | None:
    """``value`` as a figure a filter may print, or None (unknown, not a number, absurd)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and abs(number) < LARGEST_FIGURE else None


def _filter(show: Callable[[float, int], str], default: int) -> Callable[..., str]:
    """A figure filter that prints "—" for anything but a figure and never more decimals than
    :data:`MAX_DECIMALS` (the check refuses more; this holds for any caller)."""

    def apply(value: Any, decimals: Any = default) -> str:
        figure = _figure(value)
        ok = type(decimals) is int and 0 <= decimals <= MAX_DECIMALS
        return MISSING if figure is None else show(figure, decimals if ok else default)

    return apply


def _order(left: Any, op: str, right: Any) -> bool:
    """``left op right`` for two numbers or two texts; false for anything else (an unknown
    figure), so a comparison never stops a text."""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (left, right))
    if numbers or (isinstance(left, str) and isinstance(right, str)):
        return bool(_ORDERS[op](left, right))
    return False


def _printable(value: Any) -> Any:
    """Only text and numbers are printed: never a method's, a dict's or an object's repr."""
    if isinstance(value, str) or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    raise TemplateRefused(_("only text and numbers can be printed"))


@cache
def _environment(language: str, currency: str) -> ImmutableSandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    percent = _filter(lambda figure, places: format_percent(figure, language, places), 1)
    number = _filter(lambda figure, places: format_number(figure, language, places), 0)
    money = _filter(lambda figure, places: format_money(figure, currency, language, places), 0)

    def date(value: Any) -> str:
        return format_date(value, language) if isinstance(value, dt.date) else MISSING

    # optimized=False: no constant folding at compile time (never a huge constant built).
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, optimized=False, finalize=_printable
    )
    env.filters.clear()  # only the product's own filters, whose output is bounded
    env.filters.update(percent=percent, number=number, money=money, date=date, _order=_order)
    env.tests = {name: env.tests[name] for name in TESTS}
    env.globals.clear()  # no range(), dict(), lipsum(), cycler()…: plain texts need none
    return env


def _total_order(compare: nodes.Compare, operand: nodes.Operand) -> nodes.Expr:
    """``a < b`` as ``a | _order('lt', b)``: false, not an error, for an unknown figure."""
    from jinja2 import nodes as jinja_nodes

    args = [jinja_nodes.Const(operand.op), operand.expr]
    total: nodes.Expr = jinja_nodes.Filter(compare.expr, "_order", args, [], None, None)
    total.set_lineno(compare.lineno)
    return total


def _count(number: int) -> str:
    return format_number(number, current_language())


def _not_allowed(what: str) -> TemplateRefused:
    return TemplateRefused(_("“{what}” is not allowed in a playbook text").format(what=what))


def _nested() -> TemplateRefused:
    return TemplateRefused(_("this template is nested too deeply"))


class _Shape:
    """Checks a parsed template against the allow-list, counting the most it can print, and
    rewrites each ordering comparison into the total ``_order`` filter."""

    def __init__(self) -> None:
        from jinja2 import nodes

        self.nodes = nodes
        self.width = 0

    def statements(self, body: list[nodes.Node], depth: int) -> None:
        for node in body:
            self.statement(node, depth)

    def statement(self, node: nodes.Node, depth: int) -> None:
        nodes = self.nodes
        if depth > MAX_NESTING:
            raise _nested()
        if isinstance(node, nodes.Output):
            for item in node.nodes:
                is_text = isinstance(item, nodes.TemplateData)
                self.width += len(item.data) if is_text else self.printed(item, depth + 1)
        elif isinstance(node, nodes.If):
            node.test = self.condition(node.test, depth + 1)
            self.statements(node.body, depth + 1)
            self.statements(node.elif_, depth + 1)
            self.statements(node.else_, depth + 1)
        else:
            raise self.refused(node)

    def printed(self, node: nodes.Node, depth: int) -> int:
        """The most characters ``{{ node }}`` can print."""
        nodes = self.nodes
        if depth > MAX_NESTING:
            raise _nested()
        if isinstance(node, nodes.Filter):
            self.filter(node)
            return FIGURE_WIDTH
        if isinstance(node, nodes.Getattr):
            table, name = self.name(node)
            if table == "kpi":
                raise TemplateRefused(
                    _("a figure is printed through a filter: percent, number or money")
                )
            return BUSINESS_LIMITS[name]
        if isinstance(node, nodes.CondExpr):
            if node.expr2 is None:
                raise TemplateRefused(_("an inline “if” needs its “else”"))
            node.test = self.condition(node.test, depth + 1)
            return max(self.printed(node.expr1, depth + 1), self.printed(node.expr2, depth + 1))
        if isinstance(node, nodes.Const) and not isinstance(node.value, bool | None):
            return len(str(self.constant(node)))
        raise self.refused(node)

    def condition(self, node: nodes.Expr, depth: int) -> nodes.Expr:
        nodes = self.nodes
        if depth > MAX_NESTING:
            raise _nested()
        if isinstance(node, nodes.And | nodes.Or):
            node.left = self.condition(node.left, depth + 1)
            node.right = self.condition(node.right, depth + 1)
        elif isinstance(node, nodes.Not):
            node.node = self.condition(node.node, depth + 1)
        elif isinstance(node, nodes.Test):
            if node.name not in TESTS:
                raise _not_allowed(f"is {node.name}")
            if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
                raise _not_allowed(f"is {node.name}(…)")
            self.value(node.node)
        elif isinstance(node, nodes.Compare):
            if len(node.ops) != 1:
                raise TemplateRefused(_("compare two values at a time"))
            operand = node.ops[0]
            self.value(node.expr)
            self.value(operand.expr)
            if operand.op in _ORDERS:
                return _total_order(node, operand)
            if operand.op not in _EQUALITY:
                raise _not_allowed(operand.op.replace("notin", "not in"))
        else:
            self.value(node)
        return node

    def value(self, node: nodes.Expr) -> None:
        nodes = self.nodes
        if isinstance(node, nodes.Getattr):
            self.name(node)
        elif isinstance(node, nodes.Neg | nodes.Pos) and isinstance(node.node, nodes.Const):
            if not isinstance(self.constant(node.node), int | float):
                raise self.refused(node)
        elif isinstance(node, nodes.Const):
            self.constant(node)
        else:
            raise self.refused(node)

    def name(self, node: nodes.Getattr) -> tuple[str, str]:
        """``("kpi", id)`` or ``("business", field)`` for ``kpi.<id>`` or ``business.<field>``."""
        subject = node.node
        if not isinstance(subject, self.nodes.Name):
            raise self.refused(node)
        known = KPI_IDS if subject.name == "kpi" else BUSINESS_FIELDS
        if subject.name not in ("kpi", "business") or node.attr not in known:
            raise _not_allowed(f"{subject.name}.{node.attr}"[:60])
        return subject.name, node.attr

    def filter(self, node: nodes.Filter) -> None:
        nodes = self.nodes
        if node.name not in FILTERS:
            raise _not_allowed(f"|{node.name}")
        subject = node.node
        if isinstance(subject, nodes.Getattr):
            if self.name(subject)[0] != "kpi":
                raise _not_allowed(f"business.{subject.attr}|{node.name}")
        elif subject is not None:
            self.value(subject)  # a number written in the text
        else:
            raise self.refused(node)
        arguments = [*node.args, *(k.value for k in node.kwargs if k.key == "decimals")]
        decimals = [self.constant(a) if isinstance(a, nodes.Const) else None for a in arguments]
        if (
            node.dyn_args is not None
            or node.dyn_kwargs is not None
            or len(arguments) != len(node.args) + len(node.kwargs)
            or len(arguments) > 1
            or not all(type(d) is int and 0 <= d <= MAX_DECIMALS for d in decimals)
        ):
            raise TemplateRefused(
                _("a filter takes only a number of decimals, from 0 to {most}").format(
                    most=MAX_DECIMALS
                )
            )

    def constant(self, node: nodes.Const) -> Any:
        value = node.value
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int | float) and math.isfinite(value) and abs(value) <= MAX_CONSTANT:
            return value
        if isinstance(value, str) and len(value) <= MAX_CONSTANT_TEXT:
            return value
        raise TemplateRefused(
            _("a constant is limited to {length} characters and to numbers up to {most}").format(
                length=MAX_CONSTANT_TEXT, most=_count(MAX_CONSTANT)
            )
        )

    def refused(self, node: nodes.Node) -> TemplateRefused:
        if isinstance(node, self.nodes.Name):
            return _not_allowed(node.name[:60])
        kind = type(node).__name__
        return _not_allowed(_WORDS.get(kind, kind.lower()))


@lru_cache(maxsize=512)
def _template(text: str, language: str, currency: str) -> Template:
    """``text`` parsed, checked against the allow-list and compiled (cached: the plan step and
    the check render the same texts again and again)."""
    from jinja2 import TemplateError

    if len(text) > SOURCE_LIMIT:
        raise TemplateRefused(
            _("a template is limited to {limit} characters").format(limit=_count(SOURCE_LIMIT))
        )
    env = _environment(language, currency)
    try:
        tree = env.parse(text)
        shape = _Shape()
        shape.statements(tree.body, 0)
        if shape.width > OUTPUT_LIMIT:
            raise TemplateRefused(
                _("could print {count} characters, more than the {limit} a text may hold").format(
                    count=_count(shape.width), limit=_count(OUTPUT_LIMIT)
                )
            )
        return env.from_string(tree)
    except RecursionError:
        raise _nested() from None
    except TemplateError as error:
        raise TemplateRefused(str(error.message or error)[:200]) from None


def _values(context: TextContext) -> dict[str, dict[str, Any]]:
    """What a template sees: every known KPI (None when unknown) and every business fact
    ("" when unknown), each cut to what it may hold."""
    kpi = {kpi: context.kpi.get(kpi) for kpi in KPI_IDS}
    business = {
        name: str(context.business.get(name) or "")[: BUSINESS_LIMITS[name]]
        for name in BUSINESS_FIELDS
    }
    return {"kpi": kpi, "business": business}


def render_text(text: str, context: TextContext) -> str:
    """``text`` with its template parts filled from ``context``; plain text comes back as is.

    Raises :class:`TemplateRefused` for anything outside the allow-list, malformed, or (as a
    guard) printing more than :data:`OUTPUT_LIMIT` characters or running too long.
    """
    if not has_template(text):
        return text
    from jinja2 import TemplateError

    template = _template(text, context.language, context.currency[:8])
    parts: list[str] = []
    printed = 0
    deadline = time.monotonic() + RENDER_SECONDS
    try:
        for part in template.generate(**_values(context)):
            printed += len(part)
            if printed > OUTPUT_LIMIT:
                raise TemplateRefused(
                    _("longer than {limit} characters once filled in").format(
                        limit=_count(OUTPUT_LIMIT)
                    )
                )
            if time.monotonic() > deadline:
                raise TemplateRefused(_("took too long to fill in"))
            parts.append(part)
    except TemplateRefused:
        raise
    except TemplateError as error:
        raise TemplateRefused(str(error.message or error)[:200]) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError) as error:
        raise TemplateRefused(str(error)[:200]) from None  # a guard: none is known to happen
    return "".join(parts)
