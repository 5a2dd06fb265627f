from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from base.areas import check_commune_in_province
from base.collation import sort_units
from base.former_communes import find_former_communes
from base.forms import id_or_none
from base.models import AdministrativeUnit
from base.personal_data import deletion_fields
from base.roles import Role
from base.vietnamese import clean_text

from . import former_lookup
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


# The submit buttons a form without JavaScript uses to ask for the communes of the
# province just chosen, to find today's commune from a former name and to choose
# one of those found; nothing is saved on these round trips.
REFRESH_COMMUNES = "refresh_communes"
FIND_FORMER = "find_former_commune"
CHOOSE_COMMUNE = "choose_commune"
ROUND_TRIPS = (REFRESH_COMMUNES, FIND_FORMER, CHOOSE_COMMUNE)


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
    # Only read on the "find" round trip (through FormerCommuneQuery, which bounds
    # it); never an error on a submission, never saved.
    former_name = forms.CharField(
        label=_("Name of the commune or ward before 1 July 2025"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "maxlength": former_lookup.MAX_QUERY,
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refreshing = self.is_bound and any(name in self.data for name in ROUND_TRIPS)
        if self.refreshing:
            self._errors = forms.utils.ErrorDict()  # a round trip, not a submission
        self.former_message, self.former_results = "", []
        if self.is_bound and CHOOSE_COMMUNE in self.data:
            self._choose_commune(self.data[CHOOSE_COMMUNE])
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
        self.fields["former_name"].widget.attrs.update(
            {
                "data-former-url": reverse_lazy("accounts_former_communes"),
                "data-choose-text": _("Choose this commune"),
                "data-chosen-text": _("Chosen: %s. Check the province and commune above."),
                "data-error-text": _("The search could not be done: try again."),
            }
        )
        if self.is_bound and FIND_FORMER in self.data:
            self._find_former()
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

    def _choose_commune(self, value) -> None:
        """Put the chosen current commune and its province in the form."""
        unit = current_units("commune").filter(pk=id_or_none(value)).first()
        if unit is None:
            self.former_message = _("This commune cannot be chosen: search again.")
            return
        self.data = self.data.copy()
        self.data["province"], self.data["commune"] = str(unit.parent_id), str(unit.pk)
        self.former_message = _("Chosen: %s. Check the province and commune above.") % (
            f"{unit.name}, {unit.parent.name}"
        )

    def _find_former(self) -> None:
        query = former_lookup.FormerCommuneQuery(
            {"q": self.data.get("former_name", ""), "province": self.data.get("province", "")}
        )
        if not query.is_valid():
            self.former_message = query.error_text()
            return
        typed, province = query.cleaned_data["q"], query.cleaned_data["province"]
        lookup = find_former_communes(typed, province, limit=former_lookup.LIMIT)
        self.former_message = former_lookup.message(typed, lookup, province is not None)
        self.former_results = former_lookup.results(lookup)

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
        "former_name",
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
