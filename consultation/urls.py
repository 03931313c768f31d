"""Public URLs outside the page tree: the page rating posted from every page, and the
satisfaction rating posted from every service (procedure) page.

The project includes them before Wagtail's catch-all:
``path("danh-gia-trang/", include("congthongtin.consultation.urls"))``.
"""

from django.urls import path

from .views import public, satisfaction

app_name = "consultation"

urlpatterns = [
    path("", public.page_feedback, name="page_feedback"),
    path("gop-y/", public.page_feedback_comment, name="page_feedback_comment"),
    path("hai-long/", satisfaction.satisfaction, name="satisfaction"),
]
