"""The provincial review: reviewers and administrators run it; an expert sees only what is
assigned to them (eve), never another expert's task (eve2 is in the pool, not assigned)."""

from .cases import OVERSEERS, PROVINCE, at, c, pk, post

CALL, CALL2, PANEL, CLOSED = pk("call"), pk("call2"), pk("panel"), pk("closed_panel")
TASK = pk("assignment_eve")


def toggle(w):
    return {"application": w.fwd_a.pk, "expert": w.expert_eve.pk, "op": "remove"}


REVIEW = {
    "review:index": [c("/review/", OVERSEERS)],   # each overseer's own calls
    "review:call": [c(at("review:call", CALL), PROVINCE), c(at("review:call", CALL2), PROVINCE)],
    "review:receipt": [c(at("review:receipt", CALL), PROVINCE)],
    "review:receipt_accept": [post(at("review:receipt_accept", CALL, pk("recommender_x")),
                                   PROVINCE)],
    "review:receipt_return": [post(at("review:receipt_return", CALL, pk("recommender_x")),
                                   PROVINCE, {"reasons": "材料不全"})],
    "review:stats": [c(at("review:stats", CALL), PROVINCE)],
    "review:export": [c(at("review:export", CALL, what), PROVINCE)
                      for what in ("scores", "contacts", "objections", "defence")]
                     + [c(at("review:export", CALL, "nothing"), set())],
    "review:experts": [c("/review/experts/", OVERSEERS)],   # each one's own pool
    "review:expert_new": [c("/review/experts/new/", OVERSEERS),
                          post("/review/experts/new/", OVERSEERS)],
    "review:expert_edit": [c(at("review:expert_edit", pk("expert_eve")), PROVINCE),
                           post(at("review:expert_edit", pk("expert_eve")), PROVINCE)],
    "review:expert_invite": [post(at("review:expert_invite", pk("expert_eve2")), PROVINCE)],
    "review:panels": [c(at("review:panels", CALL), PROVINCE)],
    "review:panel_create": [post(at("review:panel_create", CALL, "base"), PROVINCE)],
    "review:rubric": [c(at("review:rubric", CALL, "base"), PROVINCE),
                      post(at("review:rubric", CALL, "base"), PROVINCE)],
    "review:panel": [c(at("review:panel", PANEL), PROVINCE),
                     post(at("review:panel", PANEL), PROVINCE)],
    "review:panel_auto": [post(at("review:panel_auto", PANEL), PROVINCE)],
    "review:panel_toggle": [post(at("review:panel_toggle", PANEL), PROVINCE, toggle)],
    "review:panel_start": [post(at("review:panel_start", PANEL), PROVINCE)],
    "review:progress": [c(at("review:progress", PANEL), PROVINCE)],
    "review:panel_close": [post(at("review:panel_close", PANEL), PROVINCE)],
    "review:panel_reopen": [post(at("review:panel_reopen", CLOSED), PROVINCE,
                                 {"reason": "复核"})],   # refused with a message: decided
    "review:discussion": [c(at("review:discussion", PANEL, pk("fwd_a")), PROVINCE | {"eve"}),
                          c(at("review:discussion", PANEL, pk("fwd_b")), PROVINCE | {"eve"}),
                          c(at("review:discussion", CLOSED, lambda w: w.call2_apps[0].pk),
                            PROVINCE | {"eve"}),
                          c(at("review:discussion", CLOSED, pk("fwd_a")), set())],  # not its own
    "review:discussion_post": [post(at("review:discussion_post", PANEL, pk("fwd_a")),
                                    PROVINCE | {"eve"}, {"body": "请核对实训工位数。"})],
    "review:panel_opinion": [post(at("review:panel_opinion", PANEL, pk("fwd_a")), PROVINCE,
                                  {"text": "同意推荐。"})],
    "review:results": [c(at("review:results", CLOSED), PROVINCE | {"eve"}),
                       c(at("review:results", PANEL), set())],   # not closed yet: nobody
    "review:defence": [c(at("review:defence", PANEL), PROVINCE)],
    "review:sheet_reopen": [post(at("review:sheet_reopen", pk("submitted_sheet")), PROVINCE,
                                 {"reason": "请复核"})],
    "review:tasks": [c("/review/tasks/", {"eve", "eve2", "ezra"})],   # each one's own tasks
    "review:invitation": [c("/review/tasks/invitation/", {"eve", "eve2", "ezra"}),
                          post("/review/tasks/invitation/", {"eve", "eve2", "ezra"},
                               {"confirm": "on"})],   # each one's own (already accepted)
    "review:sheet": [c(at("review:sheet", TASK), {"eve"}), post(at("review:sheet", TASK), {"eve"})],
    "review:sheet_material": [c(at("review:sheet_material", TASK, pk("fwd_material")), {"eve"})],
    "review:declare_conflict": [post(at("review:declare_conflict", TASK), {"eve"},
                                     {"reason": "曾在该单位任职"})],
    "review:decision": [c(at("review:decision", CALL, "base"), PROVINCE),
                        c(at("review:decision", CALL2, "base"), PROVINCE),
                        post(at("review:decision", CALL, "base"), PROVINCE)],
    "review:notice": [c(at("review:notice", CALL2), PROVINCE),
                      c(at("review:notice", CALL), PROVINCE)],
    "review:objection_add": [post(at("review:objection_add", CALL2), PROVINCE)],
    "review:objection_resolve": [post(at("review:objection_resolve", CALL2, pk("objection")),
                                      PROVINCE, {"outcome": "upheld", "handling": "核查属实"})],
    "review:notice_confirm": [post(at("review:notice_confirm", CALL2), PROVINCE)],
    # the confirmed 公示 of call2 is refused with its reason (422); call has none: 404 for all
    "review:notice_withdraw": [post(at("review:notice_withdraw", CALL2), PROVINCE,
                                    {"reason": "公示日期有误", "op": "confirm"}),
                               post(at("review:notice_withdraw", CALL), set(),
                                    {"reason": "公示日期有误", "op": "check"})],
    # the printable 公示 of call2's current notice; call has none: 404 for all
    "review:notice_pdf": [post(at("review:notice_pdf", CALL2), PROVINCE),
                          post(at("review:notice_pdf", CALL), set())],
    "review:filing": [c(at("review:filing", CALL2), PROVINCE),
                      post(at("review:filing", CALL), PROVINCE)],
    "review:filing_progress": [c(at("review:filing_progress", CALL2), PROVINCE)],
    "review:filing_download": [c(at("review:filing_download", CALL2), PROVINCE)],
}
