from django.db.models import QuerySet

from .choices import CallStatus
from .models import Call


def open_calls() -> QuerySet[Call]:
    return Call.objects.filter(status=CallStatus.OPEN).select_related("issuer")


def calls_for_recommender(organisation) -> QuerySet[Call]:
    return Call.objects.filter(recommenders=organisation)


def calls_for_applicant(unit) -> QuerySet[Call]:
    """Calls the unit can apply in: those its recommender takes part in."""
    if unit.parent_id is None:
        return Call.objects.none()
    return Call.objects.filter(recommenders=unit.parent_id)
