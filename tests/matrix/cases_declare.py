"""Applicant pages: units see only their own; the recommender and the province see non-drafts
read-only (through the precheck, timeline, versions, materials and documents pages)."""

from .cases import A_VIEWERS, B_VIEWERS, EVERYONE, at, c, pk, post

APP_A, DRAFT, RETURNED, APP_B = pk("app_a"), pk("app_a_draft"), pk("app_a_returned"), pk("app_b")
MINE = {"alice"}
COMPARE = at("declare:version_compare", APP_A, lambda w: w.snapshot.version,
             lambda w: w.snapshot.version)

DECLARE = {
    "declare:list": [c("/declare/", EVERYONE)],
    "declare:create": [c("/declare/new/", {"alice", "bob"}),
                       post("/declare/new/", {"alice", "bob"})],
    "declare:overview": [c(at("declare:overview", APP_A), MINE),
                         c(at("declare:overview", DRAFT), MINE),
                         c(at("declare:overview", APP_B), {"bob"})],
    "declare:basics": [c(at("declare:basics", DRAFT), MINE),
                       post(at("declare:basics", DRAFT), MINE),
                       c(at("declare:basics", pk("app_b_draft")), {"bob"})],
    "declare:section": [c(at("declare:section", DRAFT, "master"), MINE),
                        post(at("declare:section", DRAFT, "master"), MINE),
                        c(at("declare:section", APP_A, "summary"), MINE)],
    "declare:precheck": [c(at("declare:precheck", APP_A), A_VIEWERS),
                         c(at("declare:precheck", DRAFT), MINE),
                         c(at("declare:precheck", APP_B), B_VIEWERS)],
    "declare:explain": [post(at("declare:explain", DRAFT, "capacity"), MINE),
                        post(at("declare:explain", APP_A, "capacity"), MINE)],
    "declare:submit": [c(at("declare:submit", DRAFT), MINE),
                       post(at("declare:submit", DRAFT), MINE),
                       post(at("declare:submit", RETURNED), MINE)],
    "declare:unchanged_reason": [
        post(at("declare:unchanged_reason", RETURNED, "t1_2"), MINE, {"t1_2-text": "无需修改。"}),
        post(at("declare:unchanged_reason", APP_A, "t1_2"), MINE, {"t1_2-text": "无需修改。"})],
    "declare:withdraw": [c(at("declare:withdraw", APP_A), MINE),
                         post(at("declare:withdraw", APP_A), MINE, {"text": "需要修改"})],
    "declare:timeline": [c(at("declare:timeline", APP_A), A_VIEWERS),
                         c(at("declare:timeline", DRAFT), MINE),
                         c(at("declare:timeline", RETURNED), A_VIEWERS)],
    "declare:versions": [c(at("declare:versions", APP_A), A_VIEWERS)],
    "declare:version": [c(at("declare:version", APP_A, lambda w: w.snapshot.version), A_VIEWERS)],
    "declare:version_compare": [c(COMPARE, A_VIEWERS),
                                c(lambda w: COMPARE(w) + "?all=1", A_VIEWERS)],
    "declare:materials": [c(at("declare:materials", DRAFT), MINE),
                          c(at("declare:materials", RETURNED), A_VIEWERS),
                          post(at("declare:materials", RETURNED), MINE, {"item": "evidence"})],
    "declare:material_reorder": [post(at("declare:material_reorder", DRAFT), MINE)],
    "declare:material_download": [
        c(at("declare:material_download", DRAFT, pk("material_draft")), MINE),
        c(at("declare:material_download", RETURNED, pk("material_returned")), A_VIEWERS)],
    "declare:material_delete": [
        post(at("declare:material_delete", DRAFT, pk("material_draft")), MINE),
        post(at("declare:material_delete", RETURNED, pk("material_returned")), MINE)],
    # 复制上年申报: only the unit's own applications (a submitted one says why it may not)
    "declare:carry": [c(at("declare:carry", APP_A), MINE), post(at("declare:carry", APP_A), MINE),
                      c(at("declare:carry", APP_B), {"bob"})],
    "declare:carry_checked": [post(at("declare:carry_checked", DRAFT, "master"), MINE)],
    "declare:carry_materials": [c(at("declare:carry_materials", DRAFT), MINE),
                                post(at("declare:carry_materials", DRAFT), MINE,
                                     {"material": "1"})],
    "declare:material_move": [
        post(at("declare:material_move", RETURNED, pk("material_returned")), MINE,
             {"direction": "up"})],
}
