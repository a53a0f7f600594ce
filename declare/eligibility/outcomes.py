"""The vocabulary of the 资格预审: outcomes (符合 / 不符合 / 需说明), a Finding, the Inputs the
rules read, and the Rule type; the rules of 105号 二 are in declare.eligibility.conditions."""

from collections.abc import Callable
from dataclasses import dataclass, field

from calls.choices import ProjectKind

PASS, FAIL, EXPLAIN = "pass", "fail", "explain"
OUTCOME_LABELS = {PASS: "符合", FAIL: "不符合", EXPLAIN: "需说明"}
OUTCOME_BADGES = {PASS: "ok", FAIL: "bad", EXPLAIN: "warn"}
BASE, STUDIO = ProjectKind.BASE.value, ProjectKind.STUDIO.value


@dataclass(frozen=True)
class Finding:
    rule_id: str
    title: str
    outcome: str
    reason: str
    citation: str
    explanation: str = ""
    explained_by: str = "unit"   # "recommender": the 说明 is the recommender's (105号 二(二))

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def badge(self) -> str:
        return OUTCOME_BADGES[self.outcome]

    @property
    def blocks(self) -> bool:
        """A fail, or an explain still without the unit's explanation, stops the submission; an
        explanation the recommender writes is asked of it before it recommends, not of the unit."""
        return self.outcome == FAIL or (self.outcome == EXPLAIN and self.explained_by == "unit"
                                        and not self.explanation.strip())

    @property
    def awaits_recommender(self) -> bool:
        return (self.outcome == EXPLAIN and self.explained_by == "recommender"
                and not self.explanation.strip())


@dataclass
class Inputs:
    """What the rules read: stored section data and the declared occupations as (code, name)
    pairs in the specialities' order."""

    sections: dict[str, dict]
    specialities: list[tuple[str, str]]
    majors: dict[str, str] = field(default_factory=dict)   # "6" → 生产制造及有关人员
    # what the rules of one evaluation share, read by the first that needs it (projects: the
    # unit's records, one cache read for its four rules)
    memo: dict = field(default_factory=dict)

    def section(self, key: str) -> dict:
        return self.sections.get(key) or {}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    citation: str
    check: Callable[..., tuple]          # (application, data: Inputs) -> (outcome, reason[, expl])
    kinds: tuple[str, ...] = (BASE, STUDIO)
    tiers: tuple[str, ...] | None = None   # None: every tier (studios have none)
    explained_by: str = "unit"

    def applies_to(self, application) -> bool:
        return application.kind in self.kinds and (
            self.tiers is None or (application.tier or "") in self.tiers)

    def __call__(self, application, data: Inputs) -> Finding:
        outcome, reason, *rest = self.check(application, data)
        explanation = rest[0] if rest else (application.explanations or {}).get(self.id, "")
        call = getattr(application, "call", None)   # the basics before creation have none
        citation = call.wording.own_citation(self.citation) if call else self.citation
        return Finding(self.id, self.title, outcome, reason, citation, explanation or "",
                       self.explained_by)


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocks]

