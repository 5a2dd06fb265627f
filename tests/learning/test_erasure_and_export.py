"""Erasure and export reach everything (issue 17, finding 7): the export holds each
quiz answer; deleting the account scrubs the learner's name from the admin's
history (Wagtail log entries and revisions)."""

import json

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

import pytest

from accounts.models import Profile
from base.personal_data import erase_user_data, export_user_data
from learning.models import Enrolment
from learning.quiz import services

from .conftest import LEARNER_NAME, correct_answer

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_answer_in_words(client, enrolment, course):
    attempt = services.start_attempt(enrolment)
    rows = list(attempt.questions.select_related("question"))
    for row in rows:
        services.save_answer(attempt, row.token, correct_answer(row))
    services.submit_attempt(attempt)
    data = export_user_data(enrolment.user)
    answers = data["quiz_answers"]
    assert len(answers) == len(rows)
    first = rows[0]
    chosen = {o.token: o.choice.text for o in first.options.select_related("choice")}
    entry = next(a for a in answers if a["question"] == first.question.text)
    assert entry["answer"] == [chosen[t] for t in correct_answer(first)]
    assert entry["correct"] is True
    assert "learning.AttemptQuestion" in data["training"]
    client.force_login(enrolment.user)
    body = json.loads(client.get(reverse("accounts_export_data")).content)
    assert body["quiz_answers"][0]["question"]


def test_deletion_scrubs_the_name_from_the_admin_history(enrolment, admin_user):
    user = enrolment.user
    profile = Profile.objects.get(user=user)
    log(instance=profile, action="wagtail.edit", user=admin_user)
    log(instance=enrolment, action="wagtail.edit", user=admin_user, data={"who": LEARNER_NAME})
    log(instance=admin_user, action="wagtail.edit", user=user)  # the learner as actor
    content_type = ContentType.objects.get_for_model(Profile)
    Revision.objects.create(
        content_type=content_type,
        base_content_type=content_type,
        object_id=str(profile.pk),
        content={"full_name": LEARNER_NAME},
        object_str=LEARNER_NAME,
    )
    assert ModelLogEntry.objects.filter(label__icontains=LEARNER_NAME).exists()
    user_id = user.pk
    erase_user_data(user, {"keep_certificates": False})
    assert not Enrolment.objects.exists()
    for entry in ModelLogEntry.objects.all():
        assert LEARNER_NAME not in entry.label
        assert LEARNER_NAME not in json.dumps(entry.data, ensure_ascii=False)
        assert entry.user_id != user_id
    assert ModelLogEntry.objects.count() == 3  # what was done, and when, stays
    assert not Revision.objects.filter(object_str__icontains=LEARNER_NAME).exists()
    assert not any(
        LEARNER_NAME in json.dumps(r.content, ensure_ascii=False) for r in Revision.objects.all()
    )
