"""The board's time limits (R-SLA-1): /admin/ban-bien-tap/han-dang/…"""

from django.urls import path

from .views import timeliness

urlpatterns = [
    path("", timeliness.deadline_list, name="deadlines"),
    path("bao-cao/", timeliness.timeliness_report, name="timeliness_report"),
]
