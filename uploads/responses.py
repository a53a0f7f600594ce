"""Serve a privately stored file as an attachment (the caller has checked permission)."""

from django.http import FileResponse, Http404


def private_file_response(file_field, download_name: str) -> FileResponse:
    """Content-Disposition: attachment, never cached by shared caches, never sniffed."""
    try:
        handle = file_field.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("文件不存在") from exc
    response = FileResponse(handle, as_attachment=True, filename=download_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
