"""Render jobs (whoever may see the application or the recommender's 汇总表) and post-award
projects: the unit reports, its recommender supervises, the issuer decides."""

from .cases import A_VIEWERS, ACTORS, EVERYONE, PROVINCE, at, c, pk, post

UNIT = {"alice"}
# Unit A's rendering with personal data in full: those whose pages show it in full (the unit and
# the issuer); the masked one (job_app_masked, requested by the recommender) to every viewer.
A_FULL_READERS = A_VIEWERS - {"rex"}
P, WAITING, ACCEPTED = pk("project"), pk("project_waiting"), pk("project_accepted")
SUMMARY_VIEWERS = {"rex"} | PROVINCE


def summary(w):
    return {"kind": "base", "fmt": "xlsx", "recommender": w.recommender_x.pk}


DOCUMENTS = {
    "documents:application": [c(at("documents:application", pk("app_a")), A_VIEWERS),
                              c(at("documents:application", pk("app_a_draft")), UNIT),
                              post(at("documents:application", pk("app_a")), A_VIEWERS)],
    "documents:summary": [post(at("documents:summary", pk("call")), SUMMARY_VIEWERS, summary)],
    "documents:job": [c(at("documents:job", pk("job_app")), A_FULL_READERS),
                      c(at("documents:job", pk("job_app_masked")), A_VIEWERS),
                      c(at("documents:job", pk("job_summary")), SUMMARY_VIEWERS)],
    "documents:progress": [c(at("documents:progress", pk("job_app")), A_FULL_READERS),
                           c(at("documents:progress", pk("job_app_masked")), A_VIEWERS)],
    "documents:resend": [post(at("documents:resend", pk("job_app")), A_FULL_READERS),
                         post(at("documents:resend", pk("job_app_masked")), A_VIEWERS)],
    "documents:download": [c(at("documents:download", pk("job_summary")), SUMMARY_VIEWERS)],
}

PROJECTS = {
    "projects:list": [c("/projects/", EVERYONE)],
    "projects:public": [c("/projects/public/", ACTORS)],
    "projects:bans": [c("/projects/bans/", EVERYONE)],
    "projects:awaiting": [c("/projects/awaiting/", EVERYONE)],
    "projects:create": [c(at("projects:create", pk("awaiting_app")), PROVINCE),
                        post(at("projects:create", pk("awaiting_app")), PROVINCE)],
    "projects:detail": [c(at("projects:detail", P), A_VIEWERS),
                        c(at("projects:detail", ACCEPTED), A_VIEWERS)],
    "projects:release": [c(at("projects:release", P), PROVINCE),
                         post(at("projects:release", P), PROVINCE)],
    "projects:apply_acceptance": [c(at("projects:apply_acceptance", P), UNIT),
                                  post(at("projects:apply_acceptance", P), UNIT)],
    "projects:decide_acceptance": [c(at("projects:decide_acceptance", WAITING), PROVINCE),
                                   post(at("projects:decide_acceptance", WAITING), PROVINCE)],
    "projects:revoke": [c(at("projects:revoke", P), PROVINCE),
                        post(at("projects:revoke", P), PROVINCE)],
    "projects:plaque": [c(at("projects:plaque", ACCEPTED), A_VIEWERS),
                        post(at("projects:plaque", ACCEPTED), A_VIEWERS),  # asks the job
                        c(at("projects:plaque", P), set()),   # not accepted: no plaque
                        post(at("projects:plaque", P), set())],
    "projects:spending": [c(at("projects:spending", P), A_VIEWERS),
                          post(at("projects:spending", P), UNIT)],
    "projects:evaluate": [c(at("projects:evaluate", P), {"rex"} | PROVINCE),
                          post(at("projects:evaluate", P), {"rex"} | PROVINCE)],
    "projects:report": [c(at("projects:report", P, pk("milestone")), UNIT),
                        post(at("projects:report", P, pk("milestone")), UNIT)],
    "projects:evidence": [c(at("projects:evidence", P, pk("progress")), A_VIEWERS)],
    "projects:change_new": [c(at("projects:change_new", P, "dissolve"), UNIT),
                            post(at("projects:change_new", P, "rename"), UNIT)],
    "projects:change": [c(at("projects:change", P, pk("change")), A_VIEWERS),
                        post(at("projects:change", P, pk("change")), PROVINCE)],
    "projects:change_document": [c(at("projects:change_document", P, pk("change")), A_VIEWERS)],
}
