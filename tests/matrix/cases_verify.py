"""Paper ⇄ electronic verification: the public lookup (anyone, signed in or not), the sealed
scans of unit A's application (uploaded by the unit and its recommender; seen by whoever may
see the application)."""

from .cases import A_VIEWERS, ACTORS, at, c, pk, post

VERIFY = {
    "verify:lookup": [c("/verify/", set(ACTORS)), c("/verify/?code=JD0001-v1-p01-2345", set(ACTORS))],
    "verify:page": [c(lambda w: f"/verify/{w.verify_code}/", set(ACTORS))],
    "verify:upload": [post(at("verify:upload", pk("app_a")), {"alice", "rex"})],
    "verify:scan": [c(at("verify:scan", pk("verify_scan")), A_VIEWERS)],
    "verify:scan_file": [c(at("verify:scan_file", pk("verify_scan")), A_VIEWERS)],
}
