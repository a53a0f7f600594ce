from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, Organisation
from .services import grant_membership, revoke_membership


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    """No object-permission screen: roles come only from memberships (MembershipAdmin goes
    through orgs.services, which keeps the guardian permission in step in one transaction)."""

    list_display = ("name", "short_name", "kind", "parent", "division_code", "credit_code")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "division_code", "credit_code")
    autocomplete_fields = ("parent",)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation", "role", "title", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__first_name", "organisation__name")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("user",)

    def save_model(self, request, obj, form, change):
        # Through the service so the guardian permission follows the membership.
        if change:
            revoke_membership(membership=Membership.objects.get(pk=obj.pk), by=request.user)
        grant_membership(user=obj.user, organisation=obj.organisation, role=obj.role,
                         title=obj.title, by=request.user)

    def delete_model(self, request, obj):
        revoke_membership(membership=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for m in queryset:
            revoke_membership(membership=m, by=request.user)
