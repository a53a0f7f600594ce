"""联系人: each recommender names its contact person and phone (105号 五(三), due 7月5日)."""

import re

from django.db import transaction
from django.utils import timezone

from core import pii
from core.errors import DomainError

from ..models import ContactPerson, PackageAction
from ._common import check_recommender, lock_package, package_event
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
    stored encrypted (core.pii)."""
    errors = contact_problems(name=name, phone=phone, mobile=mobile)
    if errors:
        raise DomainError("；".join(errors.values()))
    now = now or timezone.now()
    with transaction.atomic():
        package = lock_package(ensure_package(call, recommender))
        check_recommender(by, package)
        contact, created = ContactPerson.objects.update_or_create(
            call=call, recommender=recommender,
            defaults={"name": name.strip(), "post": post.strip(), "phone": phone.strip(),
                      "mobile_encrypted": pii.encrypt(mobile.strip())},
            create_defaults={"name": name.strip(), "post": post.strip(), "phone": phone.strip(),
                             "mobile_encrypted": pii.encrypt(mobile.strip()),
                             "registered_at": now, "registered_by": by})
        package_event(package, by=by, action=PackageAction.CONTACT,
                      comment=f"{contact.name} {contact.phone}",
                      payload={"first": created})
    return contact
