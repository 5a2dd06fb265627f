from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.demo import load_legal_library
from content.demo_pages import load_public_pages
from content.models import LegalLibraryPage
from home.demo import load_site_frame
from learning.demo import DEMO_LEARNER_EMAIL, DEMO_LEARNER_PASSWORD, demo_learner, load_courses
from learning.models import CourseIndexPage
from search.maintenance import settle_indexes


class Command(BaseCommand):
    help = (
        "Load the demo content (idempotent: running it twice changes nothing). Never in production."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("load_demo refuses to run under production settings.")
        home = load_site_frame()
        library = LegalLibraryPage.objects.child_of(home).get()
        pages = load_legal_library(library)
        self.stdout.write(f"Legal library: {len(pages)} documents.")
        courses = load_courses(CourseIndexPage.objects.child_of(home).get())
        self.stdout.write(f"Training: {len(courses)} courses.")
        public = load_public_pages(home)
        self.stdout.write(
            "Campaigns: {campaigns}, guidance: {guidance}, news: {news}, topics: {topics}.".format(
                **{name: len(items) for name, items in public.items()}
            )
        )
        demo_learner()
        settle_indexes()  # pages were published one by one: merge their index segments
        self.stdout.write(f"Demo learner: {DEMO_LEARNER_EMAIL} / password {DEMO_LEARNER_PASSWORD}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
