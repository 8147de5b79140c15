from . import roles as role_names


def roles(request):
    user = request.user
    return {
        "is_mentor": role_names.has_role(user, role_names.MENTOR),
        "is_certificate_admin": role_names.has_role(user, role_names.CERTIFICATE_ADMIN),
    }
