"""Admin URLs of the statistics, under /admin/bao-cao/: the board's periodic report."""

from django.urls import path

from . import admin_views

app_name = "stats_admin"

urlpatterns = [
    path("", admin_views.report_view, name="report"),
]
