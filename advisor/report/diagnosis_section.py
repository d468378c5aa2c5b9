"""The diagnosis as printed: the retention type with its scores and what follows from it, the
churn causes ranked (what the business controls first), and the common mistakes and
fair-loyalty findings."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.churn_causes import SEVERITY_NAMES, rank_causes
from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.kpis import KpiContext
from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.mistakes import MISTAKES
from advisor.domain.project import Project
from advisor.domain.retention_advice import (
    ONE_OFF_DESCRIPTION,
    ONE_OFF_TITLE,
    advice_for,
    kpis_to_watch,
)
from advisor.domain.retention_questionnaire import TYPE_DESCRIPTIONS, TYPE_NAMES, RetentionType
from advisor.domain.retention_type import CONFIDENCE_NAMES, diagnose_project
from advisor.i18n import N_, translator
from advisor.i18n.formatting import format_percent
from advisor.report.sections import Table


@dataclass(frozen=True)
class RetentionTypeBlock:
    title: str  # "Intentional retention (high confidence)"
    description: str
    scores: Table
    churn_definition: str
    levers: tuple[str, ...]
    kpis: str


@dataclass(frozen=True)
class DiagnosisSection:
    retention_type: RetentionTypeBlock | None
    causes: Table | None
    mistakes: tuple[str, ...] = ()
    audit: tuple[str, ...] = ()


def retention_type_block(project: Project, language: str) -> RetentionTypeBlock | None:
    """The diagnosed type; None until the questionnaire has at least one answer."""
    if not project.retention_type.answers:
        return None
    diagnosis = diagnose_project(project)
    if diagnosis.main is None:
        return None
    t = translator(language).gettext
    main = diagnosis.main
    title = t(TYPE_NAMES[main])
    if diagnosis.confidence is not None:
        title = f"{title} ({t(CONFIDENCE_NAMES[diagnosis.confidence])})"
    advice = advice_for(diagnosis)
    assert advice is not None
    description = t(TYPE_DESCRIPTIONS[main])
    if diagnosis.one_off:
        title = f"{title} · {t(ONE_OFF_TITLE)}"
        description = t(ONE_OFF_DESCRIPTION)
    return RetentionTypeBlock(
        title=title,
        description=description,
        scores=Table(
            (t(N_("Retention type")), t(N_("Score"))),
            tuple(
                (
                    ("✓ " if kind == main else "") + t(TYPE_NAMES[kind]),
                    format_percent(diagnosis.scores.get(kind, 0.0), language, 0),
                )
                for kind in RetentionType
            ),
        ),
        churn_definition=t(advice.churn_definition),
        levers=tuple(t(lever.text) for lever in advice.levers),
        kpis=", ".join(t(BY_ID[k].title) for k in kpis_to_watch(diagnosis) if k in BY_ID),
    )


def _causes(project: Project, language: str, context: KpiContext) -> Table | None:
    t = translator(language).gettext
    summary = rank_causes(project, context)
    ranked = (*summary.act_first, *summary.outside_control)
    if not ranked:
        return None
    rows = []
    for item in ranked:
        check = project.churn.causes.get(item.cause.id)
        evidence = [check.evidence] if check and check.evidence else []
        evidence += [s.message.render(language) for s in item.suggestions]
        rows.append(
            (
                t(item.cause.title),
                t(N_("yes")) if item.controllable else t(N_("mostly not")),
                t(SEVERITY_NAMES[item.severity]) if item.severity else "–",
                "\n".join(evidence) or "–",
                t(item.cause.what_to_do),
            )
        )
    return Table(
        (
            t(N_("Churn cause")),
            t(N_("Within your control")),
            t(N_("How strongly")),
            t(N_("Evidence")),
            t(N_("What to do")),
        ),
        tuple(rows),
    )


def diagnosis_section(
    project: Project, language: str, context: KpiContext
) -> DiagnosisSection | None:
    t = translator(language).gettext
    labelled = t(N_("{label}: {text}"))
    block = retention_type_block(project, language)
    causes = _causes(project, language, context)
    made = set(project.churn.mistakes)
    mistakes = tuple(
        labelled.format(label=t(m.title), text=t(m.help)) for m in MISTAKES if m.id in made
    )
    audit: tuple[str, ...] = ()
    if project.churn.has_loyalty_programme:
        answers = project.churn.loyalty_audit
        audit = tuple(
            labelled.format(label=t(item.problem), text=t(item.help))
            for item in AUDIT_ITEMS
            if answers.get(item.id) is False
        )
    if block is None and causes is None and not mistakes and not audit:
        return None
    return DiagnosisSection(block, causes, mistakes, audit)
