"""Evidence and change documents: PDF only, checked by the shared `uploads` package."""

from django.core.exceptions import ValidationError

from core.errors import DomainError
from uploads import validate_upload


def checked_pdf(uploaded, *, field: str) -> tuple[str, str]:
    """(safe_name, sha256) of an uploaded PDF, or DomainError at `field`."""
    try:
        _kind, name, sha = validate_upload(uploaded, allowed=("pdf",))
    except ValidationError as exc:
        raise DomainError("；".join(exc.messages), field=field) from exc
    return name, sha

