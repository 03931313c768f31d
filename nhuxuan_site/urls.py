from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from congthongtin.core.conf import app_settings
from congthongtin.core.workflow_reports import ScopedWorkflowTasksView, ScopedWorkflowView
from congthongtin.editorial.views.password import RateLimitedPasswordResetView
from congthongtin.nhuxuan_site import health

admin_path = app_settings.ADMIN_PATH

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Before Wagtail's own: the same address and name, with a rate limit (editorial.views.password).
    path(
        f"{admin_path}password_reset/",
        RateLimitedPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    # Before Wagtail's own, at the same addresses (reversed through Wagtail's names): the
    # workflow reports keep to the rows each user may reach (core.workflow_reports).
    path(f"{admin_path}reports/workflow/", ScopedWorkflowView.as_view()),
    path(f"{admin_path}reports/workflow/results/", ScopedWorkflowView.as_view(results_only=True)),
    path(f"{admin_path}reports/workflow_tasks/", ScopedWorkflowTasksView.as_view()),
    path(
        f"{admin_path}reports/workflow_tasks/results/",
        ScopedWorkflowTasksView.as_view(results_only=True),
    ),
    path(admin_path, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tim-kiem/", include("congthongtin.search.urls")),  # portal_search:search, :suggest
    # The read-only JSON API (core.api; docs/api.md): every app's registered endpoints.
    path("api/v2/", include("congthongtin.core.api_urls")),  # portal_search:search, :suggest
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("danh-gia-trang/", include("congthongtin.consultation.urls")),
    path("thong-ke/", include("congthongtin.stats.urls")),  # stats:counter, stats:outbound
    path("api/de-xuat/", include("congthongtin.editorial.upward_feed_urls")),  # signed feed
    # <open data page>/catalog.json and /<dataset>.<csv|json|xlsx> (addresses with a dot,
    # which Wagtail's pages never have).
    path("", include("congthongtin.opendata.urls")),
    path("nhan-tin/", include("congthongtin.subscriptions.urls")),  # one-click unsubscribe
    path("", include(wagtail_urls)),
]
