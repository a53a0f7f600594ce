"""复制上年申报 (issue 17 §6): which earlier application a new one was started from, and what
the applicant must still check."""

from django.conf import settings
from django.db import models


class CarryForward(models.Model):
    """The record of one carry-forward into `application` from `source`.

    `flags` holds the fields marked 请核对, per section, with the section's version right after
    the copy: {section key: {"version": n, "fields": {field key: reason}}}. A flag stands while
    the section is at that version; the unit's next save of the section (the page saves every
    field shown on it) clears it. `cleared` lists the labels of the year-bound entries not
    copied; `reused` the ids of the source's materials the unit chose to re-use.
    """

    application = models.OneToOneField("declare.Application", verbose_name="申报",
                                       on_delete=models.CASCADE, related_name="carried")
    source = models.ForeignKey("declare.Application", verbose_name="复制自",
                               on_delete=models.PROTECT, related_name="+")
    flags = models.JSONField("请核对", default=dict, blank=True)
    copied = models.PositiveIntegerField("已复制项数", default=0)
    cleared = models.JSONField("已清空", default=list, blank=True)
    reused = models.JSONField("已复用材料", default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人",
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("复制时间", auto_now_add=True)

    class Meta:
        verbose_name = "复制上年申报"
        verbose_name_plural = "复制上年申报"

    def __str__(self):
        return f"{self.application_id} ← {self.source_id}"
