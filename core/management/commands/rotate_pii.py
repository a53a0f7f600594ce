"""python manage.py rotate_pii — re-encrypt every stored personal value ("enc1:…", core.pii)
under the current FIELD_ENCRYPTION_KEY, so the keys in FIELD_ENCRYPTION_KEYS_OLD can be dropped.

It looks in every text and JSON column of every model (申报栏目 data and its history, experts,
objections, second-factor secrets, …) except the append-only audit log, locks each row while
rewriting it (a user saving at the same moment is never overwritten), writes with UPDATE (no
new history entry, no version bump) and leaves values already under the current key alone, so
running it again changes nothing. A value no configured key can read is reported and left as
it is. Files sealed at rest (core.sealed: renderings, 备案 zips, personal materials) are found
the same way — every file column of every model, by their content — and re-sealed in place.
"""

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast

from core import pii, sealed

SKIPPED_APPS = {"audit"}  # append-only (a trigger refuses UPDATE); holds no encrypted values


class Rotation:
    def __init__(self):
        self.current = Fernet(settings.FIELD_ENCRYPTION_KEY)
        self.rotated = self.kept = self.files = 0
        self.unreadable: list[str] = []

    def value(self, text: str, where: str) -> str:
        token = text[len(pii.PREFIX):].encode()
        try:
            self.current.decrypt(token)
        except InvalidToken:
            pass
        else:
            self.kept += 1
            return text
        try:
            new = pii.rotate(text)
        except InvalidToken:
            self.unreadable.append(where)
            return text
        self.rotated += 1
        return new

    def file(self, file: FieldFile, dry_run: bool) -> None:
        try:
            self.files += sealed.rotate_stored(file, dry_run=dry_run)
        except InvalidToken:
            self.unreadable.append(f"文件 {file.name}")

    def walk(self, data, where: str):
        if pii.is_encrypted(data):
            return self.value(data, where)
        if isinstance(data, dict):
            return {k: self.walk(v, where) for k, v in data.items()}
        if isinstance(data, list):
            return [self.walk(v, where) for v in data]
        return data


def columns():
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED_APPS or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            yield model, field


def encrypted_columns():
    for model, field in columns():
        if isinstance(field, models.JSONField):
            yield model, field, {"_as_text__contains": pii.PREFIX}
        elif isinstance(field, models.CharField | models.TextField):
            yield model, field, {f"{field.attname}__startswith": pii.PREFIX}


def stored_files():
    """Every stored file name of every file column, once per column."""
    for model, field in columns():
        if isinstance(field, models.FileField):
            names = (model._base_manager.exclude(**{field.attname: ""}).order_by()
                     .values_list(field.attname, flat=True).distinct())
            yield from (FieldFile(None, field, name) for name in names)


def candidates(model, field, lookup):
    qs = model._base_manager.all()
    if isinstance(field, models.JSONField):
        qs = qs.annotate(_as_text=Cast(field.attname, models.TextField()))
    return qs.filter(**lookup).values_list("pk", flat=True).order_by("pk")


def rotate_row(model, field, pk, rotation: Rotation, dry_run: bool) -> None:
    with transaction.atomic():
        row = model._base_manager.select_for_update().filter(pk=pk).values_list(
            field.attname, flat=True).first()
        if row is None:
            return
        new = rotation.walk(row, f"{model._meta.label}.{field.attname} #{pk}")
        if new != row and not dry_run:
            model._base_manager.filter(pk=pk).update(**{field.attname: new})


class Command(BaseCommand):
    help = ("用当前密钥（FIELD_ENCRYPTION_KEY）重新加密全部个人信息（身份证号、手机等）及加密保存的文件，"
            "可重复执行。")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计，不写入。")

    def handle(self, *args, dry_run=False, **options):
        rotation = Rotation()
        for model, field, lookup in encrypted_columns():
            for pk in candidates(model, field, lookup):
                rotate_row(model, field, pk, rotation, dry_run)
        for file in stored_files():
            rotation.file(file, dry_run)
        verb = "需重新加密" if dry_run else "已重新加密"
        self.stdout.write(f"{verb} {rotation.rotated} 个值；{rotation.kept} 个值已使用当前密钥。")
        self.stdout.write(f"{verb} {rotation.files} 个加密保存的文件。")
        if rotation.unreadable:
            shown = "、".join(rotation.unreadable[:10])
            raise CommandError(f"{len(rotation.unreadable)} 个值无法用已配置的任何密钥解密，未作改动："
                               f"{shown}。请检查 FIELD_ENCRYPTION_KEYS_OLD 是否包含旧密钥。")
