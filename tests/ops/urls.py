"""The project's URLs plus the ops views, until the lead wires them into nhuxuan_site/urls.py.

Tests use ``@override_settings(ROOT_URLCONF="tests.ops.urls")``; once ``/healthz`` is in
the real URLconf this module still works (Django resolves the first match).
"""

from django.urls import path

from congthongtin.nhuxuan_site import health
from congthongtin.nhuxuan_site.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("healthz", health.healthz, name="healthz"), *project_urlpatterns]


def boom(request):
    raise RuntimeError("secret-internal-detail")


urlpatterns.insert(0, path("ops-test-boom/", boom))
