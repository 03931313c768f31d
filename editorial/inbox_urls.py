"""Admin URLs of the contributions inbox (under /admin/ban-bien-tap/)."""

from django.urls import path

from .views import inbox

urlpatterns = [
    path("gui-tin/", inbox.contribute, name="contribute"),
    path("hop-thu/", inbox.inbox_list, name="inbox"),
    path("hop-thu/<int:pk>/", inbox.inbox_detail, name="inbox_detail"),
    path("hop-thu/<int:pk>/tiep-nhan/", inbox.inbox_accept, name="inbox_accept"),
    path("hop-thu/<int:pk>/giao/", inbox.inbox_assign, name="inbox_assign"),
    path("hop-thu/<int:pk>/tra-lai/", inbox.inbox_return, name="inbox_return"),
    path("hop-thu/tep/<int:pk>/", inbox.inbox_file, name="inbox_file"),
]
