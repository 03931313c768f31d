"""Public URLs of site search: the results page and the suggestions of the search box.

The project includes them before Wagtail's catch-all, at the address it chooses (the portal:
``path("tim-kiem/", include("congthongtin.search.urls"))``). Their names are namespaced
(``portal_search:search``, ``portal_search:suggest``): a project made by `wagtail start` has
a search view of its own named "search".
"""

from django.urls import path

from . import views

app_name = "portal_search"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("goi-y/", views.suggest_view, name="suggest"),
]
