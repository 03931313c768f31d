"""Creating officials' accounts (R-ACC-1, R-ACC-2), shared by the admin form and the command."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.log_actions import log

from vietnam.names import split_full_name, unique_username


def generate_password(length: int = 14) -> str:
    import secrets
    import string

    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        # Django's validators reject all-numeric and common passwords; mix classes.
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


@transaction.atomic
def create_official(full_name: str, email: str, groups=(), *, created_by=None):
    """A new account: R-ACC-1 user name, a random one-time password, change forced at
    first login. Returns (user, password); the password is shown once and never stored."""
    User = get_user_model()
    family, given = split_full_name(full_name)
    username = unique_username(full_name, lambda u: User.objects.filter(username=u).exists())
    password = generate_password()
    user = User(
        username=username,
        first_name=given,
        last_name=family,
        email=email,
        must_change_password=True,
    )
    user.set_password(password)
    user.save()
    if groups:
        user.groups.set(groups)
    log(
        instance=user,
        action="editorial.account_created",
        user=created_by,
        data={"username": username, "groups": [g.name for g in groups]},
    )
    return user, password
