"""Admin URLs of the e-mail subscriptions, under /admin/nhan-tin-qua-thu/."""

from django.urls import path

from . import admin_views

app_name = "subscriptions_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/xoa/", admin_views.remove, name="remove"),
]
