from django import forms
from django.utils.translation import gettext_lazy as _

from base.areas import check_commune_in_province
from base.models import AdministrativeUnit
from base.personal_data import deletion_fields
from base.roles import Role
from base.vietnamese import clean_text

from .models import Profile


def current_units(level: str):
    return AdministrativeUnit.objects.current().filter(level=level).select_related("parent")


class ProfileFieldsMixin(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.CharField(
        label=_("Organisation or school"), max_length=200, required=False
    )
    province = forms.ModelChoiceField(
        label=_("Province or city"), queryset=current_units("province"), required=False
    )
    commune = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=current_units("commune"), required=False
    )

    def clean_full_name(self) -> str:
        # the name printed on certificates: NFC, single spaces (pasted names arrive as NFD)
        return " ".join(clean_text(self.cleaned_data["full_name"]).split())

    def clean_organisation(self) -> str:
        return " ".join(clean_text(self.cleaned_data.get("organisation") or "").split())

    def clean(self):
        cleaned = super().clean()
        province, commune = cleaned.get("province"), cleaned.get("commune")
        if commune is not None and province is None:
            cleaned["province"] = commune.parent
        try:
            check_commune_in_province(province, commune)
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def save_profile(self, user) -> Profile:
        profile, _created = Profile.objects.get_or_create(user=user)
        for field in ("full_name", "role", "organisation", "province", "commune"):
            setattr(profile, field, self.cleaned_data.get(field))
        profile.organisation = profile.organisation or ""
        profile.save()
        return profile


class LearnerSignupForm(ProfileFieldsMixin):
    """Extra fields on allauth's sign-up form; allauth calls signup() after creating the user."""

    field_order = ["full_name", "email", "password1", "password2", "role", "organisation"]

    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of my data as the privacy notice describes "
            "(for the training, its reports and certificates)."
        ),
        required=True,
        error_messages={"required": _("Your consent is needed to open a training account.")},
    )

    def signup(self, request, user) -> None:
        from django.conf import settings

        from .models import Consent

        user.first_name = self.cleaned_data["full_name"][:150]
        user.save(update_fields=["first_name"])
        self.save_profile(user)
        Consent.objects.create(user=user, notice_version=settings.PRIVACY_NOTICE_VERSION)


class ProfileForm(ProfileFieldsMixin):
    pass


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password again, and the questions the apps
    registered in the personal-data registry (e.g. whether certificates stay
    verifiable)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields.update(deletion_fields())

    def registered_choices(self):
        return [self[name] for name in self.fields if name != "password"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
