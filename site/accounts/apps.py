from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and learner profiles")

    def ready(self) -> None:
        from base.lazy_modules import lazy_module

        # allauth's MFA views import its passkey module when the URLs load, and with it
        # fido2 and cryptography (about 5 MB in every web process): run it with the
        # first request that uses a passkey (adding one, signing in with one) instead.
        lazy_module("allauth.mfa.webauthn.internal.auth")
