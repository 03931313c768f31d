"""The project's URLs without the statistics' routes: no counter, straight service links."""

from congthongtin.nhuxuan_site.urls import urlpatterns as project_urlpatterns

urlpatterns = [p for p in project_urlpatterns if getattr(p, "namespace", None) != "stats"]
