"""The certificate code, as typed in the verification form or found in a link."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import normalise_code

NOT_A_CODE = _(
    "This is not a certificate code: it has 16 letters and digits, for example K7Q2-9XMD-4HRT-B2CE."
)


class CertificateCodeField(forms.CharField):
    """Cleans to the stored form of a code (case, spaces, hyphens and look-alike
    letters forgiven); anything that cannot be a code is refused with one message."""

    def to_python(self, value) -> str:
        raw = super().to_python(value)
        if raw in self.empty_values:
            return ""
        code = normalise_code(raw)
        if code is None:
            raise forms.ValidationError(NOT_A_CODE, code="not_a_code")
        return code


class CertificateCodeForm(forms.Form):
    """``?code=`` of the verification page: empty shows the form, a code goes to its page."""

    code = CertificateCodeField(required=False)

    def typed(self) -> str:
        """What the visitor typed, shortened, to show it back in the form."""
        return str(self.data.get("code", ""))[:64]
