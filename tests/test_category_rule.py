"""105号 二(四) has one home (declare.eligibility.check_category): the applicant's 资格预审 page
and the recommender's inbox and detail page show the same verdict in the same words."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from calls.choices import Category
from declare.models import Speciality

from .factories import occupation
from .quotas_support import submitted_application

pytestmark = pytest.mark.django_db

RULE = "common.category"


class _RuleText(HTMLParser):
    """The text and the badge of the element marked data-rule="common.category"."""

    def __init__(self):
        super().__init__()
        self.depth, self.text, self.badge, self._in_badge = 0, [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag not in ("br",)
            self._in_badge = "badge" in (attrs.get("class") or "")
        elif attrs.get("data-rule") == RULE:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag != "br":
            self.depth -= 1
            self._in_badge = False

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            if self._in_badge and self.badge is None:
                self.badge = data.strip()


def _shown(response) -> tuple[str | None, str]:
    assert response.status_code == 200
    parser = _RuleText()
    parser.feed(response.content.decode())
    return parser.badge, "".join(parser.text)


def _pages(client, app, alice, rex, recommender_x):
    client.force_login(alice)
    applicant = _shown(client.get(reverse("declare:precheck", args=[app.pk])))
    client.force_login(rex)
    detail = _shown(client.get(reverse("quotas:application",
                                       args=[recommender_x.pk, app.call_id, app.pk])))
    inbox = _shown(client.get(reverse("quotas:inbox", args=[recommender_x.pk, app.call_id])))
    return applicant, detail, inbox


def test_mismatched_category_is_not_eligible_for_applicant_and_recommender_alike(
        client, call, unit_a, alice, rex, recommender_x):
    app = submitted_application(call=call, unit=unit_a, category=Category.MANUFACTURING,
                                code="4-10-01-05")
    reason = ("养老护理员（4-10-01-05）属第四大类“社会生产服务和生活服务人员”，"
              "对应“社会生产和生活服务类”，与申报类别“生产制造类”不符")
    for badge, text in _pages(client, app, alice, rex, recommender_x):
        assert badge == "不符合"
        assert reason in text


def test_two_specialities_of_two_categories_need_an_explanation_on_both_sides(
        client, call, unit_a, alice, rex, recommender_x):
    app = submitted_application(call=call, unit=unit_a, code="6-18-01-01")
    Speciality.objects.create(application=app, position=2, occupation=occupation("4-10-01-05"))
    app.explanations = {RULE: "两个专业共用实训中心。"}
    app.save()
    reason = ("两个申报专业分属不同类别：车工（6-18-01-01）对应“生产制造类”；养老护理员（4-10-01-05）"
              "对应“社会生产和生活服务类”；申报类别为“生产制造类”，请说明理由")
    for badge, text in _pages(client, app, alice, rex, recommender_x):
        assert badge == "需说明"
        assert reason in text
        assert "情况说明：两个专业共用实训中心。" in text


def test_occupation_outside_groups_four_and_six_needs_an_explanation_for_the_recommender_too(
        client, call, unit_a, alice, rex, recommender_x):
    app = submitted_application(call=call, unit=unit_a, code="2-02-07-01")
    for badge, text in _pages(client, app, alice, rex, recommender_x):
        assert badge == "需说明"
        assert "机械设计工程技术人员（2-02-07-01）属第二大类“专业技术人员”" in text


def test_matching_category_shows_no_finding_to_the_recommender(
        client, call, unit_a, alice, rex, recommender_x):
    app = submitted_application(call=call, unit=unit_a, code="6-18-01-01")
    applicant, detail, inbox = _pages(client, app, alice, rex, recommender_x)
    assert applicant[0] == "符合"
    assert detail == inbox == (None, "")
