"""Wagtail's user and group views, held to the account rules of ``congthongtin.editorial.accounts``
(issue 16, finding 1). Registered through ``congthongtin.editorial.users_app.PortalUsersAppConfig``.

- Users: a non-superuser opens accounts only through "Open an official's account"
  (R-ACC-1 user name, one-time password); Wagtail's add view sends him there and creates
  nothing, whatever is posted. He edits no superuser's account, and the edit form
  (``PortalUserEditForm``) leaves out the superuser flag, the password fields and every
  group he may not grant. Every change of roles, activity, superuser status or password
  made through these forms is logged (``record_changes``).
- Groups: only a superuser adds, edits or deletes a group (its permissions, page and
  collection permissions); others with ``auth.view_group`` only read the list.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm
from wagtail.users.views import groups as wagtail_groups
from wagtail.users.views import users as wagtail_users

from congthongtin.core.users import user_permission

from ..accounts import record_changes, snapshot
from ..forms import PortalUserEditForm

WRITE_ACTIONS = {"add", "change", "delete"}


class GroupPermissionPolicy(ModelPermissionPolicy):
    """A group's permissions are powers: whoever edits a group (or its page and collection
    permissions) gives them to its members, himself included. Superusers only."""

    def user_has_permission(self, user, action):
        if action in WRITE_ACTIONS:
            return bool(user.is_active and user.is_superuser)
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = set(actions)
        superusers = get_user_model().objects.filter(is_active=True, is_superuser=True)
        if actions <= WRITE_ACTIONS:
            return superusers
        return super().users_with_any_permission(actions - WRITE_ACTIONS) | superusers


class PortalUserCreateView(wagtail_users.CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            # No user is created here by a non-superuser, whatever the request carries:
            # those who may open accounts are sent to the screen that does it by the rules.
            if not request.user.has_perm(user_permission("add")):
                raise PermissionDenied
            return redirect("editorial:create_account")
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        instance = super().save_instance()
        record_changes(self.request.user, instance, None)
        return instance


class PortalUserEditView(wagtail_users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        self.before = snapshot(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def save_instance(self):
        instance = super().save_instance()
        record_changes(self.request.user, instance, self.before)
        return instance


class PortalUserViewSet(wagtail_users.UserViewSet):
    # Wagtail's "copy" is a creation form of its own (generic.CopyView with the creation
    # form, superuser flag and every group included): the technical administrator made a
    # superuser through it. Copying an account would copy its roles too, a grant that must
    # go through editorial.accounts; accounts are opened, not copied.
    copy_view_enabled = False
    add_view_class = PortalUserCreateView
    edit_view_class = PortalUserEditView

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else UserCreationForm


class PortalGroupViewSet(wagtail_groups.GroupViewSet):
    """Wagtail's group views; the policy registered for Group (``GroupPermissionPolicy``)
    refuses their add, edit and delete views to anyone but a superuser."""
