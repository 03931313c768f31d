"""R-WF-2: delegation of steps 2 and 3 to a named person for a period, recorded."""

import datetime as dt
import json
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from congthongtin.core.bodies import role_group
from congthongtin.core.roles import DEPUTY
from congthongtin.editorial.models import DelegatedAction, Delegation, EditorialTask
from congthongtin.home.models import StandardPage

from .helpers import action_url, add_url, assert_denied, load_board, page_form_data, section_of

User = get_user_model()


class DelegationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        cls.section = section_of(cls.users["ptdung"])
        cls.step3 = EditorialTask.objects.get(step=3)
        cls.step2 = EditorialTask.objects.get(step=2)
        # A second deputy, who takes no part in steps 1 and 2 of the items below: the one
        # delegated step 3 (one person never acts on two steps of the same item).
        cls.users["ntphuong"] = User.objects.create_user("ntphuong", "p@thanhhoa.gov.vn", "x")
        cls.users["ntphuong"].groups.add(role_group(DEPUTY))

    def at_step_3(self, title, submitter="ptdung"):
        self.client.force_login(self.users[submitter])
        self.client.post(add_url(self.section), page_form_data(title, **{"action-submit": "1"}))
        page = StandardPage.objects.get(title=title)
        approvers = ("lvcuong", "ttbinh") if submitter == "ptdung" else ("ttbinh",)
        for username in approvers:
            self.client.force_login(self.users[username])
            page.refresh_from_db()
            self.client.post(action_url(page, "approve", page.current_workflow_task_state))
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_task.specific.step, 3)
        return page

    def delegate(self, delegate, *, starts, ends, task=None, delegator="nvan"):
        return Delegation.objects.create(
            delegator=self.users[delegator],
            delegate=self.users[delegate],
            task=task or self.step3,
            starts_at=starts,
            ends_at=ends,
            reason="Trưởng ban đi công tác",
        )

    def test_valid_delegation__delegate_approves__recorded_on_behalf_of_the_head(self):
        now = timezone.now()
        self.delegate(
            "ntphuong", starts=now - dt.timedelta(days=1), ends=now + dt.timedelta(days=1)
        )
        page = self.at_step_3("Tin duyệt thay")
        self.client.force_login(self.users["ntphuong"])
        self.client.post(
            action_url(page, "approve", page.current_workflow_task_state), {"comment": "Duyệt thay"}
        )
        page.refresh_from_db()
        self.assertTrue(page.live)
        action = DelegatedAction.objects.get()
        self.assertEqual(
            (action.acted_by, action.on_behalf_of), (self.users["ntphuong"], self.users["nvan"])
        )
        out = StringIO()
        call_command("editorial_audit", stdout=out)
        row = next(r for r in json.loads(out.getvalue()) if r["page_id"] == page.pk)
        self.assertEqual((row["approved_by"], row["on_behalf_of"]), ("ntphuong", "nvan"))

    def test_expired_delegation__delegate_cannot_act(self):
        now = timezone.now()
        self.delegate(
            "ntphuong", starts=now - dt.timedelta(days=10), ends=now - dt.timedelta(days=3)
        )
        page = self.at_step_3("Tin ủy quyền hết hạn")
        self.assertEqual(
            page.current_workflow_task.specific.get_actions(page, self.users["ntphuong"]), []
        )
        self.client.force_login(self.users["ntphuong"])
        assert_denied(
            self, self.client.post(action_url(page, "approve", page.current_workflow_task_state))
        )
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertFalse(DelegatedAction.objects.exists())

    def test_future_and_revoked_delegations__do_nothing(self):
        now = timezone.now()
        future = self.delegate(
            "ntphuong", starts=now + dt.timedelta(days=1), ends=now + dt.timedelta(days=2)
        )
        revoked = self.delegate(
            "lvcuong",
            starts=now - dt.timedelta(days=1),
            ends=now + dt.timedelta(days=1),
            task=self.step2,
            delegator="ttbinh",
        )
        revoked.revoked_at = now
        revoked.save()
        self.assertFalse(future.is_valid())
        self.assertIsNone(self.step3.valid_delegation(self.users["ntphuong"]))
        self.assertIsNone(self.step2.valid_delegation(self.users["lvcuong"]))

    def test_delegate_who_submitted__still_cannot_approve_own_item(self):
        now = timezone.now()
        self.delegate(
            "ntphuong", starts=now - dt.timedelta(days=1), ends=now + dt.timedelta(days=1)
        )
        page = self.at_step_3("Tin của chính người được ủy quyền", submitter="ntphuong")
        self.assertEqual(
            page.current_workflow_task.specific.get_actions(page, self.users["ntphuong"]), []
        )

    def test_rules__only_a_member_of_the_step_delegates_it(self):
        now = timezone.now()
        bad = Delegation(
            delegator=self.users["ttbinh"],
            delegate=self.users["lvcuong"],
            task=self.step3,
            starts_at=now,
            ends_at=now + dt.timedelta(days=1),
            reason="x",
        )
        with self.assertRaises(ValidationError) as caught:
            bad.full_clean()
        self.assertIn("task", caught.exception.message_dict)
        bad.task = self.step2
        bad.full_clean()  # a deputy delegates step 2
        bad.ends_at = bad.starts_at
        with self.assertRaises(ValidationError):
            bad.full_clean()
        step1 = EditorialTask.objects.get(step=1)
        with self.assertRaises(ValidationError):
            Delegation(
                delegator=self.users["lvcuong"],
                delegate=self.users["ptdung"],
                task=step1,
                starts_at=now,
                ends_at=now + dt.timedelta(days=1),
                reason="x",
            ).full_clean()

    def test_admin__head_delegates_through_the_form__delegator_is_the_head(self):
        self.client.force_login(self.users["nvan"])
        url = reverse("editorial_delegation:add")
        now = timezone.localtime()
        response = self.client.post(
            url,
            {
                "delegate": self.users["ttbinh"].pk,
                "task": self.step3.pk,
                "starts_at": now.strftime("%Y-%m-%d %H:%M"),
                "ends_at": (now + dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M"),
                "reason": "Đi học tập trung",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        delegation = Delegation.objects.get()
        self.assertEqual(delegation.delegator, self.users["nvan"])
        self.assertEqual(delegation.history.count(), 1)
