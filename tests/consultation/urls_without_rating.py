"""The project's URLs without the page-rating route: the widget must then stay hidden."""

from .urls import _is_rating_route, project_urlpatterns

urlpatterns = [p for p in project_urlpatterns if not _is_rating_route(p)]
