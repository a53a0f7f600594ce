"""The vocabulary of the notices: project kinds, categories, tiers, call levels."""

from django.db import models


class ProjectKind(models.TextChoices):
    BASE = "base", "培训基地建设项目"
    STUDIO = "studio", "工作室建设项目"


class Category(models.TextChoices):
    MANUFACTURING = "manufacturing", "生产制造类"
    SERVICE = "service", "社会生产和生活服务类"
    OTHER = "other", "其他类"


# 105号 二(四): bases have two categories, studios three.
CATEGORIES_FOR_KIND = {
    ProjectKind.BASE: (Category.MANUFACTURING, Category.SERVICE),
    ProjectKind.STUDIO: (Category.MANUFACTURING, Category.SERVICE, Category.OTHER),
}


class Tier(models.TextChoices):
    A = "A", "A档（新建项目）"
    B = "B", "B档（已建项目）"


class CallLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    REGIONAL = "regional", "自治区级"
    CITY = "city", "市级"


class CallStatus(models.TextChoices):
    DRAFT = "draft", "未发布"
    OPEN = "open", "申报中"
    REVIEW = "review", "复审中"
    FILED = "filed", "已备案"
    CLOSED = "closed", "已结束"


def category_tier_label(category: str, tier: str | None) -> str:
    """附件2-1 填表说明: 生产制造类 A 档 … (tier only for bases)."""
    label = Category(category).label
    return f"{label}{tier}档" if tier else label
