"""Wagtail's users app with the portal's user and group viewsets (issue 16, finding 1).

Listed in INSTALLED_APPS instead of ``wagtail.users``: Wagtail 8 reads the viewsets from
its app config. Nothing here imports models, as an app config module must not.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "congthongtin.editorial.views.users.PortalUserViewSet"
    group_viewset = "congthongtin.editorial.views.users.PortalGroupViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth.models import Group
        from wagtail.permissions import register_permission_policy

        from congthongtin.editorial.views.users import GroupPermissionPolicy

        # Replaces the plain model policy registered by super().ready().
        register_permission_policy(Group, GroupPermissionPolicy(Group))
