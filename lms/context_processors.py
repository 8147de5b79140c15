from . import roles as role_names


def roles(request):
    user = request.user
    return {
        "unread_notifications": (
            user.notifications.filter(read_at__isnull=True).count() if user.is_authenticated else 0
        ),
        "is_mentor": role_names.has_role(user, role_names.MENTOR),
        "is_certificate_admin": role_names.has_role(user, role_names.CERTIFICATE_ADMIN),
    }
