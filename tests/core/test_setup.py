"""core.setup.permissions: the one look-up of the set-up steps' permission names."""

import pytest

from congthongtin.core.setup import permissions


@pytest.mark.django_db
def test_permissions__in_the_order_given():
    found = permissions(["core.change_unit", "wagtailadmin.access_admin", "core.add_unit"])
    assert [(p.content_type.app_label, p.codename) for p in found] == [
        ("core", "change_unit"),
        ("wagtailadmin", "access_admin"),
        ("core", "add_unit"),
    ]


@pytest.mark.django_db
def test_unknown_permission__named_in_the_error():
    # The codename exists, under another app: still unknown.
    with pytest.raises(LookupError, match=r"\['core\.add_nothing', 'legal\.add_unit'\]"):
        permissions(["core.add_unit", "legal.add_unit", "core.add_nothing"])


@pytest.mark.django_db
def test_setup_portal_twice__same_rights():
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    call_command("setup_portal", verbosity=0)
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert after == before and before
