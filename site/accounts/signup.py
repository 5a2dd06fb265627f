"""allauth's sign-up form with the same work on both paths (issue 17, finding 2)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from allauth.account.forms import SignupForm


class SignupFormSameWork(SignupForm):
    """A known address gets no account, but its password is hashed all the same (the
    one costly step of a new account; allauth's reply to a known address may even
    skip its e-mail), so the answer time does not tell the address is known."""

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
