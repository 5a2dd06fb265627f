"""Demo campaigns, guidance, news and topic pages. The text is data
(``demo_pages.json``); this loader maps it to pages: StreamField blocks, the
illustrations drawn by ``content.demo_images``, topics, related documents and
courses, English translations. Every function is idempotent."""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone

from wagtail.models import Locale, Page

from base.demo import stream, upsert_page, upsert_translation
from content.demo_images import demo_image, demo_pdf_poster, demo_text_document
from content.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    GuidanceIndexPage,
    GuidancePage,
    LegalDocumentPage,
    Topic,
    TopicIndexPage,
    TopicPage,
)

PAGES_FILE = Path(__file__).resolve().parent / "demo_pages.json"


@cache
def page_specs() -> dict[str, Any]:
    return json.loads(PAGES_FILE.read_text(encoding="utf-8"))


def _save(parent: Page, model: type[Page], spec: dict, fields: dict) -> Page:
    """A public page with its topics and the privacy confirmation its text meets."""
    topics = list(Topic.objects.filter(slug__in=spec["topics"]))
    topics.sort(key=lambda topic: spec["topics"].index(topic.slug))
    fields = {**fields, "topics": topics, "privacy_confirmed": True}
    return upsert_page(parent, model, spec["slug"], fields)


def _translate(page: Page, locale: Locale, fields: dict) -> Page:
    return upsert_translation(page, locale, {**fields, "privacy_confirmed": True})


def _picture(spec: dict):
    return demo_image(spec["title"], spec["motif"], spec["palette"])


def _material(spec: dict):
    if "poster" in spec:
        return demo_pdf_poster(**spec["poster"])
    return demo_text_document(**spec["text_document"])


def _gallery(images: list, alt_texts: list[str]) -> list[tuple[str, dict]]:
    return [
        ("image", {"image": image, "alt_text": alt, "caption": ""})
        for image, alt in zip(images[: len(alt_texts)], alt_texts, strict=True)
    ]


def _texts(spec: dict, year: int) -> dict:
    """Text fields, key messages and body of a campaign (or its translation)."""
    fields = {
        name: value.format(year=year) if isinstance(value, str) else value
        for name, value in spec["fields"].items()
    }
    fields["key_messages"] = [("message", message) for message in spec["key_messages"]]
    fields["body"] = stream(spec["body"])
    return fields


def campaign(
    section: CampaignIndexPage, spec: dict, english: Locale, documents: list, courses: list
) -> CampaignPage:
    year = timezone.localdate().year
    images = [_picture(picture) for picture in spec["pictures"]]
    start, end = (datetime.date.fromisoformat(f"{year}-{day}") for day in spec["period"])
    fields = _texts(spec, year) | {
        "start_date": start,
        "end_date": end,
        "image": images[0],
        "materials": [("document", _material(material)) for material in spec["materials"]],
        "gallery": _gallery(images, [picture["alt_text"] for picture in spec["pictures"]]),
        "related_documents": [
            ("document", document) for document in documents[: spec["related_documents"]]
        ],
        "related_courses": [("course", course) for course in courses],
    }
    page = _save(section, CampaignPage, spec, fields)
    if "english" in spec:
        translation = spec["english"]
        fields = _texts(translation, year)
        fields["gallery"] = _gallery(images, translation["gallery_alt_texts"])
        _translate(page, english, fields)
    return page


def campaigns(section: CampaignIndexPage, english: Locale) -> list[CampaignPage]:
    documents = list(
        LegalDocumentPage.objects.live().filter(locale__language_code="vi").order_by("pk")[:2]
    )
    courses = _courses()
    return [
        campaign(section, spec, english, documents, courses) for spec in page_specs()["campaigns"]
    ]


def guidance(section: GuidanceIndexPage, english: Locale) -> list[GuidancePage]:
    pages = []
    for spec in page_specs()["guidance"]:
        fields = spec["fields"] | {"image": _picture(spec["picture"]), "body": stream(spec["body"])}
        page = _save(section, GuidancePage, spec, fields)
        if "english" in spec:
            translation = spec["english"]
            _translate(page, english, translation["fields"] | {"body": stream(translation["body"])})
        pages.append(page)
    return pages


def news(section: ArticleIndexPage) -> list[ArticlePage]:
    pages = []
    today = timezone.localdate()
    for spec in page_specs()["news"]:
        fields = spec["fields"] | {
            "author": page_specs()["news_author"],
            "body": stream(spec["body"]),
        }
        if "picture" in spec:
            fields["image"] = _picture(spec["picture"])
        existing = ArticlePage.objects.child_of(section).filter(slug=spec["slug"]).first()
        # The date is set when the article is first created, then kept.
        fields["date"] = (
            existing.date if existing else today - datetime.timedelta(days=spec["days_ago"])
        )
        pages.append(_save(section, ArticlePage, spec, fields))
    return pages


def topic_pages(section: TopicIndexPage) -> list[TopicPage]:
    summaries = page_specs()["topic_summaries"]
    pages = []
    for topic in Topic.objects.filter(slug__in=summaries):
        spec = {"slug": topic.slug, "topics": [topic.slug]}
        fields = {"title": topic.name, "topic": topic, "summary": summaries[topic.slug]}
        pages.append(_save(section, TopicPage, spec, fields))
    return pages


def _courses(language: str = "vi") -> list[Page]:
    """The live courses, when the training app has any (content does not import it)."""
    from django.apps import apps

    try:
        model = apps.get_model("learning", "CoursePage")
    except LookupError:
        return []
    return list(model.objects.live().filter(locale__language_code=language).order_by("pk")[:3])


def featured_courses(home) -> None:
    courses = _courses(home.locale.language_code)
    current = [block.value.pk for block in home.featured_courses if block.value]
    if courses and current != [course.pk for course in courses]:
        home.featured_courses = [("course", course) for course in courses]
        home.save_revision().publish()


def load_public_pages(home) -> dict:
    english = Locale.objects.get_or_create(language_code="en")[0]
    result = {
        "campaigns": campaigns(CampaignIndexPage.objects.child_of(home).get(), english),
        "guidance": guidance(GuidanceIndexPage.objects.child_of(home).get(), english),
        "news": news(ArticleIndexPage.objects.child_of(home).get()),
        "topics": topic_pages(TopicIndexPage.objects.child_of(home).get()),
    }
    featured_courses(home)
    return result
