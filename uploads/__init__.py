"""Safe file uploads: content-checked validation and private, permission-gated downloads.

A plain package (not a Django app). Threat model and assumptions:
- the type is decided by the file's content (magic bytes), never by its name or the
  browser's Content-Type; only PDF, JPEG and PNG are accepted;
- images are size-checked from their header before decoding (decompression bombs);
- PDFs with active content (JavaScript, launch actions, embedded files, open actions) are
  refused; the PDF is parsed, never rendered, on upload;
- files are stored under generated names in private storage and served only as attachments
  through views that check permission first;
- no antivirus runs here: files are assumed virus-free once they pass these checks, and the
  operator is expected to scan the private storage volume (documented in the README).
"""

from .responses import private_file_response
from .validation import UploadKind, validate_upload

__all__ = ["UploadKind", "private_file_response", "validate_upload"]
