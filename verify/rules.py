"""Who may upload a sealed scan: the applicant unit, and its recommender (declare.rules).
Seeing scans and verdicts: whoever may see the application
(declare.selectors.applications_visible_to, in verify.selectors). Whether there is a
submitted version to compare with is the service's question."""

from declare.rules import is_applicant_of, is_recommender_of


def can_upload_scan(user, application) -> bool:
    return is_applicant_of(user, application) or is_recommender_of(user, application)
