"""RSS and Atom feeds of the news and of new legal documents, in the visitor's
language (the URL prefix decides it)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from base.public_url import absolute
from content.models import ArticlePage, LegalDocumentPage

FEED_SIZE = 20


class NewsFeed(Feed):
    title = _("Child Protection Portal: news")
    description = _("News on child protection from the provincial and commune authorities.")

    def link(self):
        from django.urls import reverse

        return absolute(reverse("feed_news_rss"))

    def items(self):
        return (
            ArticlePage.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .order_by("-date", "-pk")[:FEED_SIZE]
        )

    def feed_url(self):
        return self.link()

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary or item.search_description

    def item_link(self, item) -> str:
        return absolute(item.url)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(8)))

    def item_author_name(self, item) -> str:
        return item.author


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description

    def link(self):
        from django.urls import reverse

        return absolute(reverse("feed_news_atom"))


class LegalDocumentsFeed(Feed):
    title = _("Child Protection Portal: new legal documents")
    description = _("Directives, plans and guidance newly added to the legal library.")

    def link(self):
        from django.urls import reverse

        return absolute(reverse("feed_documents_rss"))

    def items(self):
        return (
            LegalDocumentPage.objects.live()
            .public()
            .select_related("issuer")
            .order_by("-first_published_at")[:FEED_SIZE]
        )

    def feed_url(self):
        return self.link()

    def item_title(self, item) -> str:
        return f"{item.number} – {item.title}" if item.number else item.title

    def item_description(self, item) -> str:
        parts = [item.doc_type_name or "", item.issuer.name if item.issuer else ""]
        return " · ".join(part for part in parts if part) or item.title

    def item_link(self, item) -> str:
        return absolute(item.url)

    def item_pubdate(self, item):
        return item.first_published_at


class LegalDocumentsAtomFeed(LegalDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = LegalDocumentsFeed.description

    def link(self):
        from django.urls import reverse

        return absolute(reverse("feed_documents_atom"))
