"""One personal-data cipher, in core (core.pii): sections, experts, objectors and second-factor
secrets share it, and orgs no longer reaches up into declare for it."""

import ast
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from core import pii

ROOT = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module)
    return out


def test_orgs_imports_nothing_from_declare():
    offenders = {str(p.relative_to(ROOT)): sorted(m for m in _imported_modules(p)
                                                  if m.split(".")[0] == "declare")
                 for p in (ROOT / "orgs").rglob("*.py") if "migrations" not in p.parts}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_encrypted_value_reads_back_and_is_masked_for_others(settings):
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    stored = pii.encrypt("150102198001011234")
    assert pii.is_encrypted(stored) and "150102198001011234" not in stored
    assert pii.decrypt(stored) == "150102198001011234"
    assert pii.mask_id(pii.decrypt(stored)) == "150102********1234"
    assert pii.mask_mobile("13912345678") == "139****5678"


def test_a_value_under_a_dropped_key_is_refused_in_chinese(settings):
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    stored = pii.encrypt("13912345678")
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS_OLD = []
    with pytest.raises(ValueError, match="个人信息解密失败"):
        pii.decrypt(stored)
