from django.db import models


class Role(models.TextChoices):
    APPLICANT = "applicant", "申报单位用户"
    RECOMMENDER = "recommender", "推荐单位用户"
    REVIEWER = "reviewer", "自治区审核人员"
    EXPERT = "expert", "评审专家"
    ADMIN = "admin", "系统管理员"


# Object permission on the Organisation that each role's membership grants (django-guardian).
ROLE_PERMISSION = {
    Role.APPLICANT: "orgs.declare_for",
    Role.RECOMMENDER: "orgs.recommend_for",
    Role.REVIEWER: "orgs.review_for",
    Role.EXPERT: "orgs.expert_for",
    Role.ADMIN: "orgs.administer",
}


def role_label(role: str, organisation) -> str:
    """The role as the user's organisation names it: the region's reviewers are 自治区审核人员;
    a city bureau that runs its own call (鄂尔多斯市) has its own reviewers."""
    if role == Role.REVIEWER and organisation.kind != "region":
        return f"{organisation.label}审核人员"
    return Role(role).label


def review_label(organisation) -> str:
    """Name of the review stage for reviewers of `organisation` (menu, home card)."""
    return "自治区复审" if organisation.kind == "region" else f"{organisation.label}复审"
