from django.contrib import admin, messages
from django.utils.translation import gettext as _

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens: the token itself is shown once, on creation; only its hash is stored."""

    list_display = ["name", "user", "created_at", "last_used_at", "revoked"]
    list_filter = ["revoked"]
    fields = ["user", "name", "revoked"]
    autocomplete_fields = []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, raw = ApiToken.issue(obj.user, obj.name)
        obj.pk, obj.key_hash = token.pk, token.key_hash
        messages.warning(
            request,
            _("Токен (показывается один раз, сохраните его): %(token)s") % {"token": raw},
        )
