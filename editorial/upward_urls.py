"""Admin URLs of the proposals up to the parent portal (under /admin/ban-bien-tap/)."""

from django.urls import path

from .views import upward

urlpatterns = [
    path("", upward.proposal_list, name="upward_list"),
    path("trang/<int:page_id>/", upward.propose, name="upward_propose"),
    path("<int:pk>/tiep-nhan/", upward.accept, name="upward_accept"),
    path("<int:pk>/tu-choi/", upward.decline, name="upward_decline"),
    path("<int:pk>/rut/", upward.withdraw, name="upward_withdraw"),
]
