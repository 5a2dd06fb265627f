import json
from collections.abc import Collection, Sequence

from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

# the columns rows_for_pages reads: those the database returns as Python holds them
# (no converter to apply, as values_list would for a date on SQLite)
PLAIN_COLUMNS = {
    "BigIntegerField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "TextField",
}


class PageRowsManager(models.Manager):
    def rows_for_pages(
        self, page_ids: Collection[int], fields: Sequence[str], order_by: Sequence[str] = ()
    ) -> list[tuple]:
        """These fields of the rows of these pages, as values_list gives them, read
        with a statement whose text does not change with the number of pages: the
        ids go as one array (PostgreSQL; prepared once, where a parameter per id
        cost 8.5 ms against 3.7 for 400 ids) or one JSON list (SQLite). Every search
        reads the rows of its hits and candidates so, and the ORM compiled the same
        statement each time (0.5 to 0.9 ms a read)."""
        if not page_ids:
            return []
        meta, connection = self.model._meta, connections[self.db]
        quote = connection.ops.quote_name

        def column(name: str) -> str:
            field = meta.get_field(name)
            if field.get_internal_type() not in PLAIN_COLUMNS:
                raise ValueError(f"{name} needs a converter: read it with values_list")
            return quote(field.column)

        if connection.vendor == "postgresql":
            where, ids = "= ANY(%s)", list(page_ids)
        else:
            where, ids = "IN (SELECT value FROM json_each(%s))", json.dumps(list(page_ids))
        sql = (
            f"SELECT {', '.join(map(column, fields))} FROM {quote(meta.db_table)} "  # noqa: S608
            f"WHERE {column('page')} {where}"
        )
        if order_by:
            sql += f" ORDER BY {', '.join(map(column, order_by))}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [ids])
            return cursor.fetchall()


class SearchEntry(models.Model):
    """One searchable part of a published legal document: its head (number, title,
    subject, preamble) with an empty anchor, or one section with its anchor.

    The database engines find documents through SearchDocument and then read
    these rows of the page of results for the best section and its snippet;
    Elasticsearch indexes them. The document's facts are copied here so filters
    and facets need no join.
    """

    page = models.ForeignKey(
        "content.LegalDocumentPage", on_delete=models.CASCADE, related_name="search_entries"
    )
    position = models.PositiveIntegerField(default=0)
    anchor = models.CharField(max_length=80, blank=True)
    # where the section is, as a reader cites it ("Điều 3, khoản 2, điểm a"), worked
    # out when indexed (content.section_labels) so that a hit needs no other row
    label = models.TextField(blank=True)
    heading = models.TextField(blank=True)
    body = models.TextField(blank=True)
    folded = models.TextField(blank=True, help_text="the body without diacritics, đ = d")
    number_key = models.CharField(max_length=80, blank=True, db_index=True)
    doc_type = models.CharField(max_length=10, blank=True)
    issuer_id = models.BigIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, blank=True)
    topics = models.CharField(max_length=400, blank=True, help_text="space-separated topic slugs")
    issued_on = models.DateField(null=True, blank=True)

    objects = PageRowsManager()

    class Meta:
        indexes = [
            models.Index(fields=["doc_type"]),
            models.Index(fields=["issuer_id"]),
            models.Index(fields=["year"]),
            models.Index(fields=["page", "position"]),
        ]

    def __str__(self) -> str:
        return f"{self.page_id}#{self.anchor}"


class SearchDocument(models.Model):
    """One row per published document with all its text, for matching, ranking
    and facet counts at document level (fast even when a common word matches
    most of the library); the sections (SearchEntry) then give the anchor."""

    page = models.OneToOneField(
        "content.LegalDocumentPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    exact = models.TextField(blank=True, help_text="NFC, lower case")
    folded = models.TextField(blank=True, help_text="no diacritics, đ = d")
    # each pair of neighbouring folded words as one token ("tre_em"), so a phrase
    # is found as a conjunction of pairs, without storing word positions
    pairs = models.TextField(blank=True)
    # filters as words, so the full-text index can apply them: "tkh y2021 sinforce"
    tags = models.TextField(blank=True)
    # number, title, subject and headings: ranked apart, being short and telling
    head_folded = models.TextField(blank=True)
    number_key = models.CharField(max_length=80, blank=True)
    doc_type = models.CharField(max_length=10, blank=True)
    issuer_id = models.BigIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, blank=True)
    topics = models.CharField(max_length=400, blank=True)
    issued_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.page_id)


class RankingFields(models.Model):
    """What the ranking reads of one document, written when it is indexed: short
    normalised fields (search.ranking.normalise), so that ranking a hundred
    candidates reads a few hundred bytes of each, never their text, and folds
    nothing at query time; and the number as an integer, for the lookup of what a
    query names ("nghị định 56") through an index."""

    page = models.OneToOneField(
        "content.LegalDocumentPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_ranking",
    )
    number_value = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    number_key = models.CharField(max_length=80, blank=True)
    doc_type = models.CharField(max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.TextField(blank=True, help_text="normalised title and subject")
    issuer = models.TextField(blank=True, help_text="normalised issuer name and place")
    head = models.TextField(blank=True, help_text="the normalised opening of the head")

    objects = PageRowsManager()

    def __str__(self) -> str:
        return str(self.page_id)


class Synonym(models.Model):
    """Words that mean the same to the people searching, e.g. "lạm dụng, xâm hại"."""

    terms = models.CharField(
        _("terms"),
        max_length=300,
        help_text=_("Two or more words or phrases, separated by commas, e.g. lạm dụng, xâm hại"),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return self.terms


register_snippet(Synonym)


class QueryStat(models.Model):
    """How often a normalised query was searched on one day, counted under its
    keyed hash. Its folded text is filled in only once several different visitors
    made it (search.querylog); visitors are only counted (QueryVisitor keeps a
    daily-rotated keyed hash). Rows older than 30 days are purged."""

    query_hash = models.CharField(max_length=32)
    query = models.CharField(max_length=200, blank=True, default="")
    day = models.DateField()
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query_hash", "day"], name="unique_query_hash_per_day")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day}: {self.query}"


class QueryVisitor(models.Model):
    stat = models.ForeignKey(QueryStat, on_delete=models.CASCADE, related_name="visitors")
    visitor = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stat", "visitor"], name="unique_visitor_per_stat")
        ]

    def __str__(self) -> str:
        return self.visitor
