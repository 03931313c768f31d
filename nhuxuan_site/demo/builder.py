"""Idempotent helpers that build demo pages, images and accounts.

Each ``ensure_*`` finds the object by a natural key (a page's slug under its parent, an
image's title, a user name) and creates it only when it is missing, so ``load_demo`` can be
run any number of times without duplicates and without overwriting an editor's changes.
"""

from __future__ import annotations

import io
import secrets
import string
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page

from congthongtin.editorial.accounts import group_data

PASSWORD_ALPHABET = string.ascii_letters + string.digits


def one_time_password(length: int = 14) -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def ensure_child(parent: Page, model, slug: str, **fields) -> tuple[Page, bool]:
    """The child of ``parent`` with ``slug``; created and published when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True


def body_stream(blocks: Iterable[tuple[str, object]]) -> list[tuple[str, object]]:
    """Demo body tuples → StreamField data (heading/paragraph/table)."""
    stream: list[tuple[str, object]] = []
    for kind, value in blocks:
        if kind == "heading":
            stream.append(("heading", {"text": value, "level": "h2"}))
        elif kind == "paragraph":
            stream.append(("paragraph", value))
        elif kind == "table":
            stream.append(
                (
                    "table",
                    {
                        "data": value["data"],
                        "first_row_is_table_header": value.get("first_row_is_header", True),
                        "first_col_is_header": False,
                        "table_caption": value.get("caption", ""),
                    },
                )
            )
    return stream


def ensure_image(title: str, make_png: Callable[[], bytes]):
    """A Wagtail image with ``title``; ``make_png()`` makes the file only when missing."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(make_png()), name="demo-image.png")
        image.save()
    return image


def ensure_user(
    username: str,
    full_name: str,
    email: str,
    *,
    groups: Iterable[Group] = (),
    superuser: bool = False,
    password: str | None = None,
    reset_password: bool = False,
) -> tuple[object, str | None]:
    """Create or update a demo account; returns (user, the password set now, or None)."""
    User = get_user_model()
    family, _, given = full_name.rpartition(" ")
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": given, "last_name": family, "email": email},
    )
    user.first_name, user.last_name, user.email = given, family, email
    user.is_staff = superuser
    user.is_superuser = superuser
    new_password = None
    if created or reset_password or password:
        new_password = password or one_time_password()
        user.set_password(new_password)
    user.save()
    held = set(user.groups.values_list("pk", flat=True))
    wanted = [group for group in groups if group.pk not in held]
    added = [group.name for group in wanted]
    if wanted:
        user.groups.add(*wanted)
    # The auditors' account log shows the demo board from day one: accounts and roles
    # given by the system (no person), as editorial.accounts writes them.
    data = {"username": username}
    if created:
        log(instance=user, action="editorial.account_created", data={**data, "groups": added})
    for group in wanted:
        log(instance=user, action="editorial.role_granted", data={**data, **group_data(group)})
    return user, new_password
