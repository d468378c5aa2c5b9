"""Edits of the diagnosis (retention-type answers, churn causes, mistakes, loyalty audit), each
returning its inverse (see :mod:`advisor.domain.edits`). Ids are checked against the domain's
tables, so an edit can never store an answer, cause or item this version does not know."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from advisor.domain.churn_causes import CAUSES_BY_ID
from advisor.domain.loyalty_audit import AUDIT_BY_ID
from advisor.domain.mistakes import MISTAKES_BY_ID, canonical_order
from advisor.domain.project import ChurnCauseCheck, Project, Severity
from advisor.domain.retention_questionnaire import QUESTIONS_BY_ID, is_known_answer
from advisor.domain.schema import SchemaError
from advisor.i18n import N_, _

MAX_EVIDENCE = 2000


def _unknown(path: str, value: str) -> SchemaError:
    return SchemaError(path, _("unknown id “{value}”").format(value=value))


@dataclass(frozen=True)
class SetAnswer:
    """Answer one question of the retention-type questionnaire (``None`` clears it)."""

    question_id: str
    answer_id: str | None

    @property
    def merge_key(self) -> str:
        return f"retention_type.{self.question_id}"

    def apply(self, project: Project) -> SetAnswer:
        path = f"retention_type.answers.{self.question_id}"
        if self.question_id not in QUESTIONS_BY_ID:
            raise _unknown(path, self.question_id)
        if self.answer_id is not None and not is_known_answer(self.question_id, self.answer_id):
            raise _unknown(path, self.answer_id)
        answers = project.retention_type.answers
        old = answers.get(self.question_id)
        if self.answer_id is None:
            answers.pop(self.question_id, None)
        else:
            answers[self.question_id] = self.answer_id
        return SetAnswer(self.question_id, old)

    def describe(self) -> str:
        return _("Answer “{question}”").format(question=_(QUESTIONS_BY_ID[self.question_id].text))


def _canonical_symptoms(cause_id: str, symptoms: list[str]) -> list[str]:
    order = {s: i for i, s in enumerate(CAUSES_BY_ID[cause_id].symptoms)}
    return sorted(symptoms, key=lambda s: order.get(s, len(order)))


@dataclass(frozen=True)
class ReplaceCause:
    """Put back a cause's whole judgement (``None``: not judged at all); the inverse of every
    cause edit, so undo restores the file exactly."""

    cause_id: str
    check: ChurnCauseCheck | None
    label: str

    @property
    def merge_key(self) -> str:
        return f"churn.{self.cause_id}.{self.label}"

    def apply(self, project: Project) -> ReplaceCause:
        causes = project.churn.causes
        old = causes.get(self.cause_id)
        if self.check is None:
            causes.pop(self.cause_id, None)
        else:
            causes[self.cause_id] = copy.deepcopy(self.check)
        return ReplaceCause(self.cause_id, copy.deepcopy(old), self.label)

    def describe(self) -> str:
        return _(self.label).format(cause=_(CAUSES_BY_ID[self.cause_id].title))


def _edit_cause(project: Project, cause_id: str, label: str, **changes: object) -> ReplaceCause:
    if cause_id not in CAUSES_BY_ID:
        raise _unknown("churn.causes", cause_id)
    old = project.churn.causes.get(cause_id)
    base = copy.deepcopy(old) if old is not None else ChurnCauseCheck()
    project.churn.causes[cause_id] = replace(base, **changes)  # type: ignore[arg-type]
    return ReplaceCause(cause_id, old, label)


_SYMPTOM = N_("Tick a symptom of “{cause}”")
_SEVERITY = N_("Judge “{cause}”")
_EVIDENCE = N_("Edit the evidence for “{cause}”")
_CONTROL = N_("Judge whether “{cause}” is within your control")


@dataclass(frozen=True)
class SetSymptom:
    """Tick or untick one symptom of a churn cause."""

    cause_id: str
    symptom_id: str
    ticked: bool

    @property
    def merge_key(self) -> str:
        return f"churn.{self.cause_id}.symptom.{self.symptom_id}.{id(self)}"

    def apply(self, project: Project) -> ReplaceCause:
        cause = CAUSES_BY_ID.get(self.cause_id)
        if cause is None or self.symptom_id not in cause.symptoms:
            raise _unknown(f"churn.causes.{self.cause_id}.symptoms", self.symptom_id)
        check = project.churn.causes.get(self.cause_id) or ChurnCauseCheck()
        symptoms = [s for s in check.symptoms if s != self.symptom_id]
        if self.ticked:
            symptoms.append(self.symptom_id)
        symptoms = _canonical_symptoms(self.cause_id, symptoms)
        return _edit_cause(project, self.cause_id, _SYMPTOM, symptoms=symptoms)

    def describe(self) -> str:
        return _(_SYMPTOM).format(cause=_(CAUSES_BY_ID[self.cause_id].title))


@dataclass(frozen=True)
class SetCauseSeverity:
    """How strongly a cause applies (``None``: not judged)."""

    cause_id: str
    severity: Severity | None

    @property
    def merge_key(self) -> str:
        return f"churn.{self.cause_id}.severity"

    def apply(self, project: Project) -> ReplaceCause:
        severity = None if self.severity is None else Severity(self.severity)
        return _edit_cause(project, self.cause_id, _SEVERITY, severity=severity)

    def describe(self) -> str:
        return _(_SEVERITY).format(cause=_(CAUSES_BY_ID[self.cause_id].title))


@dataclass(frozen=True)
class SetCauseEvidence:
    """The workshop's evidence for a cause, in its own words."""

    cause_id: str
    evidence: str

    @property
    def merge_key(self) -> str:
        return f"churn.{self.cause_id}.evidence"

    def apply(self, project: Project) -> ReplaceCause:
        if len(self.evidence) > MAX_EVIDENCE:
            raise SchemaError(
                f"churn.causes.{self.cause_id}.evidence",
                _("keep it under {n} characters").format(n=MAX_EVIDENCE),
            )
        return _edit_cause(project, self.cause_id, _EVIDENCE, evidence=self.evidence)

    def describe(self) -> str:
        return _(_EVIDENCE).format(cause=_(CAUSES_BY_ID[self.cause_id].title))


@dataclass(frozen=True)
class SetCauseControllable:
    """Whether the business can act on a cause (``None``: not judged, the usual answer holds)."""

    cause_id: str
    controllable: bool | None

    @property
    def merge_key(self) -> str:
        return f"churn.{self.cause_id}.controllable"

    def apply(self, project: Project) -> ReplaceCause:
        return _edit_cause(project, self.cause_id, _CONTROL, controllable=self.controllable)

    def describe(self) -> str:
        return _(_CONTROL).format(cause=_(CAUSES_BY_ID[self.cause_id].title))


@dataclass(frozen=True)
class SetMistake:
    """Tick (the business makes it) or untick one common mistake."""

    mistake_id: str
    made: bool

    @property
    def merge_key(self) -> str:
        return f"churn.mistake.{self.mistake_id}.{id(self)}"

    def apply(self, project: Project) -> SetMistake:
        if self.mistake_id not in MISTAKES_BY_ID:
            raise _unknown("churn.mistakes", self.mistake_id)
        mistakes = project.churn.mistakes
        old = self.mistake_id in mistakes
        kept = [m for m in mistakes if m != self.mistake_id]
        if self.made:
            kept.append(self.mistake_id)
        project.churn.mistakes = canonical_order(kept)
        return SetMistake(self.mistake_id, old)

    def describe(self) -> str:
        return _("Tick a common mistake")


@dataclass(frozen=True)
class SetHasLoyaltyProgramme:
    """Whether the business runs or plans a loyalty programme (``None``: not said)."""

    value: bool | None

    @property
    def merge_key(self) -> str:
        return "churn.has_loyalty_programme"

    def apply(self, project: Project) -> SetHasLoyaltyProgramme:
        old = project.churn.has_loyalty_programme
        project.churn.has_loyalty_programme = self.value
        return SetHasLoyaltyProgramme(old)

    def describe(self) -> str:
        return _("Say whether there is a loyalty programme")


@dataclass(frozen=True)
class SetAuditItem:
    """Whether the loyalty programme meets one good practice (``None``: not checked)."""

    item_id: str
    met: bool | None

    @property
    def merge_key(self) -> str:
        return f"churn.loyalty_audit.{self.item_id}"

    def apply(self, project: Project) -> SetAuditItem:
        if self.item_id not in AUDIT_BY_ID:
            raise _unknown("churn.loyalty_audit", self.item_id)
        audit = project.churn.loyalty_audit
        old = audit.get(self.item_id)
        if self.met is None:
            audit.pop(self.item_id, None)
        else:
            audit[self.item_id] = self.met
        return SetAuditItem(self.item_id, old)

    def describe(self) -> str:
        return _("Check the loyalty programme")
