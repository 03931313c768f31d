"""Public URLs of the e-mail subscriptions (mounted at ``nhan-tin/`` by the portal): the
one-click unsubscription of every e-mail (List-Unsubscribe, RFC 8058), outside the page
tree because a mail client's POST carries no CSRF token."""

from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("huy/<str:token>/", views.one_click_unsubscribe, name="unsubscribe"),
]
