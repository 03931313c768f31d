"""Base classes of the portal's admin viewsets.

Wagtail checks a model permission in each generic view, and the listing is the only view a
viewset filters with ``get_queryset``: history, usage, revision comparison, workflow
history, previews and choosers find their object by id in the whole table. A model whose
rows are not all meant for everyone who holds its model permissions (a unit officer's draft
answer is not another officer's) registers a ``ScopedPermissionPolicy``; every view of a
portal viewset (``PortalModelViewSet``, ``PortalSnippetViewSet`` and the snippet chooser)
then reaches only the rows that policy gives the user, the same rows its listing shows.
The check is made where Wagtail resolves an object (``get_object``) and where it builds a
listing (``get_base_queryset``, ``get_object_list``), so a view Wagtail adds in a later
release inherits it without being named here.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.views.generic import CreateView, DeleteView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet

#: The permissions that open a viewset's listing (Wagtail's IndexView asks for any of them).
LISTING_ACTIONS = ("add", "change", "delete", "view")


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and among the rows the ones a user may reach (``scope``) and,
    for a given action, act on (``action_scope``)."""

    #: Private rows (a citizen's question): the chooser answers only whoever may open the
    #: listing. Public ones (the directory) are chosen by anyone editing a page.
    chooser_needs_listing = True

    def scope(self, user, queryset: models.QuerySet) -> models.QuerySet:
        """The rows of ``queryset`` the user may reach at all (all of them by default)."""
        return queryset

    def action_scope(self, user, action: str, queryset: models.QuerySet) -> models.QuerySet:
        """The rows the user may change, delete… (by default the rows they reach)."""
        return self.scope(user, queryset)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scope(user, super().instances_user_has_any_permission_for(user, actions))

    def reachable(self, user) -> models.QuerySet:
        """What the listing shows: the rows any admin view of the model may open."""
        return self.instances_user_has_any_permission_for(user, LISTING_ACTIONS)

    def user_may_reach(self, user, instance) -> bool:
        if instance.pk is None:  # a form not saved yet: the model permission decides
            return self.user_has_any_permission(user, LISTING_ACTIONS)
        return self.reachable(user).filter(pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        if instance.pk is None:
            return True
        rows = self.model._default_manager.filter(pk=instance.pk)
        return self.action_scope(user, action, self.scope(user, rows)).exists()


class BodyRowsPermissionPolicy(ScopedPermissionPolicy):
    """Rows with a ``site`` column whose rights come from the roles a user holds on each
    body: ``site_ids(user, action)`` names the bodies whose rows the user may reach for
    ``action`` (None: every body). Reading is the "view" action; ``WRITE_ACTIONS`` narrow
    the rows further."""

    WRITE_ACTIONS = ("add", "change", "delete")

    def site_ids(self, user, action) -> set[int] | None:
        raise NotImplementedError

    def _within(self, user, action, queryset):
        ids = self.site_ids(user, action)
        return queryset if ids is None else queryset.filter(site_id__in=ids)

    def scope(self, user, queryset):
        if not (user and user.is_authenticated and user.is_active):
            return queryset.none()
        return self._within(user, "view", queryset)

    def action_scope(self, user, action, queryset):
        queryset = self.scope(user, queryset)
        if action in self.WRITE_ACTIONS:
            return self._within(user, action, queryset)
        return queryset


def scoped_policy(model) -> ScopedPermissionPolicy | None:
    if not (isinstance(model, type) and issubclass(model, models.Model)):
        return None
    policy = policy_registry.get_by_type(model)
    return policy if isinstance(policy, ScopedPermissionPolicy) else None


def check_reach(user, obj, action: str | None = None) -> None:
    """Refuse (403) an object outside the user's scope, or outside the scope of the action
    the view performs (``permission_required``: change, delete, lock…)."""
    policy = scoped_policy(type(obj)) if isinstance(obj, models.Model) else None
    if policy is None:
        return
    if not policy.user_may_reach(user, obj):
        raise PermissionDenied
    if action and not policy.user_has_permission_for_instance(user, action, obj):
        raise PermissionDenied


#: What Wagtail's revision views accept besides a revision's id.
REVISION_KEYWORDS = {"live", "earliest", "latest"}


class ObjectScopeMixin:
    """Put in front of every view a portal viewset constructs."""

    def setup(self, request, *args, **kwargs):
        # Revision ids come as strings (<str:revision_id_a>): a word went to the database
        # lookup and failed with a 500 (finding 10); it is a page that does not exist.
        for name in ("revision_id", "revision_id_a", "revision_id_b"):
            value = kwargs.get(name)
            if value is not None and not (str(value).isdigit() or value in REVISION_KEYWORDS):
                raise Http404
        super().setup(request, *args, **kwargs)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        check_reach(self.request.user, obj, getattr(self, "permission_required", None))
        return obj

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        policy = scoped_policy(getattr(queryset, "model", None))
        if policy is not None:
            queryset = policy.scope(self.request.user, queryset)
        return queryset


class ChooserScopeMixin(ObjectScopeMixin):
    """A chooser of a scoped model answers only users who may open its listing, and lists,
    returns and names only the rows they may reach (issue 16, finding 12)."""

    def dispatch(self, request, *args, **kwargs):
        policy = scoped_policy(self.model_class)
        if (
            policy is not None
            and policy.chooser_needs_listing
            and not policy.user_has_any_permission(request.user, LISTING_ACTIONS)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, *args, **kwargs):
        policy = scoped_policy(self.model_class)
        try:
            if policy is not None and not policy.chooser_needs_listing:
                # Public rows: within the user's scope, whatever his model permissions.
                obj = super(ObjectScopeMixin, self).get_object(*args, **kwargs)
                rows = policy.scope(self.request.user, type(obj)._default_manager.filter(pk=obj.pk))
                if not rows.exists():
                    raise PermissionDenied
                return obj
            return super().get_object(*args, **kwargs)
        except (ValueError, ValidationError) as error:  # chosen/<str:pk>/ given a word
            raise Http404 from error

    def _scoped(self, queryset):
        policy = scoped_policy(self.model_class)
        return policy.scope(self.request.user, queryset) if policy is not None else queryset

    def get_object_list(self, *args, **kwargs):
        return self._scoped(super().get_object_list(*args, **kwargs))

    def get_objects(self, *args, **kwargs):
        return self._scoped(super().get_objects(*args, **kwargs))


class InspectFieldMixin:
    """Wagtail's inspect view looks for ``get_<name>_display_value`` on itself first: for a
    model field called ``field`` that is its own ``get_field_display_value``, called with no
    arguments, and every inspect page of such a model failed with a 500 (finding 9)."""

    def get_field_display_value(self, field_name, field):
        if field_name != "field":
            return super().get_field_display_value(field_name, field)
        value = getattr(self.object, field_name)
        return value if value is not None else ""


class ProtectedDeleteMixin:
    """Deleting a row other rows protect (a question with its answer) raised
    ``ProtectedError`` inside Wagtail's delete view: a 500. It is a refusal with a message."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ProtectedError, RestrictedError):
            messages.error(
                self.request,
                _("“%(object)s” cannot be deleted: other records depend on it.")
                % {"object": self.object},
            )
            return redirect(self.request.get_full_path())


_scoped_classes: dict[type, type] = {}


def scoped_view_class(view_class: type, chooser: bool = False) -> type:
    """``view_class`` with the scope check in front (one subclass per class)."""
    if issubclass(view_class, ObjectScopeMixin):
        return view_class
    if view_class not in _scoped_classes:
        bases = [ChooserScopeMixin if chooser else ObjectScopeMixin]
        if issubclass(view_class, InspectView):
            bases.append(InspectFieldMixin)
        if issubclass(view_class, DeleteView):
            bases.append(ProtectedDeleteMixin)
        _scoped_classes[view_class] = type(
            view_class.__name__, (*bases, view_class), {"__module__": view_class.__module__}
        )
    return _scoped_classes[view_class]


class PortalViewSetMixin:
    """Every view the viewset builds goes through ``construct_view``."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class), **kwargs)


class PortalModelViewSet(PortalViewSetMixin, ModelViewSet):
    pass


class NoCreateView(CreateView):
    """For rows that only the portal itself writes (a citizen's question, a page rating, an
    e-mail in the queue): the admin never creates one."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class ChooserCreateView(SnippetCreateView):
    """The chooser's "create" tab exists only with a creation form; none of the portal's
    choosers has one, and a POST to the URL reached ``None.is_valid()``: a 500."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PortalSnippetChooserViewSet(SnippetChooserViewSet):
    create_view_class = ChooserCreateView

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class, chooser=True), **kwargs)


class PortalSnippetViewSet(PortalViewSetMixin, SnippetViewSet):
    chooser_viewset_class = PortalSnippetChooserViewSet
