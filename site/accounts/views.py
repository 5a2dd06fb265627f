from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm
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
