"""Periodic reviews (R-SLA-2): included by editorial/urls.py under "ra-soat/"."""

from django.urls import path

from .views import reviews

urlpatterns = [
    path("", reviews.review_list, name="reviews"),
    path("<int:page_id>/da-ra-soat/", reviews.mark, name="review_mark"),
    path("<int:page_id>/chu-ky/", reviews.interval, name="review_interval"),
]
