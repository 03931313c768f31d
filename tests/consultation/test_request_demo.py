"""The demo's petitions, complaints and denunciations (issue 22): the two pages on the
main site, requests in each stage written through the life cycle, idempotent."""

import datetime

from django.utils import timezone

from congthongtin.consultation.models import (
    ComplaintIndexPage,
    PetitionIndexPage,
    Question,
    QuestionEvent,
    QuestionState,
    RequestKind,
)
from congthongtin.nhuxuan_site.demo import citizen_requests
from tests.shared_demo import DemoTestCase

from .test_demo import demo_context


class RequestDemoTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.count = Question.objects.exclude(kind=RequestKind.QUESTION).count()
        citizen_requests.load(demo_context())  # a second run adds nothing

    def test_pages_at_their_addresses(self):
        petitions = PetitionIndexPage.objects.live().get()
        complaints = ComplaintIndexPage.objects.live().get()
        self.assertEqual(petitions.get_url_parts()[2], "/phan-anh-kien-nghi/")
        self.assertEqual(complaints.get_url_parts()[2], "/khieu-nai-to-cao/")
        self.assertIn("20/2008/NĐ-CP", petitions.rules)
        self.assertIn("02/2011/QH13", complaints.rules)
        for page in (petitions, complaints):
            self.assertEqual(self.client.get(page.url).status_code, 200)
            self.assertEqual(
                self.client.get(page.url + page.reverse_subpage("ask")).status_code, 200
            )

    def test_requests_in_each_stage__idempotent(self):
        requests = Question.objects.exclude(kind=RequestKind.QUESTION)
        self.assertEqual(requests.count(), self.count)
        self.assertEqual(self.count, 8)
        now = timezone.now()
        petitions = requests.filter(kind=RequestKind.PETITION)
        self.assertTrue(petitions.filter(state=QuestionState.RECEIVED).exists())
        assigned = list(petitions.filter(state=QuestionState.ASSIGNED))
        self.assertTrue(any(p.is_overdue(now) for p in assigned))
        near = [p for p in assigned if now < p.due_at <= now + datetime.timedelta(days=3)]
        self.assertEqual(len(near), 1)
        answered = petitions.get(state=QuestionState.ANSWERED)
        self.assertEqual(self.client.get(answered.get_url()).status_code, 200)
        self.assertContains(self.client.get("/phan-anh-kien-nghi/"), answered.title)
        accepted = requests.get(kind=RequestKind.COMPLAINT, accepted_at__isnull=False)
        self.assertTrue(accepted.events.filter(kind=QuestionEvent.Kind.ACCEPTED).exists())
        waiting = requests.get(state=QuestionState.INFORMATION_REQUESTED)
        self.assertEqual(waiting.kind, RequestKind.DENUNCIATION)
        self.assertContains(self.client.get(waiting.tracking_url()), 'name="text"')
        self.assertTrue(
            requests.filter(kind=RequestKind.DENUNCIATION, state=QuestionState.ASSIGNED).exists()
        )
        # Every request has its secret; nothing in the past is after now.
        for request in requests:
            self.assertTrue(request.secret_hash)
            self.assertLessEqual(request.received_at, now)
