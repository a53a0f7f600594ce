"""Progress reports per milestone and the bureau's inspections and staged evaluations
(鄂人社发〔2022〕100号 七(二): 定期检查，按照项目产出要求分阶段评估)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from .. import rules
from ..choices import EvaluationKind, Grade
from ..files import checked_pdf
from ..models import Evaluation, Milestone, ProgressReport
from .base import lock, log, require


@transaction.atomic
def report_progress(milestone: Milestone, *, by, text: str, evidence=None) -> ProgressReport:
    """The unit reports what it has done for one acceptance point, with a PDF as evidence."""
    project = lock(milestone.project)
    require(rules.can_report(by, project), "只有建设中项目的建设单位可以报告建设进展。")
    require(bool(text and text.strip()), "请填写完成情况。", field="text")
    report = ProgressReport(milestone=milestone, text=text.strip(), reported_by=by)
    if evidence:
        report.evidence_name, report.evidence_sha256 = checked_pdf(evidence, field="evidence")
        report.evidence.save(report.evidence_name, evidence, save=False)
    report.save()
    log(project, by=by, action="报告建设进展",
        payload={"milestone": milestone.pk, "report": report.pk,
                 "sha256": report.evidence_sha256})
    return report


@transaction.atomic
def record_evaluation(project, *, by, kind: str, findings: str, grade: str,
                      evaluated_on: date, stage: int | None = None) -> Evaluation:
    """Record an inspection or a staged evaluation with its findings and grade
    (优秀/良好/合格/不合格). A staged evaluation names the construction year it covers."""
    locked = lock(project)
    require(rules.can_evaluate(by, locked), "只有主管部门或发文单位可以对建设中的项目检查评估。")
    require(kind in EvaluationKind.values, "请选择检查评估类型。", field="kind")
    require(grade in Grade.values, "请选择评估等次。", field="grade")
    require(bool(findings and findings.strip()), "请填写检查评估意见。", field="findings")
    require(evaluated_on <= timezone.localdate(), "检查评估日期不能晚于今天。", field="evaluated_on")
    if kind == EvaluationKind.STAGED:
        years = locked.construction_years
        require(stage is not None and 1 <= stage <= years,
                f"请选择评估阶段（建设期第1至第{years}年）。", field="stage")
    else:
        stage = None
    evaluation = Evaluation.objects.create(
        project=locked, kind=kind, stage=stage, findings=findings.strip(), grade=grade,
        evaluated_on=evaluated_on, recorded_by=by)
    log(locked, by=by, action=f"记录{EvaluationKind(kind).label}",
        comment=findings.strip(), payload={"grade": grade, "stage": stage})
    return evaluation
