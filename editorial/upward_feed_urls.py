"""Public URL of the signed feed of proposals to a parent portal on another install."""

from django.urls import path

from .views import upward_feed

app_name = "editorial_upward_feed"

urlpatterns = [
    path("<slug:key_id>.json", upward_feed.feed, name="feed"),
]
