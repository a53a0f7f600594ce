"""The seams to the declare and quotas apps, which land in parallel with this one.

Each function uses the other app's public service when it exists and a plain fallback on our
side until then, so review works against factories today and the real flow tomorrow.
"""

from importlib import import_module

from declare.models import ApplicationEvent


def _optional(module: str, name: str):
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return None


def record_event(application, *, by, action, from_status, to_status, comment="", payload=None):
    service = _optional("declare.services.workflow", "record_event")
    if service is not None:
        return service(application, by=by, action=action, from_status=from_status,
                       to_status=to_status, comment=comment, payload=payload)
    return ApplicationEvent.objects.create(
        application=application, actor=by, actor_org=application.call.issuer,
        action=action, from_status=from_status,
        to_status=to_status, comment=comment, payload=payload or {})


def section_data(application) -> dict:
    """Decrypted data of every section, keyed by section key."""
    service = _optional("declare.services.sections", "section_data")
    if service is not None:
        return service(application)
    return {s.key: s.data for s in application.sections.all()}


def eligibility_findings(application) -> list:
    evaluate = _optional("declare.eligibility", "evaluate")
    return list(evaluate(application)) if evaluate is not None else []


def package_of(call, recommender):
    """The recommender's package (quotas.RecommendationPackage) or None."""
    model = _optional("quotas.models", "RecommendationPackage")
    if model is None:
        return None
    return model.objects.filter(call=call, recommender=recommender).order_by("-id").first()


def reopen_package(package, *, by, reason) -> bool:
    """Send the package back through the quotas service; False when there is none."""
    service = _optional("quotas.services", "reopen_package")
    if service is None or package is None:
        return False
    try:
        service(package, by=by, reason=reason)
    except Exception as exc:  # quotas' DomainError: a refusal worded in Chinese
        if type(exc).__name__ != "DomainError":
            raise
        from .errors import DomainError

        raise DomainError(str(exc)) from exc
    return True
