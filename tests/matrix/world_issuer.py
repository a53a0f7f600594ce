"""One issuer's side of the world, made through the services: a submitted studio application
with its 身份证号 and an ID-card scan, a version, its recommender's package, render jobs (the
application's 附件4, the recommender's 附件2, the whole call's summary), an expert pool of that
issuer with a scoring panel, and a project. Built for the region and for a city bureau (like
鄂尔多斯市人社局), so each issuer's staff can be checked against the other's objects."""

import hashlib
from types import SimpleNamespace

from django.core.files.base import ContentFile

from calls.choices import ProjectKind
from declare.models import ApplicationStatus, Material
from declare.services.snapshots import create_snapshot
from documents.samples import fill_application
from documents.services import request_application_document, request_summary
from orgs.roles import Role
from orgs.services import grant_membership
from quotas.services import ensure_package
from review.models import Assignment

from ..factories import ApplicationFactory, ExpertFactory, UserFactory, occupation
from ..quotas_support import fill_package
from ..review_support import admit_all, forwarded, scoring_panel
from ..test_projects_support import make_project
from ..test_uploads_samples import image_bytes

ID_NUMBER = "150202197503120011"   # the 技能大师's 身份证号 that documents.samples fills in


def pool_expert(pool, user, name):
    """An expert of `pool`'s 专家库 (the issuing organisation), with a system account."""
    grant_membership(user=user, organisation=pool, role=Role.EXPERT)
    return ExpertFactory(organisation=pool, pool=pool, user=user, name=name)


def panel_of(call, *, pool, reviewer, recommender, unit, member, prefix):
    """A scoring base panel of `call` (5 experts of `pool`'s 专家库, `member` one of them) over
    one forwarded, admitted application of `unit`; returns (panel, member's assignment)."""
    others = [pool_expert(pool, UserFactory(username=f"{prefix}{i}"), f"{prefix}专家{i}")
              for i in range(4)]
    forwarded(call, unit)
    admit_all(call, reviewer, [recommender])
    panel = scoring_panel(call, reviewer, [others[0], member, *others[1:]])
    return panel, Assignment.objects.get(panel=panel, expert=member)


def id_card_scan(app, by):
    """领办人身份证 as the upload service stores it (the application is past draft already)."""
    data = image_bytes("PNG")
    m = Material(application=app, item="id_card", title="领办人身份证", content_type="image/png",
                 size=len(data), sha256=hashlib.sha256(data).hexdigest(), uploaded_by=by)
    m.file.save("id_card.png", ContentFile(data), save=True)
    return m


def build_side(*, call, project_call, recommender, unit, applicant, rec_user, reviewer,
               expert_user, prefix) -> SimpleNamespace:
    s = SimpleNamespace(call=call, recommender=recommender, unit=unit)
    s.app = ApplicationFactory(call=call, unit=unit, kind=ProjectKind.STUDIO, tier="",
                               status=ApplicationStatus.SUBMITTED, submitted_version=1,
                               created_by=applicant)
    fill_application(s.app, occupations=[occupation("6-18-02-04")])
    s.material = id_card_scan(s.app, applicant)
    s.snapshot = create_snapshot(s.app, by=applicant)
    s.package = ensure_package(call, recommender)
    fill_package(s.package, by=rec_user)
    s.job_app = request_application_document(application=s.app, kind="form", by=applicant)
    s.job_summary = request_summary(call=call, recommender=recommender, kind="studio",
                                    fmt="xlsx", by=rec_user)
    s.job_region = request_summary(call=call, recommender=None, kind="studio", fmt="xlsx",
                                   by=reviewer)
    s.expert = pool_expert(call.issuer, expert_user, f"{prefix}库专家")
    s.panel, s.assignment = panel_of(call, pool=call.issuer, reviewer=reviewer,
                                     recommender=recommender, unit=unit, member=s.expert,
                                     prefix=prefix)
    s.project = make_project(project_call, unit, reviewer)
    return s
