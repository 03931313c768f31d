"""The admin screens of the supplying units (R-QUOTA-1): the head, a deputy or the standing
office of a body keeps its list of units, their own quotas and reminder addresses; the
board, the body's head and the auditors of that body read it. Rights come from the roles
held on each body (``editorial.quotas.READERS`` / ``MANAGERS``), not from model permissions:
a unit of body B is outside every view of body A's people. Each change is in the unit's
history (simple-history) and the audit log (a quota change: ``editorial.quota_changed``)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms import modelform_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.models import Site

from congthongtin.core.viewsets import BodyRowsPermissionPolicy, PortalModelViewSet

from . import quotas
from .models import SupplyingUnit

WRITE_ACTIONS = ("add", "change", "delete")


class SupplyingUnitPermissionPolicy(BodyRowsPermissionPolicy):
    """Readers of a body list its units; its managers add, change and delete them."""

    def site_ids(self, user, action):
        if action in WRITE_ACTIONS:
            return quotas.manageable_site_ids(user)
        return quotas.readable_site_ids(user)

    def user_has_permission(self, user, action):
        if not (user and user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        ids = self.site_ids(user, action)
        return ids is None or bool(ids)

    def users_with_any_permission(self, actions):
        roles = quotas.MANAGERS if set(actions) <= set(WRITE_ACTIONS) else quotas.READERS
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__board_role__role__in=roles))
            .distinct()
        )


class SupplyingUnitForm(WagtailAdminModelForm):
    """A unit of a body the person signed in manages; once per body."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or "site" not in self.fields:
            return
        ids = quotas.manageable_site_ids(user)
        sites = Site.objects.order_by("site_name", "hostname")
        self.fields["site"].queryset = sites if ids is None else sites.filter(pk__in=ids)
        if self.instance.pk is None and len(self.fields["site"].queryset) == 1:
            self.fields["site"].initial = self.fields["site"].queryset[0].pk

    def clean(self):
        cleaned = super().clean()
        site, agency = cleaned.get("site"), cleaned.get("agency")
        manager = self.for_user
        if site is not None and manager is not None and not quotas.may_manage(manager, site.pk):
            self.add_error(
                "site",
                gettext(
                    "Only the head, a deputy or the standing office of this body's board "
                    "keeps its supplying units."
                ),
            )
        if site is not None and agency is not None:
            taken = SupplyingUnit.objects.filter(site=site, agency=agency)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("agency", gettext("This body already tracks this unit."))
        return cleaned

    def validate_unique(self):
        # The (body, unit) pair is checked in clean() with a Vietnamese message.
        pass


class QuotaChangeMixin:
    """Wagtail's create/edit action (log ``wagtail.create`` / ``wagtail.edit``), then the
    quota change in the audit log."""

    def save_instance(self):
        previous = None
        created = self.form.instance.pk is None
        if not created:
            previous = (
                SupplyingUnit.objects.filter(pk=self.form.instance.pk)
                .values_list("monthly_quota", flat=True)
                .first()
            )
        instance = super().save_instance()
        quotas.log_quota_change(self.request.user, instance, previous, created=created)
        return instance


class SupplyingUnitCreateView(QuotaChangeMixin, CreateView):
    pass


class SupplyingUnitEditView(QuotaChangeMixin, EditView):
    pass


class SupplyingUnitViewSet(PortalModelViewSet):
    model = SupplyingUnit
    name = "don-vi-cung-cap-tin"
    url_namespace = "editorial_supplyingunit"
    icon = "group"
    menu_label = _("Supplying units")
    add_to_admin_menu = False
    add_view_class = SupplyingUnitCreateView
    edit_view_class = SupplyingUnitEditView
    form_fields = [
        "site",
        "agency",
        "monthly_quota",
        "contact_emails",
        "leader_emails",
        "active",
        "note",
    ]
    list_display = ["agency", "site", "own_quota_label", "active", "note"]
    list_filter = ["active"]
    list_export = ["site", "agency", "monthly_quota", "contact_emails", "active", "note"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return SupplyingUnit.objects.select_related("site", "agency")

    def get_form_class(self, for_update=False):
        return modelform_factory(SupplyingUnit, form=SupplyingUnitForm, fields=self.form_fields)
