from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path

from checker.desk.services import account_of
from checker.desk.views import api, body, office, shared


@login_required
def home(request: HttpRequest) -> HttpResponse:
    account = account_of(request.user)
    if account is not None and account.is_office:
        return redirect("desk:roster")
    if account is not None:
        return redirect("desk:body_home")
    return redirect("admin:index")


desk = [
    path("", home, name="home"),
    path("body/", body.home, name="body_home"),
    path("body/upload/", body.upload_view, name="upload"),
    path("submissions/<int:pk>/", shared.detail, name="submission"),
    path("submissions/<int:pk>/file/", body.file_view, name="file"),
    path("submissions/<int:pk>/original", shared.original, name="original"),
    path("submissions/<int:pk>/annotated.docx", shared.annotated, name="annotated"),
    path("submissions/<int:pk>/notice/", office.notice_view, name="notice"),
    path("submissions/<int:pk>/notice.docx", office.notice_docx, name="notice_docx"),
    path("submissions/<int:pk>/accept/", office.accept_view, name="accept"),
    path("findings/<int:pk>/review/", office.review_view, name="review"),
    path("office/", office.roster, name="roster"),
    path("office/audit/", office.audit_log, name="audit"),
    path("office/round/", office.round_view, name="round"),
    path("office/cross/", office.cross_view, name="cross"),
    path("office/bodies/<int:pk>/", office.body_view, name="body"),
    path("office/export.xlsx", office.export_view, name="export"),
    path("login/", auth_views.LoginView.as_view(template_name="desk/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/login/"), name="logout"),
]
api_v1 = [
    path("submissions", api.submissions, name="api_submissions"),
    path("submissions/<int:pk>", api.submission, name="api_submission"),
    path("roster", api.roster, name="api_roster"),
]
urlpatterns = [
    path("", include((desk, "desk"))),
    path("api/v1/", include((api_v1, "api"))),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the language switch
]
