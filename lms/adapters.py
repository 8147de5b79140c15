"""django-allauth's hooks: sign-in limits key on the same client address as every other limit."""

from allauth.account.adapter import DefaultAccountAdapter

from core.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return client_ip(request)
