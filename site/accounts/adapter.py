"""allauth adapter: e-mails signed with the portal's name, people named by their name."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils.translation import gettext as _

from wagtail.models import Site

from .security import AccountAdapter


def portal_site(request) -> SimpleNamespace:
    """What allauth's e-mails call `current_site`: the Wagtail site's name (never the
    host and port the request came in on)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    name = (site.site_name if site else "") or _("Child Protection Portal")
    domain = request.get_host() if request is not None else (site.hostname if site else "")
    return SimpleNamespace(name=name, domain=domain)


def display_name(user) -> str:
    """How messages name a person: the name they gave, else their e-mail (never the
    generated username they never chose)."""
    profile = getattr(user, "profile", None) if user.pk else None
    return (profile.full_name if profile else "") or user.get_full_name() or user.email


class PortalAccountAdapter(AccountAdapter):
    """The security adapter (slow-down, public links, mail by task), with e-mails
    signed with the portal's name."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {**context, "current_site": portal_site(self.request)}
        super().send_mail(template_prefix, email, context)
