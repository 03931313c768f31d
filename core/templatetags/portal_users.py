"""A user's name and state in templates, whatever ``AUTH_USER_MODEL`` is (core.users)."""

from django import template

from congthongtin.core import users

register = template.Library()


@register.filter
def full_name(user) -> str:
    """``{{ user|full_name }}``: family name first, or ""."""
    return users.full_name(user)


@register.filter
def display_name(user) -> str:
    """``{{ user|display_name }}``: the full name, else the login name; "" for no user."""
    return users.display_name(user)


@register.filter
def must_change_password(user) -> bool:
    """``{% if user|must_change_password %}``: False on a model without the flag."""
    return users.must_change_password(user)
