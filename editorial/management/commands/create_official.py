"""Open an official's account: R-ACC-1 user name, one-time password, change at first login."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from congthongtin.core.roles import ALL_ROLES
from congthongtin.core.users import must_change_password
from congthongtin.editorial.accounts import create_official


class Command(BaseCommand):
    help = 'Create an account from a full name, e.g. create_official "Nguyễn Văn An" an@x.gov.vn'

    def add_arguments(self, parser):
        parser.add_argument("full_name")
        parser.add_argument("email")
        parser.add_argument(
            "--role",
            action="append",
            default=[],
            choices=ALL_ROLES,
            help="A role group (repeatable).",
        )

    def handle(self, *args, **options):
        name = " ".join(options["full_name"].split())
        if len(name.split()) < 2:
            raise CommandError("Give the family name and the given name.")
        groups = list(Group.objects.filter(name__in=options["role"]))
        user, password = create_official(name, options["email"], groups)
        self.stdout.write(f"username: {user.get_username()}")
        self.stdout.write(f"one-time password: {password}")
        if must_change_password(user):
            self.stdout.write("The password must be changed at first login.")
