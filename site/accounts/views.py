import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from django_ratelimit.core import is_ratelimited

from base.personal_data import erase_user_data, export_user_data, panels

from .forms import DeleteAccountForm, ProfileForm
from .models import Profile


@login_required
def profile(request):
    current = Profile.objects.filter(user=request.user).first()
    initial = {}
    if current is not None:
        initial = {
            "full_name": current.full_name,
            "role": current.role,
            "organisation": current.organisation,
            "province": current.province_id,
            "commune": current.commune_id,
        }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save_profile(request.user)
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts_profile")
    return render(request, "accounts/profile.html", {"form": form})


@require_GET
@login_required
def my_data(request):
    """What the apps show of the learner's data (their certificates…), the consent they
    gave, the data download and the way to delete the account."""
    consent = request.user.consents.first()
    return render(request, "accounts/my_data.html", {"panels": panels(request), "consent": consent})


@require_GET
@login_required
def export_data(request):
    data = export_user_data(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="du-lieu-cua-toi-{stamp}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete_account_view(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if is_ratelimited(
            request, group="account-delete", key="user", rate="5/15m", increment=True
        ):
            form = DeleteAccountForm(user=request.user)
            messages.error(request, _("Too many attempts. Please wait 15 minutes and try again."))
            return render(request, "accounts/delete_account.html", {"form": form}, status=429)
        if form.is_valid():
            user = request.user
            logout(request)
            erase_user_data(user, form.cleaned_data)
            messages.success(request, _("Your account and your data have been deleted."))
            return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})


def admin_login(request):
    """The Wagtail admin's sign-in page: the site's (allauth's), with its second factor."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("wagtailadmin_home")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
