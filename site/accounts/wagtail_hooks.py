from django.contrib.auth import get_user_model

from wagtail import hooks

from allauth.account.models import EmailAddress

from base.personal_data import PersonalData

from . import privacy
from .models import Consent, DataAccess, Profile


@hooks.register("register_personal_data")
def register_account() -> PersonalData:
    return PersonalData(
        key="account",
        models=(get_user_model(), EmailAddress),
        export=privacy.export_account,
        erase=privacy.erase_account,
        order=10,
    )


@hooks.register("register_personal_data")
def register_profile() -> PersonalData:
    return PersonalData(
        key="profile",
        models=(Profile,),
        export=privacy.export_profile,
        erase=privacy.erase_profile,
        order=20,
    )


@hooks.register("register_personal_data")
def register_login_records() -> PersonalData:
    return PersonalData(
        key="login_records",
        models=(),  # django-axes rows name the user by e-mail, not by a foreign key
        export=privacy.export_login_records,
        erase=privacy.erase_login_records,
        order=90,
    )


@hooks.register("register_personal_data")
def register_admin_history() -> PersonalData:
    return PersonalData(
        key="admin_history",
        models=(),  # Wagtail's log entries and revisions name the user in their text
        export=lambda user: None,
        erase=privacy.erase_admin_history,
        order=0,
    )


@hooks.register("register_personal_data")
def register_consents() -> PersonalData:
    return PersonalData(
        key="consents",
        models=(Consent,),
        export=privacy.export_consents,
        erase=privacy.erase_consents,
        order=15,
    )


@hooks.register("register_personal_data")
def register_data_access() -> PersonalData:
    return PersonalData(
        key="data_access",
        models=(DataAccess,),
        export=privacy.export_data_access,
        erase=privacy.erase_data_access,
        order=95,
    )
