"""Invariants of one period's figures: impossible figures never become KPI values.

Each problem names the field it belongs next to, so the UI can show it there. An *error* is a
figure that cannot be true (more customers lost than there were); the KPIs that use it show
n/a. A *warning* is a figure that is possible but suspicious (counts that do not add up).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from advisor.domain.project import KpiPeriod
from advisor.i18n import N_
from advisor.i18n.message import Message, count, money


class IssueLevel(StrEnum):
    ERROR = "error"
    WARNING = "warning"


ISSUE_TITLES: dict[IssueLevel, str] = {
    IssueLevel.ERROR: N_("error"),
    IssueLevel.WARNING: N_("warning"),
}


@dataclass(frozen=True)
class FigureIssue:
    """A problem with one figure of a period."""

    field: str
    level: IssueLevel
    message: Message
    #: The other figures the broken invariant involves: KPIs built on them get no value either.
    also: tuple[str, ...] = ()


def _error(field: str, template: str, also: tuple[str, ...] = (), **params: object) -> FigureIssue:
    return FigureIssue(field, IssueLevel.ERROR, Message.of(template, **params), also)


def _warning(field: str, template: str, **params: object) -> FigureIssue:
    return FigureIssue(field, IssueLevel.WARNING, Message.of(template, **params))


def check_period(period: KpiPeriod) -> list[FigureIssue]:
    """Every problem found in ``period``'s figures, errors and warnings."""
    p = period
    issues: list[FigureIssue] = []
    if p.start and p.end and p.end < p.start:
        issues.append(_error("end", N_("The period ends before it starts.")))
    if (
        p.customers_start is not None
        and p.customers_lost is not None
        and p.customers_lost > p.customers_start
    ):
        issues.append(
            _error(
                "customers_lost",
                N_("More customers lost ({lost}) than there were at the start ({start})."),
                ("customers_start",),
                lost=count(p.customers_lost),
                start=count(p.customers_start),
            )
        )
    if (
        p.customers_end is not None
        and p.customers_new is not None
        and p.customers_new > p.customers_end
    ):
        issues.append(
            _error(
                "customers_new",
                N_(
                    "More new customers ({new}) than customers at the end ({end}): "
                    "some figure is from another period."
                ),
                ("customers_end",),
                new=count(p.customers_new),
                end=count(p.customers_end),
            )
        )
    if (
        p.customers_start is not None
        and p.customers_active_both is not None
        and p.customers_active_both > p.customers_start
    ):
        issues.append(
            _error(
                "customers_active_both",
                N_("More customers active in both periods ({both}) than at the start ({start})."),
                ("customers_start",),
                both=count(p.customers_active_both),
                start=count(p.customers_start),
            )
        )
    issues += _customer_flows(p)
    known = (p.customers_start, p.customers_new, p.customers_lost, p.customers_end)
    if None not in known and not any(i.level == IssueLevel.ERROR for i in issues):
        start, new, lost, end = (int(v) for v in known)  # type: ignore[arg-type]
        expected = start + new - lost
        if end != expected:
            issues.append(
                _warning(
                    "customers_end",
                    N_(
                        "Start + new − lost gives {expected}, not {end}. Check whether reactivated "
                        "customers are counted as new, or whether one of the four figures is off."
                    ),
                    expected=count(expected),
                    end=count(end),
                )
            )
    if (
        p.unique_buyers is not None
        and p.repeat_buyers is not None
        and p.repeat_buyers > p.unique_buyers
    ):
        issues.append(
            _error(
                "repeat_buyers",
                N_("More repeat buyers ({repeat}) than buyers ({buyers})."),
                ("unique_buyers",),
                repeat=count(p.repeat_buyers),
                buyers=count(p.unique_buyers),
            )
        )
    if p.unique_buyers is not None and p.orders is not None and p.orders < p.unique_buyers:
        issues.append(
            _error(
                "orders",
                N_(
                    "Fewer orders ({orders}) than buyers ({buyers}): every buyer placed at "
                    "least one."
                ),
                ("unique_buyers",),
                orders=count(p.orders),
                buyers=count(p.unique_buyers),
            )
        )
    elif (
        p.unique_buyers is not None
        and p.repeat_buyers is not None
        and p.orders is not None
        and p.repeat_buyers <= p.unique_buyers
        and p.orders < p.unique_buyers + p.repeat_buyers
    ):
        issues.append(
            _error(
                "orders",
                N_(
                    "Fewer orders ({orders}) than buyers plus repeat buyers ({least}): each "
                    "repeat buyer placed at least two."
                ),
                ("unique_buyers", "repeat_buyers"),
                orders=count(p.orders),
                least=count(p.unique_buyers + p.repeat_buyers),
            )
        )
    lost_revenue = (p.churned_revenue or 0) + (p.contraction_revenue or 0)
    if p.recurring_revenue_start is not None and lost_revenue > p.recurring_revenue_start:
        issues.append(
            _error(
                "churned_revenue",
                N_(
                    "Churned and contraction revenue ({lost}) exceed the recurring revenue at "
                    "start ({start})."
                ),
                ("recurring_revenue_start", "contraction_revenue"),
                lost=money(lost_revenue),
                start=money(p.recurring_revenue_start),
            )
        )
    issues += _survey_issues(period)
    return issues


def _survey_issues(period: KpiPeriod) -> list[FigureIssue]:
    s = period.surveys
    issues: list[FigureIssue] = []
    if s.nps_counts and len(s.nps_counts) not in (3, 11):
        issues.append(
            _error(
                "surveys.nps_counts",
                N_(
                    "NPS answers need 11 counts (scores 0 to 10) or 3 (detractors, passives, "
                    "promoters); {found} were given."
                ),
                found=len(s.nps_counts),
            )
        )
    if s.csat_counts and len(s.csat_counts) != s.csat_scale:
        issues.append(
            _error(
                "surveys.csat_counts",
                N_("CSAT answers need one count per score from 1 to {scale}; {found} were given."),
                scale=s.csat_scale,
                found=len(s.csat_counts),
            )
        )
    if s.csat_cutoff > s.csat_scale:
        issues.append(
            _error(
                "surveys.csat_cutoff",
                N_("The “satisfied” cut-off ({cutoff}) is above the top of the scale ({scale})."),
                cutoff=s.csat_cutoff,
                scale=s.csat_scale,
            )
        )
    if s.ces_counts and len(s.ces_counts) != s.ces_scale:
        issues.append(
            _error(
                "surveys.ces_counts",
                N_("CES answers need one count per score from 1 to {scale}; {found} were given."),
                scale=s.ces_scale,
                found=len(s.ces_counts),
            )
        )
    return issues


def _customer_flows(p: KpiPeriod) -> list[FigureIssue]:
    """Invariants between the customer counts: who is there at the end came from the start,
    is new or came back; who was lost or active in both periods was there at the start."""
    issues: list[FigureIssue] = []
    start, end, new = p.customers_start, p.customers_end, p.customers_new
    back = p.customers_reactivated
    if start is not None and end is not None and new is not None:
        arrived = start + new + (back or 0)
        if end > arrived:
            issues.append(
                _error(
                    "customers_end",
                    N_(
                        "More customers at the end ({end}) than at the start plus the new and "
                        "reactivated ones ({arrived})."
                    ),
                    ("customers_start", "customers_new", "customers_reactivated"),
                    end=count(end),
                    arrived=count(arrived),
                )
            )
    if end is not None and new is not None and back is not None and back > end - new >= 0:
        issues.append(
            _error(
                "customers_reactivated",
                N_(
                    "More reactivated customers ({back}) than customers at the end who are not "
                    "new ({kept})."
                ),
                ("customers_end", "customers_new"),
                back=count(back),
                kept=count(end - new),
            )
        )
    both = p.customers_active_both
    if both is not None and end is not None and both > end:
        issues.append(
            _error(
                "customers_active_both",
                N_("More customers active in both periods ({both}) than at the end ({end})."),
                ("customers_end",),
                both=count(both),
                end=count(end),
            )
        )
    lost = p.customers_lost
    if (
        both is not None
        and lost is not None
        and start is not None
        and both <= start
        and lost <= start
        and lost + both > start
    ):
        issues.append(
            _error(
                "customers_active_both",
                N_(
                    "Customers lost ({lost}) plus customers active in both periods ({both}) "
                    "exceed the customers at the start ({start})."
                ),
                ("customers_lost", "customers_start"),
                lost=count(lost),
                both=count(both),
                start=count(start),
            )
        )
    return issues


def bad_fields(issues: list[FigureIssue]) -> set[str]:
    """The figures an impossible combination involves (errors only)."""
    return {
        f for issue in issues if issue.level == IssueLevel.ERROR for f in (issue.field, *issue.also)
    }


def problems_by_field(issues: list[FigureIssue]) -> dict[str, Message]:
    """For each figure an error involves, the first error's message."""
    found: dict[str, Message] = {}
    for issue in issues:
        if issue.level == IssueLevel.ERROR:
            for name in (issue.field, *issue.also):
                found.setdefault(name, issue.message)
    return found
