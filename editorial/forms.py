"""Forms of the editorial admin screens."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page
from wagtail.users.forms import UserEditForm

from congthongtin.core.filters import BoundedDateField

from .accounts import can_manage_account, grantable_groups


class AuditFilterForm(forms.Form):
    """Filters of the audit report: section, person, period (R-WF-3)."""

    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Page.objects.none(), required=False, empty_label=_("All")
    )
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )
    # Bounded: the period adds a day to "until" and converts local midnights to UTC.
    since = BoundedDateField(label=_("From (dd/mm/yyyy)"), required=False)
    until = BoundedDateField(label=_("To (dd/mm/yyyy)"), required=False)

    def __init__(self, *args, site_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        from congthongtin.core.bodies import pages_in_sites

        # Sections: the site roots and their children (the top-level sections of each
        # portal), of the bodies the reader audits (``site_ids`` None: every body).
        self.fields["section"].queryset = (
            Page.objects.filter(depth__in=[2, 3]).filter(pages_in_sites(site_ids)).order_by("path")
        )
        User = get_user_model()
        people = User.objects.filter(is_active=True)
        if site_ids is not None:
            # The people of the reader's bodies' boards (and their writers).
            people = people.filter(groups__board_role__site_id__in=site_ids).distinct()
        self.fields["user"].queryset = people.order_by(User.USERNAME_FIELD)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date must not be before the start date."))
        return cleaned

    def period(self):
        """Aware datetimes: [since 00:00, the day after until 00:00)."""
        tz = timezone.get_current_timezone()
        since = self.cleaned_data.get("since")
        until = self.cleaned_data.get("until")
        start = dt.datetime.combine(since, dt.time.min, tz) if since else None
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tz) if until else None
        return start, end


class OfficialAccountForm(forms.Form):
    """R-ACC-1/2: an account per official, user name from the full name, one-time password."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Official e-mail"))
    roles = forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        roles = Group.objects.filter(board_role__isnull=False)
        if actor is not None:
            # Only the groups the person opening the account may grant (editorial.accounts):
            # none for the technical administrator, whom the head of the board follows.
            roles = grantable_groups(actor)
        if roles.exists():
            self.fields["roles"].queryset = roles.order_by("name")
        else:
            del self.fields["roles"]

    def clean_full_name(self):
        from congthongtin.vietnam.names import username_base

        name = " ".join(self.cleaned_data["full_name"].split())
        try:
            username_base(name)
        except ValueError:
            raise forms.ValidationError(_("Enter the full name in letters.")) from None
        if len(name.split()) < 2:
            raise forms.ValidationError(_("Enter the family name and the given name."))
        return name


class AccountRolesForm(forms.Form):
    """The roles of one account among those the person signed in may grant."""

    roles = forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, actor, target, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = grantable_groups(actor, target).order_by("name")
        self.fields["roles"].queryset = allowed
        self.fields["roles"].initial = list(target.groups.filter(pk__in=allowed))


class PortalUserEditForm(UserEditForm):
    """Wagtail's user edit form, cut to what the person signed in may change
    (editorial.accounts): a non-superuser never sees the superuser flag nor the password
    fields (he issues a one-time password instead), and sees only the groups he may grant;
    the groups he may not grant keep their state whatever is posted."""

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor  # before Wagtail's __init__, which reads password_enabled
        self.allowed_groups = None
        super().__init__(*args, **kwargs)
        if actor.is_superuser:
            return
        for name in ("is_superuser", "password1", "password2"):
            self.fields.pop(name, None)
        if "is_active" in self.fields and not can_manage_account(actor, self.instance):
            del self.fields["is_active"]
        self.allowed_groups = grantable_groups(actor, self.instance)
        if self.allowed_groups.exists():
            self.fields["groups"].queryset = self.allowed_groups.order_by("name")
        else:
            del self.fields["groups"]

    @property
    def password_enabled(self):
        return self.actor.is_superuser and super().password_enabled

    def clean_groups(self):
        chosen = set(self.cleaned_data["groups"])
        if self.allowed_groups is None:  # a superuser
            return list(chosen)
        kept = set(self.instance.groups.exclude(pk__in=self.allowed_groups))
        return list(chosen | kept)


class DelegationForm(WagtailAdminModelForm):
    """The delegation admin's form: the steps the person signed in may delegate (his
    bodies' only), and as delegates the people eligible for one of them
    (``editorial.delegations``); ``Delegation.clean`` checks the pair chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .delegations import delegable_tasks, eligible_delegates

        user = self.for_user
        if user is None:
            return
        tasks = delegable_tasks(user)
        if self.instance.pk and self.instance.task_id:
            # The step of a delegation being edited stays among the choices.
            tasks = tasks.model.objects.filter(
                Q(pk__in=tasks.values("pk")) | Q(pk=self.instance.task_id)
            )
        tasks = tasks.order_by("site__site_name", "step")
        if "task" in self.fields:
            self.fields["task"].queryset = tasks
        if "delegate" in self.fields:
            delegator = self.instance.delegator if self.instance.delegator_id else user
            self.fields["delegate"].queryset = eligible_delegates(tasks, exclude=delegator)


class SectionAssignmentForm(WagtailAdminModelForm):
    """A section of a body where the person signed in is head or deputy, given to a person
    who writes for that body (``editorial.assignments``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .assignments import assignable_sections, possible_assignees

        user = self.for_user
        if user is None:
            return
        if "section" in self.fields:
            self.fields["section"].queryset = assignable_sections(user).order_by("path")
        if "user" in self.fields:
            self.fields["user"].queryset = possible_assignees(user)

    def clean(self):
        from .assignments import assignee_problem, may_assign

        cleaned = super().clean()
        section, person = cleaned.get("section"), cleaned.get("user")
        if self.for_user is not None and section is not None:
            if not may_assign(self.for_user, section):
                self.add_error(
                    "section",
                    _("Only the head or a deputy of this section's body assigns it."),
                )
            elif person is not None:
                problem = assignee_problem(person, section)
                if problem:
                    self.add_error("user", problem)
        return cleaned
