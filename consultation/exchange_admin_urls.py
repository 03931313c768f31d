"""The board's URLs of online exchanges (consultation.exchange_views), under
``/admin/giao-luu-truc-tuyen/``."""

from django.urls import path

from . import exchange_views as views

app_name = "consultation_exchanges"

urlpatterns = [
    path("", views.exchange_list, name="list"),
    path("<int:pk>/", views.moderate, name="moderate"),
    path("<int:pk>/cong-bo/", views.publish_transcript, name="publish_transcript"),
    path("cau-hoi/<int:pk>/duyet/", views.approve, name="approve"),
    path("cau-hoi/<int:pk>/tu-choi/", views.reject, name="reject"),
    path("cau-hoi/<int:pk>/tra-loi/", views.answer, name="answer"),
    path("cau-hoi/<int:pk>/hoi-dap/", views.convert, name="convert"),
]
