"""The invitation link: an invited learner chooses a password, is signed in and
lands on the course they were enrolled in.

allauth's password-reset-from-key view does the work (token check, the key moved
out of the URL, password validation); this view only changes where it ends.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse

from allauth.account.utils import perform_login
from allauth.account.views import PasswordResetFromKeyView

from learning.models import CoursePage, Enrolment


class InvitationView(PasswordResetFromKeyView):
    template_name = "learning/invitation_set_password.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("learning_invitation", kwargs=self.kwargs)
        context["course"] = self.invited_course()
        return context

    def invited_course(self) -> CoursePage | None:
        course = CoursePage.objects.live().filter(pk=self.kwargs["course_id"]).first()
        user = getattr(self, "reset_user", None)
        if course is None or user is None:
            return None
        if not Enrolment.objects.filter(user=user, course=course).exists():
            return None
        return course.localized

    def form_valid(self, form) -> HttpResponse:
        form.save()
        course = self.invited_course()
        target = course.url if course is not None else reverse("learning_dashboard")
        # The e-mail address was checked by the link itself.
        return perform_login(
            self.request, self.reset_user, email_verification="none", redirect_url=target
        )


invitation = InvitationView.as_view()
