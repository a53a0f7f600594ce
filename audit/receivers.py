from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditAction, AuditResult
from .services import record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(AuditAction.LOGIN, actor=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditAction.LOGOUT, actor=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(AuditAction.LOGIN_FAILED, result=AuditResult.FAILURE, request=request,
           actor_name=str(credentials.get("username", ""))[:150])
