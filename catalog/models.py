from django.db import models

from calls.choices import Category


class Occupation(models.Model):
    """职业分类大典（2022年版）: 大类 / 中类 / 小类 / 职业 (细类)."""

    class Level(models.IntegerChoices):
        MAJOR = 1, "大类"
        MIDDLE = 2, "中类"
        MINOR = 3, "小类"
        OCCUPATION = 4, "职业"

    code = models.CharField("代码", max_length=10, unique=True)
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices)
    name = models.CharField("名称", max_length=80, db_index=True)
    parent = models.ForeignKey("self", verbose_name="上级", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")
    green = models.BooleanField("绿色职业（L）", default=False)
    digital = models.BooleanField("数字职业（S）", default=False)

    class Meta:
        verbose_name = "职业"
        verbose_name_plural = "职业分类大典（2022年版）"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def major(self) -> int:
        return int(self.code[0])

    @property
    def marks(self) -> str:
        return ("L" if self.green else "") + ("/" if self.green and self.digital else "") + (
            "S" if self.digital else ""
        )


# 105号 二(四): 第六大类 → 生产制造类; 第四大类 → 社会生产和生活服务类.
MAJOR_TO_CATEGORY = {6: Category.MANUFACTURING, 4: Category.SERVICE}


def category_for_code(code: str) -> str | None:
    """The category the occupation's 大类 implies; None where no category follows from it."""
    try:
        return MAJOR_TO_CATEGORY.get(int(code[0]))
    except (ValueError, IndexError):
        return None
