"""Playbook texts with the business's own figures, through Jinja2's immutable sandbox.

A playbook (possibly written by a consultant, not by us) may write
``{{ kpi.churn_rate | percent }}`` or ``{{ business.name }}``. The sandbox refuses any reach
for Python internals (``__class__``, ``__globals__``…), files or mutation, and an unknown name
is an error rather than an empty string, so a bad template is found by ``playbooks check``.
jinja2 is imported only when a text holds a template (never at start-up).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.project import BusinessProfile
from advisor.i18n.formatting import format_date, format_money, format_number, format_percent

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

_MARKERS = ("{{", "{%", "{#")
MISSING = "—"


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


#: Facts about the business a template may name.
BUSINESS_FIELDS = ("name", "sector", "model")


def business_facts(profile: BusinessProfile) -> dict[str, str]:
    """The facts a template may name: the business's name, sector and business model id
    (``subscription``, ``repeat_retail``, ``services``, ``marketplace``, ``other`` or "")."""
    model = profile.business_model.value if profile.business_model else ""
    return {"name": profile.name, "sector": profile.sector, "model": model}


def sample_context(language: str) -> TextContext:
    """A context holding every name a template may use, for validation."""
    return TextContext(
        language,
        "EUR",
        {definition.id: 1.0 for definition in DEFINITIONS},
        {name: name for name in BUSINESS_FIELDS},
    )


def has_template(text: str) -> bool:
    return any(marker in text for marker in _MARKERS)


@cache
def _environment(language: str, currency: str) -> ImmutableSandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    def percent(value: float | None, decimals: int = 1) -> str:
        return MISSING if value is None else format_percent(float(value), language, decimals)

    def number(value: float | None, decimals: int = 0) -> str:
        return MISSING if value is None else format_number(float(value), language, decimals)

    def money(value: float | None, decimals: int = 0) -> str:
        if value is None:
            return MISSING
        return format_money(float(value), currency, language, decimals)

    def date(value: Any) -> str:
        return MISSING if value is None else format_date(value, language)

    def printable(value: Any) -> Any:
        # Only text and numbers reach a playbook's text: never a method's or a dict's repr.
        if value is None or isinstance(value, str | int | float):
            return value
        raise TemplateRefused(f"only text and numbers can be printed, not {type(value).__name__}")

    # optimized=False: no constant folding at compile time ('a' * 10**9 is never built).
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, optimized=False, finalize=printable
    )
    env.filters.clear()  # only the product's own filters, whose output is bounded
    env.filters.update(percent=percent, number=number, money=money, date=date)
    env.globals.clear()  # no range(), dict(), lipsum(), cycler()…: plain texts need none
    return env


#: What a playbook's template may hold: conditions, names, attributes, the product's filters,
#: tests such as ``is none``, comparisons and short constants. No loop, macro, call, arithmetic
#: or string building, so no template can run long or grow its output beyond its own text.
_ALLOWED_NODES = frozenset(
    {
        "Template", "Output", "TemplateData", "If", "Name", "Getattr", "Filter", "Test",
        "Const", "Compare", "Operand", "And", "Or", "Not", "CondExpr",
    }
)  # fmt: skip
_MAX_TEMPLATE = 10_000
_MAX_CONSTANT = 1_000_000


def check_template_shape(text: str, env: ImmutableSandboxedEnvironment) -> None:
    """Raise :class:`TemplateRefused` unless ``text`` uses only :data:`_ALLOWED_NODES`."""
    from jinja2 import nodes

    if len(text) > _MAX_TEMPLATE:
        raise TemplateRefused(f"a template is limited to {_MAX_TEMPLATE} characters")
    tree = env.parse(text)
    for node in tree.find_all(nodes.Node):
        kind = type(node).__name__
        if kind not in _ALLOWED_NODES:
            raise TemplateRefused(f"not allowed in a playbook: {kind.lower()}")
        if isinstance(node, nodes.Const):
            value = node.value
            too_big = isinstance(value, int | float) and abs(value) > _MAX_CONSTANT
            if too_big or (isinstance(value, str) and len(value) > 200):
                raise TemplateRefused("not allowed in a playbook: a constant this large")


def render_text(text: str, context: TextContext) -> str:
    """``text`` with its template parts filled from ``context``; plain text comes back as is.

    Raises :class:`TemplateRefused` for anything the sandbox refuses or cannot render.
    """
    if not has_template(text):
        return text
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    env = _environment(context.language, context.currency)
    try:
        check_template_shape(text, env)
        return env.from_string(text).render(kpi=dict(context.kpi), business=dict(context.business))
    except TemplateRefused:
        raise
    except SecurityError as error:
        raise TemplateRefused(f"not allowed in a playbook: {error}") from None
    except TemplateError as error:
        raise TemplateRefused(str(error.message or error)) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError) as error:
        raise TemplateRefused(str(error)) from None
