"""Recommender pages (only the recommender's own package) and the region's side (the
reviewers of the issuing organisation)."""

from .cases import at, c, pk, post

REX, RITA = {"rex"}, {"rita"}
REGION = RITA | {"adam"}   # the region pages: the issuer's reviewer acts, its admin reads
X, CALL = pk("recommender_x"), pk("call")


def pkg(name, *more):
    return at(name, X, CALL, *more)


def app(name):
    return at(name, X, CALL, pk("app_a"))


def region(name, *more):
    return at(name, CALL, X, *more)


QUOTAS = {
    "quotas:index": [c("/quotas/", {"rex", "yvonne"})],
    "quotas:inbox": [c(pkg("quotas:inbox"), REX)],
    "quotas:application": [c(app("quotas:application"), REX),
                           c(at("quotas:application", X, CALL, pk("app_a_draft")), set())],
    "quotas:recommend": [post(app("quotas:recommend"), REX)],
    "quotas:decline": [post(app("quotas:decline"), REX)],
    "quotas:return": [post(app("quotas:return"), REX)],
    "quotas:undo": [post(app("quotas:undo"), REX)],
    "quotas:statement": [post(app("quotas:statement"), REX)],
    "quotas:ranking": [c(pkg("quotas:ranking"), REX)],
    "quotas:move": [post(at("quotas:move", X, CALL, pk("app_a"), "up"), REX)],
    "quotas:report": [c(pkg("quotas:report"), REX), post(pkg("quotas:report"), REX)],
    "quotas:scan_upload": [post(pkg("quotas:scan_upload"), REX)],
    "quotas:report_pdf": [post(pkg("quotas:report_pdf"), REX)],
    "quotas:scan_download": [c(pkg("quotas:scan_download", pk("scan")), REX)],
    "quotas:scan_delete": [post(pkg("quotas:scan_delete", pk("scan")), REX)],
    "quotas:contact": [c(pkg("quotas:contact"), REX), post(pkg("quotas:contact"), REX)],
    "quotas:annex2": [c(pkg("quotas:annex2"), REX)],
    "quotas:package": [c(pkg("quotas:package"), REX)],
    "quotas:submit": [post(pkg("quotas:submit"), REX)],
    # each overseer's own calls (redirects to the one call)
    "quotas:region_index": [c("/quotas/region/", REGION | {"olga", "oscar"})],
    "quotas:region": [c(at("quotas:region", CALL), REGION)],
    "quotas:region_contacts": [c(at("quotas:region_contacts", CALL), REGION)],
    "quotas:region_package": [c(region("quotas:region_package"), REGION)],
    "quotas:reopen": [post(region("quotas:reopen"), RITA)],
    "quotas:extend": [post(region("quotas:extend"), RITA)],
    "quotas:region_scan": [c(region("quotas:region_scan", pk("scan")), REGION)],
    # 同意/不同意 a 联系人 change request: the issuer's reviewers only
    "quotas:contact_decide": [post(region("quotas:contact_decide", pk("contact_request")), RITA,
                                   {"decision": "approve"})],
}
