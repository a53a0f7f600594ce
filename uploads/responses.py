"""Serve a privately stored file as an attachment (the caller has checked permission), and write
the download to the one event log (audit.AuditLog): materials, scans, renders, packages. A file
sealed at rest (core.sealed: renders, the 备案 zip, personal materials) is decrypted here, for
the one reader who was let through, and nowhere on disk."""

from django.http import FileResponse, Http404

from audit.models import AuditAction
from audit.services import log_event
from core.sealed import open_plain


def private_file_response(file_field, download_name: str, *, request, obj,
                          action: str = AuditAction.DOWNLOAD, **detail) -> FileResponse:
    """Content-Disposition: attachment, never cached by shared caches, never sniffed. `obj` is
    what was downloaded (a material, a scan, a render job, a filing), logged with the user and
    the source address; `action` VIEW_PII for files that carry unmasked personal data."""
    try:
        handle = open_plain(file_field)
    except FileNotFoundError as exc:
        raise Http404("文件不存在") from exc
    log_event(obj, request.user, action, request=request, file=download_name, **detail)
    response = FileResponse(handle, as_attachment=True, filename=download_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
