"""The editorial board's viewsets: delegations (R-WF-2) and section assignments (R-SUB-2)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSetGroup

from congthongtin.core.viewsets import PortalModelViewSet, ScopedPermissionPolicy

from . import assignments
from .delegations import readable_site_ids, visible_delegations
from .forms import DelegationForm, SectionAssignmentForm
from .models import Delegation, EditorialTask, SectionAssignment


class DelegationPermissionPolicy(ScopedPermissionPolicy):
    """Whoever may open the list reads the delegations of his bodies only (their board and
    auditors; the province-wide auditor and superusers: every body's,
    ``editorial.delegations``); only the person who gave a delegation changes or revokes it
    (R-WF-2: a delegation is the delegator's decision). Before, a deputy could edit the
    head's delegation of step 3 and name themselves, and ``Delegation.clean`` passed since
    the delegator (the head) does act on that step."""

    def scope(self, user, queryset):
        return visible_delegations(user, queryset)

    def action_scope(self, user, action, queryset):
        queryset = self.scope(user, queryset)
        if action in ("change", "delete") and not user.is_superuser:
            return queryset.filter(delegator=user)
        return queryset


class SectionAssignmentPermissionPolicy(ScopedPermissionPolicy):
    """The assignments of the sections of the user's bodies (board, auditors; superusers
    and the province-wide auditor: all); only the head or a deputy of the section's body
    changes one (``editorial.assignments``)."""

    def scope(self, user, queryset):
        return assignments.visible_assignments(user, queryset)

    def action_scope(self, user, action, queryset):
        queryset = self.scope(user, queryset)
        if action in ("add", "change", "delete"):
            return assignments.manageable_assignments(user, queryset)
        return queryset


def readable_tasks(request):
    """The steps offered by the listing's filter: those of the user's bodies."""
    tasks = EditorialTask.objects.filter(delegable=True)
    site_ids = readable_site_ids(request.user) if request is not None else set()
    if site_ids is not None:
        tasks = tasks.filter(site_id__in=site_ids)
    return tasks.order_by("site__site_name", "step")


class DelegationFilterSet(WagtailFilterSet):
    task = django_filters.ModelChoiceFilter(label=_("step"), queryset=readable_tasks)

    class Meta:
        model = Delegation
        fields = ["task"]


class DelegationCreateView(CreateView):
    """The person who delegates is the one signed in (R-WF-2): only the head or a deputy
    can delegate, and only a step they act on (``Delegation.clean``)."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or Delegation()
        instance.delegator = self.request.user
        return instance


class DelegationViewSet(PortalModelViewSet):
    model = Delegation
    name = "uy-quyen"
    url_namespace = "editorial_delegation"
    icon = "user"
    menu_label = _("Delegations")
    add_to_admin_menu = False
    add_view_class = DelegationCreateView
    form_fields = ["delegate", "task", "starts_at", "ends_at", "reason", "revoked_at"]
    list_display = ["delegator", "delegate", "task", "starts_at", "ends_at", "revoked_at"]
    filterset_class = DelegationFilterSet
    list_export = ["delegator", "delegate", "task", "starts_at", "ends_at", "reason", "revoked_at"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        from django.forms import modelform_factory

        return modelform_factory(Delegation, form=DelegationForm, fields=self.form_fields)


class SectionAssignmentViewSet(PortalModelViewSet):
    model = SectionAssignment
    name = "phan-cong-chuyen-muc"
    url_namespace = "editorial_sectionassignment"
    icon = "folder-open-inverse"
    menu_label = _("Section assignments")
    add_to_admin_menu = False
    form_fields = ["user", "section", "note"]
    list_display = ["user", "section", "note"]
    list_export = ["user", "section", "note"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        from django.forms import modelform_factory

        return modelform_factory(
            SectionAssignment, form=SectionAssignmentForm, fields=self.form_fields
        )


class EditorialViewSetGroup(ModelViewSetGroup):
    items = (DelegationViewSet, SectionAssignmentViewSet)
    menu_label = _("Editorial board")
    menu_icon = "group"
    menu_order = 250
