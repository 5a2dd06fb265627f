from django.urls import path

from learning.enrolment import invitation_views

from . import offline, views

urlpatterns = [
    path("", views.dashboard, name="learning_dashboard"),
    path(
        "loi-moi/<int:course_id>/<uidb36>/<key>/",
        invitation_views.invitation,
        name="learning_invitation",
    ),
    path("khoa-hoc/<int:course_id>/dang-ky/", views.enrol, name="learning_enrol"),
    path(
        "khoa-hoc/<int:course_id>/tai-ve.json",
        offline.download_list,
        name="learning_offline_download",
    ),
    path("khoa-hoc/<int:course_id>/kiem-tra/", views.start_quiz, name="learning_start_quiz"),
    path(
        "khoa-hoc/<int:course_id>/bai-hoc/<int:lesson_id>/kiem-tra/",
        views.start_quiz,
        name="learning_start_lesson_quiz",
    ),
    path(
        "bai-hoc/<int:lesson_id>/hoan-thanh/",
        views.complete_lesson,
        name="learning_complete_lesson",
    ),
    path("bai-lam/<uuid:public_id>/", views.attempt_page, name="learning_attempt"),
    path("bai-lam/<uuid:public_id>/luu/", views.save_answer, name="learning_save_answer"),
    path("bai-lam/<uuid:public_id>/nop-bai/", views.submit, name="learning_submit"),
    path("bai-lam/<uuid:public_id>/ket-qua/", views.result, name="learning_result"),
]
