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
