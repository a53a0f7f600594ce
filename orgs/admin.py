from django.contrib import admin, messages
from django.utils.decorators import method_decorator
from simple_history.admin import SimpleHistoryAdmin

from . import twofactor
from .models import AccountState, Membership, Organisation
from .services import grant_membership, revoke_membership
from .stepup import step_up_required

# A role change, and a reset of someone's second factor, ask for a fresh code (orgs.stepup).
step_up = method_decorator(step_up_required)


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

    @step_up
    def changeform_view(self, request, *args, **kwargs):
        return super().changeform_view(request, *args, **kwargs)

    @step_up
    def delete_view(self, request, *args, **kwargs):
        return super().delete_view(request, *args, **kwargs)

    @step_up
    def changelist_view(self, request, *args, **kwargs):  # bulk delete is an action there
        return super().changelist_view(request, *args, **kwargs)

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


@admin.register(AccountState)
class AccountStateAdmin(admin.ModelAdmin):
    """Read-only view of each account's security state, with the one write an administrator may
    make: resetting a lost second factor (audited; the account enrols again at its next login)."""

    list_display = ("user", "totp_enabled", "login_at", "password_changed_at",
                    "totp_locked_until")
    list_filter = ("totp_enabled",)
    search_fields = ("user__username", "user__first_name")
    fields = list_display
    readonly_fields = list_display
    actions = ["reset_second_factor"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @step_up
    def changelist_view(self, request, *args, **kwargs):
        return super().changelist_view(request, *args, **kwargs)

    @admin.action(description="重置动态口令（该账号下次登录时重新绑定）")
    def reset_second_factor(self, request, queryset):
        states = list(queryset.select_related("user"))
        for state in states:
            twofactor.reset(state.user, by=request.user, request=request)
        self.message_user(request, f"已重置 {len(states)} 个账号的动态口令，其当前会话已结束。",
                          messages.SUCCESS)
