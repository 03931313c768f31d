"""What the apps need of a user, whatever ``AUTH_USER_MODEL`` is (issue 17).

The portal's model, ``core.User``, keeps names family-name first and has
``must_change_password`` (R-ACC-2). A site started with ``wagtail start`` has Django's
``auth.User``; another may have its own model. The apps never touch those fields directly:
they go through the functions below, which fall back to what any user model has.
"""

from __future__ import annotations

from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import FieldDoesNotExist

FLAG = "must_change_password"


def has_field(name: str, model=None) -> bool:
    """Whether the user model (or ``model``) has a database field ``name``."""
    model = model or get_user_model()
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def user_permission(action: str) -> str:
    """``"<app label>.<action>_<model>"`` of the user model: ``"core.add_user"`` in the
    portal, ``"auth.add_user"`` with Django's model."""
    opts = get_user_model()._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


# Names -------------------------------------------------------------------------------------
def full_name(user) -> str:
    """The person's name as Vietnamese write it, family name first ("Nguyễn Văn An"), or "".

    A model with a ``get_full_name`` of its own says how (``core.User``'s puts the family
    name first). ``AbstractUser``'s (Django's ``auth.User``) puts the given name first; the
    apps store the family and middle names in ``last_name`` and the given name in
    ``first_name`` (``name_fields``), so they are read family name first here too."""
    if user is None:
        return ""
    # user.__class__, not type(user): request.user is a lazy object that passes it through.
    method = getattr(user.__class__, "get_full_name", None)
    if method is AbstractUser.get_full_name:
        parts = (getattr(user, "last_name", ""), getattr(user, "first_name", ""))
        return " ".join(part.strip() for part in parts if part and part.strip())
    if method is None:
        return ""
    return (user.get_full_name() or "").strip()


def display_name(user) -> str:
    """The name to show for ``user``: the full name, else the login name; "" for none."""
    if user is None:
        return ""
    return full_name(user) or user.get_username()


def name_fields(family: str, given: str) -> dict:
    """Keyword arguments that store a split name on a new user of the model, for the fields
    it has (``last_name``: family and middle names, ``first_name``: the given name)."""
    fields = {}
    if has_field("last_name"):
        fields["last_name"] = family
    if has_field("first_name"):
        fields["first_name"] = given
    return fields


def ordering() -> list[str]:
    """An order of users by name (family name first) that the model supports."""
    names = [name for name in ("last_name", "first_name") if has_field(name)]
    return [*names, get_user_model().USERNAME_FIELD]


# The forced password change (R-ACC-2) -----------------------------------------------------
def must_change_password(user) -> bool:
    """Whether ``user`` must replace a one-time password before anything else. Always False
    on a model without the ``must_change_password`` field."""
    return bool(getattr(user, FLAG, False))


def set_must_change_password(user, value: bool) -> list[str]:
    """Sets the flag on ``user`` (not saved) when the model has it; returns the fields to
    save (``[]`` when it has none: the model cannot force a change)."""
    if not has_field(FLAG, user.__class__):
        return []
    setattr(user, FLAG, value)
    return [FLAG]
