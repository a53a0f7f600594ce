"""A copied call (calls.copying) takes the 评分细则 in force for each kind, as its first version."""

from django.dispatch import receiver

from calls.models import Call
from calls.signals import call_copied

from .services.rubrics import current_rubric, publish_rubric


@receiver(call_copied, sender=Call, dispatch_uid="review_copy_rubrics")
def copy_rubrics(sender, source, copy, **kwargs):
    for kind in copy.kinds:
        rubric = current_rubric(source, kind)
        if rubric is None:
            continue
        publish_rubric(copy, kind, by=None, note=f"由{source.year}年批次复制（第{rubric.version}版）",
                       criteria=[{"group": c.group, "name": c.name, "max_points": c.max_points,
                                  "weight": c.weight, "guidance": c.guidance}
                                 for c in rubric.criteria.order_by("position")])
