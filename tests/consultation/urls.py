"""The project's URLs with the page-rating route (``congthongtin.consultation.urls``) exactly once,
whether or not the project already includes it."""

from django.urls import include, path

from congthongtin.nhuxuan_site.urls import urlpatterns as project_urlpatterns


def _is_rating_route(pattern) -> bool:
    return getattr(pattern, "namespace", None) == "consultation"


urlpatterns = [
    path("danh-gia-trang/", include("congthongtin.consultation.urls")),
    *[p for p in project_urlpatterns if not _is_rating_route(p)],
]
