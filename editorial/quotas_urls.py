"""Admin URLs of the units' monthly supply (R-QUOTA-1), under /admin/ban-bien-tap/dinh-muc/."""

from django.urls import path

from .views import quotas

urlpatterns = [
    path("", quotas.quota_dashboard, name="quotas"),
    path("bang-thi-dua.xlsx", quotas.quota_year_xlsx, name="quotas_year_xlsx"),
]
