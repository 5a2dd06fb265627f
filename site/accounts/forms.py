from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from base.areas import check_commune_in_province
from base.collation import sort_units
from base.models import AdministrativeUnit
from base.personal_data import deletion_fields
from base.roles import Role
from base.vietnamese import clean_text

from .models import Profile


def current_units(level: str):
    return AdministrativeUnit.objects.current().filter(level=level).select_related("parent")


def communes_of(province_id) -> list[AdministrativeUnit]:
    """The current communes of a province, in Vietnamese alphabetical order."""
    if not province_id:
        return []
    return sort_units(current_units("commune").filter(parent_id=province_id))


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


# The submit button a form without JavaScript uses to ask for the communes of the
# province just chosen; nothing is saved on that round trip.
REFRESH_COMMUNES = "refresh_communes"


class ProfileFieldsMixin(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose…")), *Role.choices])
    organisation = forms.CharField(
        label=_("Organisation or school"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    province = UnitChoiceField(
        label=_("Province or city"),
        queryset=current_units("province"),
        required=False,
        empty_label=_("Choose a province or city"),
    )
    commune = UnitChoiceField(
        label=_("Commune, ward or special zone"),
        queryset=current_units("commune"),
        required=False,
        empty_label=_("Choose a commune or ward"),
        error_messages={"invalid_choice": _("This commune is not in the chosen province.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refreshing = self.is_bound and REFRESH_COMMUNES in self.data
        if self.refreshing:
            self._errors = forms.utils.ErrorDict()  # a round trip, not a submission
        province = self.fields["province"]
        province.widget.choices = [
            ("", province.empty_label),
            *((unit.pk, unit.name) for unit in sort_units(province.queryset)),
        ]
        chosen = self["province"].value()
        communes = communes_of(chosen if str(chosen or "").isdigit() else None)
        commune = self.fields["commune"]
        if not communes:
            commune.empty_label = _("Choose a province or city first")
        commune.widget.choices = [
            ("", commune.empty_label),
            *((unit.pk, unit.name) for unit in communes),
        ]
        commune.widget.attrs["data-communes-url"] = reverse_lazy("accounts_communes")
        province.widget.attrs.update(
            {
                "data-commune-select": self["commune"].auto_id,
                "data-choose-commune": _("Choose a commune or ward"),
                "data-choose-province-first": _("Choose a province or city first"),
                "data-loaded-text": _("%s communes listed."),
                "data-error-text": _(
                    "The communes could not be loaded: use the button below the province."
                ),
            }
        )

    def is_valid(self) -> bool:
        return not self.refreshing and super().is_valid()

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

    # The area comes before the passwords: a round trip to list the communes
    # (without JavaScript) does not send back the passwords typed so far.
    field_order = [
        "full_name",
        "email",
        "role",
        "organisation",
        "province",
        "commune",
        "password1",
        "password2",
    ]

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
