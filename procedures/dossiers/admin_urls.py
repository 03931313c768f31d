"""Admin URLs of the dossier look-up, under /admin/tra-cuu-ho-so/."""

from django.urls import path

from . import admin_views

app_name = "procedures_dossiers"

urlpatterns = [path("", admin_views.imports_view, name="imports")]
