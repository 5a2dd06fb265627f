"""Creating accounts: the one place outside sign-up where a user row is made."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress

from .models import Profile, Role


def create_learner_account(
    *,
    email: str,
    full_name: str,
    role: str = Role.OTHER,
    organisation: str = "",
    province_id: int | None = None,
    commune_id: int | None = None,
    request: HttpRequest | None = None,
):
    """A learner account created for someone else (e.g. a manager's CSV list).

    It has no usable password and a verified address: the only way in is the
    set-password link sent to that address, so the address is proved on first use.
    """
    User = get_user_model()
    user = User(
        username=get_adapter(request).generate_unique_username([full_name, email, "hocvien"]),
        email=email,
        first_name=full_name[:150],
    )
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    Profile.objects.create(
        user=user,
        full_name=full_name,
        role=role or Role.OTHER,
        organisation=organisation,
        province_id=province_id,
        commune_id=commune_id,
    )
    return user
