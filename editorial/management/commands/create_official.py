"""Open an official's account: R-ACC-1 user name, one-time password, change at first login."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from congthongtin.core.bodies import role_group
from congthongtin.core.management.sites import find_site
from congthongtin.core.roles import ALL_ROLES, INSTALL_ROLES, PROVINCE_AUDITOR
from congthongtin.core.users import must_change_password
from congthongtin.editorial.accounts import create_official


class Command(BaseCommand):
    help = (
        'Create an account from a full name, e.g. create_official "Nguyễn Văn An" an@x.gov.vn '
        '--role "Biên tập viên" --site xa.example.gov.vn'
    )

    def add_arguments(self, parser):
        parser.add_argument("full_name")
        parser.add_argument("email")
        parser.add_argument(
            "--role",
            action="append",
            default=[],
            choices=[*ALL_ROLES, PROVINCE_AUDITOR],
            help="A role (repeatable): on the body of --site, or install-wide "
            "(technical administrator, province-wide auditor).",
        )
        parser.add_argument(
            "--site",
            metavar="HOSTNAME",
            help="The body whose board the roles belong to (host name, or host:port); "
            "default: the default site.",
        )

    def handle(self, *args, **options):
        name = " ".join(options["full_name"].split())
        if len(name.split()) < 2:
            raise CommandError("Give the family name and the given name.")
        site = find_site(options["site"])
        groups = []
        for role in dict.fromkeys(options["role"]):
            try:
                groups.append(role_group(role, None if role in INSTALL_ROLES else site))
            except Group.DoesNotExist:
                raise CommandError(f"No group for {role!r}: run setup_portal first.") from None
        user, password = create_official(name, options["email"], groups)
        self.stdout.write(f"username: {user.get_username()}")
        self.stdout.write(f"one-time password: {password}")
        for group in groups:
            self.stdout.write(f"role: {group.name}")
        if must_change_password(user):
            self.stdout.write("The password must be changed at first login.")
