"""What other apps add to a call's set-up, without calls importing them (calls sits below quotas
and review): a copied call asks each app to copy its own part, and a call about to open asks
each app what of its part is missing."""

from django.dispatch import Signal

# sent by calls.copying.copy_call inside its transaction: sender=Call, source=…, copy=…
call_copied = Signal()
# sent by calls.readiness.problems: sender=Call, call=…; each receiver returns a list of str
readiness = Signal()
