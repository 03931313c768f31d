"""Public URLs of the statistics (mounted at ``thong-ke/`` by the portal): the visit
counter's figures and the counted redirect to a service's online portal."""

from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("luot-truy-cap/", views.counter, name="counter"),
    path("chuyen-tiep/<int:page_id>/", views.outbound, name="outbound"),
]
