"""The shape every "import files into a page of mine" admin screen shares (legal documents,
news items and articles): the screen opens only for a user who may add pages under at
least one parent, its form offers those parents only, and its breadcrumbs end with its
title. Each app says which parents (``parents_for``) and what the form does."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class ImportIntoParentView(WagtailAdminTemplateMixin, FormView):
    """``parents_for(user)`` lists the pages the user may import under (never empty once
    the screen opens: refused otherwise); the form takes them as ``parents``."""

    header_icon = "doc-full-inverse"

    def parents_for(self, user) -> list:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.parents = self.parents_for(request.user)
        if not self.parents:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["parents"] = self.parents
        return kwargs
