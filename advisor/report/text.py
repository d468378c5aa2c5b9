"""The report's narrative sentences: translatable Jinja2 templates rendered in a sandbox.

Each template is a source string marked with ``N_`` (so the French catalogue translates the
whole sentence, conditions included) and rendered in Jinja2's immutable sandbox with
autoescaping: the values are the project's own free text, and the result is reportlab
paragraph markup, where ``&`` and ``<`` mean something. Values arrive already formatted for
the reader's locale (money, dates), so the templates hold no number formatting.
"""

from __future__ import annotations

from functools import cache
from html import escape as _html_escape
from typing import NewType

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment

from advisor.i18n import N_, translator

#: Paragraph markup: escaped text, possibly with ``<b>`` tags. Plain ``str`` is plain text.
Rich = NewType("Rich", str)

TEMPLATES: dict[str, str] = {
    "summary_intro": N_(
        "<b>{{ business }}</b>{% if sector %} ({{ sector }}){% endif %} took part in a "
        "retention workshop{% if facilitator %} run by {{ facilitator }}{% endif %}. "
        "This plan gathers what the workshop found and what the team will do about it"
        "{% if actions %}: {{ actions }} actions{% if review %}, reviewed on "
        "{{ review }}{% endif %}{% endif %}."
    ),
    "money_at_stake": N_(
        "From the figures of {{ period }}: if churn fell by <b>{{ points }}</b> (from "
        "{{ churn_before }} to {{ churn_after }} per {{ per }}), about <b>{{ kept }} more "
        "customers</b> would stay each year, worth about <b>{{ revenue_12 }}</b> of revenue "
        "over 12 months and <b>{{ revenue_36 }}</b> over 36 months"
        "{% if replacement %}; winning as many new customers would cost about "
        "{{ replacement }}{% endif %}. {% if own %}The cut is the team's assumption{% else %}"
        "The cut is the one the plan's churn targets aim for{% endif %}: it sizes the stake, "
        "it is not a forecast."
    ),
    "kpi_intro": N_(
        "Figures for <b>{{ period }}</b>{% if periods > 1 %}, the latest of {{ periods }} "
        "periods{% endif %}. A KPI is judged only against a reference measured like it: a "
        "published average or median (better than typical, = typical, worse than typical), "
        "converted to your period when it is measured over another, or a rule of thumb that "
        "says it is one (✓ good, ! watch, ✗ critical). Sources are in the appendix; "
        "? check the figures means they contradict each other."
    ),
    "period_not_over": N_(
        "<b>{{ period }} is not over on the date of this plan</b> (it ends on {{ end }}): its "
        "figures are incomplete, so its rates, its comparisons with earlier periods and the "
        "targets built on them are only indicative. Check them again once the period is over."
    ),
    "journey_intro": N_(
        "The customer journey as the workshop mapped it: {{ stages }} stages, from the first "
        "contact to coming back. Feelings run from −2 (very bad) to +2 (delighted), as they "
        "are today and as the team wants them to be."
    ),
    "plan_intro": N_(
        "{{ actions }} actions, each with an owner, a due date and a target to check."
        "{% if review %} The team reviews the plan on <b>{{ review }}</b>"
        "{% if later == 1 %}; one action falls due after that date, and its result is checked "
        "at the following review{% elif later %}; {{ later }} of the actions fall due after "
        "that date, and their results are checked at the following review{% endif %}."
        "{% endif %}"
    ),
}


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


@cache
def _template(name: str, language: str) -> Template:
    return _environment().from_string(translator(language).gettext(TEMPLATES[name]))


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` escaped for paragraph markup (html is lighter to import than
    xml.sax.saxutils, which pulls in urllib)."""
    return _html_escape(text, quote=False)


def narrative(name: str, language: str, **values: object) -> Rich:
    """The sentence ``name`` in ``language``, as paragraph markup with the values escaped."""
    return Rich(_template(name, language).render(**values))


def plain(text: str) -> Rich:
    """Plain text made safe for a paragraph; line breaks kept."""
    return Rich(escape(text).replace("\n", "<br/>"))


def bold(text: str) -> Rich:
    return Rich(f"<b>{escape(text)}</b>")
