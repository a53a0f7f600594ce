"""联系人: each recommender names its contact person and phone (105号 五(三), due 7月5日)."""

import re

from django.db import transaction
from django.utils import timezone

from core import pii
from core.errors import DomainError

from ..models import ChangeStatus, ContactChangeRequest, ContactPerson, PackageAction
from ._common import check_recommender, check_reviewer, lock_package, package_event
from .decisions import ensure_package

MOBILE = re.compile(r"^1[3-9]\d{9}$")
PHONE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$|^1[3-9]\d{9}$")


def contact_problems(*, name: str, phone: str, mobile: str) -> dict[str, str]:
    errors = {}
    if not name.strip():
        errors["name"] = "请填写联系人姓名。"
    if not PHONE.match(phone.strip()):
        errors["phone"] = "联系电话格式不正确，如 0472-5123456。"
    if not MOBILE.match(mobile.strip()):
        errors["mobile"] = "手机号码应为 11 位数字，以 1 开头。"
    return errors


def register_contact(call, recommender, *, by, name: str, post: str = "", phone: str,
                     mobile: str, now=None) -> ContactPerson:
    """Register or update the contact person; the first registration time is kept, the 手机
    stored encrypted (core.pii). Locked with the package: once it is submitted or its deadline
    has passed, a change is a request the issuing bureau approves (`request_contact_change`)."""
    errors = contact_problems(name=name, phone=phone, mobile=mobile)
    if errors:
        raise DomainError("；".join(errors.values()))
    now = now or timezone.now()
    with transaction.atomic():
        package = lock_package(ensure_package(call, recommender))
        check_recommender(by, package)
        if not package.is_writable(now):
            raise DomainError(locked_message(package))
        contact = _store(call, recommender, by=by, name=name, post=post, phone=phone,
                         mobile=mobile, now=now)
        package_event(package, by=by, action=PackageAction.CONTACT,
                      comment=f"{contact.name} {contact.phone}",
                      payload={"first": contact.registered_at == now})
    return contact


def locked_message(package) -> str:
    why = "已报送" if not package.is_editable else "已超过报送截止时间"
    return (f"推荐材料{why}，联系人已随推荐材料锁定。如需变更，请提交联系人变更申请，"
            f"由{package.call.wording.authority}审核。")


def _store(call, recommender, *, by, name, post, phone, mobile, now) -> ContactPerson:
    contact, _created = ContactPerson.objects.update_or_create(
            call=call, recommender=recommender,
            defaults={"name": name.strip(), "post": post.strip(), "phone": phone.strip(),
                      "mobile_encrypted": pii.encrypt(mobile.strip())},
            create_defaults={"name": name.strip(), "post": post.strip(), "phone": phone.strip(),
                             "mobile_encrypted": pii.encrypt(mobile.strip()),
                             "registered_at": now, "registered_by": by})
    return contact


def request_contact_change(package, *, by, name: str, post: str = "", phone: str, mobile: str,
                           reason: str) -> ContactChangeRequest:
    """Ask the issuing bureau to change the 联系人 of a locked package (one request at a time)."""
    errors = contact_problems(name=name, phone=phone, mobile=mobile)
    if not (reason or "").strip():
        errors["reason"] = "请填写变更理由。"
    if errors:
        raise DomainError("；".join(errors.values()))
    with transaction.atomic():
        package = lock_package(package)
        check_recommender(by, package)
        if package.is_writable():
            raise DomainError("推荐材料尚未锁定，可直接修改联系人。")
        if package.contact_requests.filter(status=ChangeStatus.PENDING).exists():
            raise DomainError("已有一项联系人变更申请待审核，请等待审核结果。")
        change = ContactChangeRequest.objects.create(
            package=package, name=name.strip(), post=post.strip(), phone=phone.strip(),
            mobile_encrypted=pii.encrypt(mobile.strip()), reason=reason.strip(), requested_by=by)
        package_event(package, by=by, action=PackageAction.CONTACT_REQUEST,
                      comment=f"{change.name} {change.phone}：{change.reason}",
                      payload={"request": change.pk})
    return change


def decide_contact_change(change, *, by, approve: bool, note: str = "",
                          now=None) -> ContactChangeRequest:
    """The issuing bureau approves (the 联系人 changes; a submitted 附件2 keeps its 填表人) or
    refuses, with a note; both audited on the package's timeline."""
    note = (note or "").strip()
    if not approve and not note:
        raise DomainError("不同意变更时请填写审核意见。")
    now = now or timezone.now()
    with transaction.atomic():
        package = lock_package(change.package)
        check_reviewer(by, package)
        change = ContactChangeRequest.objects.select_for_update().get(pk=change.pk)
        if not change.is_pending:
            raise DomainError(f"该申请已审核（{change.get_status_display()}）。")
        if approve:
            _store(package.call, package.recommender, by=change.requested_by, name=change.name,
                   post=change.post, phone=change.phone, mobile=change.mobile, now=now)
        change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REFUSED
        change.decided_by, change.decided_at, change.decision_note = by, now, note
        change.save()
        package_event(package, by=by,
                      action=PackageAction.CONTACT_APPROVE if approve
                      else PackageAction.CONTACT_REFUSE,
                      comment=f"{change.name} {change.phone}" + (f"：{note}" if note else ""),
                      payload={"request": change.pk})
    return change
