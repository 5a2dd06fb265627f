"""Relevance: what a query names, and how well each found document answers it.

Plain Python shared by the database engines (and measured by eval_search), so
the order is the same whatever finds the documents:

- a document whose number is the one the query names ("nghị định 56", "nd 56
  2017", "chỉ thị số 18 năm 2017", "kế hoạch số 2022/KH-UBND", "375/LDTBXH-TE")
  comes before any document that merely cites it;
- then a field-weighted score in the manner of BM25F: each query word counts by
  its rarity (idf) in the fields where it is found, the number, type and title
  (trích yếu) weighing most, then issuer and place, then the headings, then the
  body; the whole query as a phrase in the title adds to it;
- a type word ("luật", "kế hoạch", "công văn") favours that type, a year the
  documents of that year;
- matching as typed with diacritics, and then recency, only break ties.

Abbreviations (UBND, HĐND, LĐTBXH, GDĐT, TTg…) are expanded on both sides, so
"UBND tỉnh Sơn La" meets "Ủy ban nhân dân tỉnh Sơn La" and the other way round.
"""

from __future__ import annotations

import math
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from base.vietnamese import fold
from content.importer.doctypes import DOC_TYPES

# long form -> the one-word form both query and documents are written in
ABBREVIATIONS = {
    "uy ban nhan dan": "ubnd",
    "hoi dong nhan dan": "hdnd",
    "lao dong thuong binh va xa hoi": "ldtbxh",
    "lao dong thuong binh xa hoi": "ldtbxh",
    "giao duc va dao tao": "gddt",
    "giao duc dao tao": "gddt",
    "thu tuong chinh phu": "ttg",
    "thu tuong": "ttg",
    "bo y te": "byt",
    "bo cong an": "bca",
    "thanh pho": "tp",
    "hoi dong tham phan": "hdtp",
    "toa an nhan dan toi cao": "tandtc",
}
# one-word forms of the same, and ministries' codes: "bgddt" -> "bo gddt"
CODE_WORDS = {
    "bgddt": "bo gddt",
    "bgd": "bo gddt",
    "bldtbxh": "bo ldtbxh",
    "ldtbxh": "ldtbxh",
    "tw": "trung uong",
    "tphcm": "tp ho chi minh",
    "hcm": "ho chi minh",
}
STOPWORDS = {
    "so", "nam", "cua", "co", "ve", "va", "cac", "cho", "o", "tai", "trong", "viec",
    "mot", "nhung", "den", "theo", "tren", "van", "ban", "vb",
}  # fmt: skip
TYPE_CODES = {code.lower(): code for code in DOC_TYPES} | {
    "qd": "QD", "nd": "ND", "cv": "CV", "qcph": "QC", "qc": "QC", "ctr": "CTR",
}  # fmt: skip
TYPE_NAMES = sorted(
    ((tuple(fold(name).split()), code) for code, name in DOC_TYPES.items()),
    key=lambda item: -len(item[0]),
)
YEAR = re.compile(r"^(19[4-9]\d|20[0-4]\d)$")
FULL_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5})\s*/\s*(?:((?:19|20)\d\d)\s*/\s*)?([a-z][a-z0-9&]*(?:\s*[-–]\s*[a-z0-9&]+)*)"
)
NUMBER_YEAR = re.compile(r"(?<![\w/])(\d{1,5})\s*/\s*((?:19|20)\d\d)(?![\w/])")
PARTY_NUMBER = re.compile(r"(?<![\w/])(\d{1,5})\s*-\s*([a-z]+)\s*/\s*([a-z]+)")
TOKEN = re.compile(r"[a-z0-9]+")

# field weights (the number and type are scored apart)
TITLE, ISSUER, HEAD, BODY = 6.0, 4.0, 2.0, 3.0
PHRASE_IN_TITLE = 3.0
TYPE_MATCH, TYPE_MISMATCH = 5.0, -2.0
YEAR_MATCH, YEAR_IN_TITLE = 2.0, 1.0
# BM25 length normalisation per field: a word in a short title says more than
# the same word in a title of a hundred words (k1, b, and a typical length)
K1, B = 1.2, 0.75
TYPICAL_LENGTH = {"title": 20, "issuer": 8, "head": 60}
NAMED = 100.0  # a document that is what the query names
EXACT = 0.02  # typed with diacritics and found so: a tie-break (recency weighs 0.01)…
EXACT_ONE_WORD = 20.0  # …but one word is told apart by its diacritics alone ("điện", "diễn")


# one pass over the text for every long form (listed longest first where they overlap)
LONG_FORM = re.compile(r"\b(?:" + "|".join(map(re.escape, ABBREVIATIONS)) + r")\b")


def normalise(folded: str) -> str:
    """Folded lower-case text with abbreviations in their one-word form."""
    text = " ".join(TOKEN.findall(folded.lower()))
    text = LONG_FORM.sub(lambda match: ABBREVIATIONS[match.group(0)], text)
    words = []
    for word in text.split():
        words.extend(CODE_WORDS.get(word, word).split())
    return " ".join(words)


LONG_FORMS = {short: long for long, short in reversed(list(ABBREVIATIONS.items()))}


def spelled_out(folded: str) -> str:
    """Folded text with each abbreviation in its long form ("ubnd" -> "uy ban nhan dan")."""
    return " ".join(LONG_FORMS.get(word, word) for word in TOKEN.findall(folded.lower()))


@dataclass
class NumberIntent:
    number: int
    year: int | None = None
    parts: set[str] = field(default_factory=set)  # symbol parts or code words typed
    full: bool = False  # typed with its symbol: 1472/QĐ-TTg


@dataclass
class Intent:
    """What a query names, besides its words."""

    number: NumberIntent | None = None
    doc_type: str | None = None
    years: set[int] = field(default_factory=set)
    words: list[str] = field(default_factory=list)  # normalised content words
    phrase: str = ""  # the whole query, normalised, type words kept ("ke hoach hanh dong")
    # synonyms (the glossary): words of the query, and what else stands for them
    alternatives: list[tuple[tuple[str, ...], list[tuple[str, ...]]]] = field(default_factory=list)

    def add_synonyms(self, original: list[str], others: list[list[str]]) -> None:
        """A document holding any of `others` in a field holds `original` there."""
        words = tuple(normalise(" ".join(original)).split())
        alternatives = [tuple(normalise(" ".join(other)).split()) for other in others]
        alternatives = [alt for alt in alternatives if alt]
        if words and alternatives:
            self.alternatives.append((words, alternatives))


def _key_parts(symbol: str) -> set[str]:
    return {p.replace("&", "") for p in re.split(r"[-–/\s]+", symbol.lower()) if p}


def _type_at(tokens: list[str], i: int) -> tuple[str | None, int]:
    """The document type named at tokens[i] (a name or a code), and its length."""
    for words, code in TYPE_NAMES:
        if tuple(tokens[i : i + len(words)]) == words:
            return code, len(words)
    if tokens[i] in TYPE_CODES:
        return TYPE_CODES[tokens[i]], 1
    return None, 0


def _written_number(text: str) -> tuple[NumberIntent | None, str]:
    """A number written out in full ("1863/qd-ttg", "36-ct/tw", "56/2017"), and the
    text without it."""
    if match := FULL_NUMBER.search(text):
        number, year, symbol = match.groups()
        found = NumberIntent(int(number), int(year) if year else None, _key_parts(symbol))
        found.full = True
    elif match := PARTY_NUMBER.search(text):
        number, code, body = match.groups()
        found = NumberIntent(int(number), None, {code, body}, full=True)
    elif match := NUMBER_YEAR.search(text):
        found = NumberIntent(int(match.group(1)), int(match.group(2)))
    else:
        return None, text
    return found, text[: match.start()] + " " + text[match.end() :]


def _number_before_type(tokens: list[str], i: int) -> bool:
    """ "1472 qd": a short bare number followed by a type code is a number."""
    token = tokens[i]
    return (
        token.isdigit()
        and len(token) <= 5
        and i + 1 < len(tokens)
        and tokens[i + 1] in TYPE_CODES
        and not YEAR.match(token)
    )


def _after_type(intent: Intent, tokens: list[str], i: int, code: str, size: int) -> int:
    """Read a type word at i (and "số N" after it); return where reading goes on."""
    intent.doc_type = intent.doc_type or code
    j = i + size
    if j < len(tokens) and tokens[j] == "so":
        j += 1
    if intent.number is None and j < len(tokens) and tokens[j].isdigit():
        intent.number = NumberIntent(int(tokens[j]))
        return j + 1
    return i + size


def _read_words(intent: Intent, tokens: list[str]) -> list[str]:
    words: list[str] = []
    i = 0
    while i < len(tokens):
        code, size = _type_at(tokens, i)
        if code:
            i = _after_type(intent, tokens, i, code, size)
            continue
        token = tokens[i]
        if intent.number is None and _number_before_type(tokens, i):
            intent.number = NumberIntent(int(token))
        elif YEAR.match(token):
            intent.years.add(int(token))
        elif token not in STOPWORDS:
            words.append(token)
        i += 1
    return words


def understand(raw: str) -> Intent:
    """Read the number, type, years and content words of a query. A number with
    a symbol is a number, never a year; a bare number is one only next to a type
    ("quyết định 1863", "1472 QĐ"), the following year being its year."""
    intent = Intent()
    intent.number, consumed = _written_number(fold(raw).lower().replace("đ", "d"))
    tokens = normalise(consumed).split()
    words = _read_words(intent, tokens)
    intent.phrase = " ".join(
        t for t in tokens if not t.isdigit() and (t in words or _is_type_word(t))
    )
    if intent.number is not None:
        if intent.number.year is None and intent.years:
            intent.number.year = min(intent.years)
        intent.number.parts |= {w for w in words if not w.isdigit()}
        if intent.doc_type:
            intent.number.parts.add(intent.doc_type.lower())
    intent.words = words
    return intent


TYPE_WORDS = {word for words, _code in TYPE_NAMES for word in words} | set(TYPE_CODES)


def _is_type_word(token: str) -> bool:
    return token in TYPE_WORDS


@dataclass
class DocumentFields:
    """What ranking reads of one candidate document."""

    page_id: int
    number_key: str
    doc_type: str
    year: int | None
    title: str  # normalised title and subject
    issuer: str  # normalised issuer name and place
    head: str  # the distinct normalised words of the head's opening (preamble, headings)

    def __post_init__(self) -> None:
        self.spaced_head = _spaced(self.head)  # every document read is checked for its head
        self._fields: list[tuple[str, float]] | None = None

    @property
    def fields(self) -> list[tuple[str, float]]:
        """Each field as its words between single spaces, " a b c " (a word is in it
        when " word " is: a test at C speed), and its BM25 length factor, worked out
        when first scored: the heads of many more documents are read than are scored
        (heads_among_newest), and working all out as each was read cost 4.7 µs a
        document. Not sets of words: a process keeps up to KEPT_FIELDS documents, and
        three sets cost about 19 KB a document against 2 KB for the text."""
        if self._fields is None:
            self._fields = []
            for name, spaced, weight in (
                ("title", _spaced(self.title), TITLE),
                ("issuer", _spaced(self.issuer), ISSUER),
                ("head", self.spaced_head, HEAD),
            ):
                norm = 1 - B + B * (spaced.count(" ") - 1) / TYPICAL_LENGTH[name]
                self._fields.append((spaced, weight * (K1 + 1) / (1 + K1 * norm)))
        return self._fields


def holding_in_head(documents: Iterable[DocumentFields], words: Iterable[str]) -> set[int]:
    """The ids of those documents whose head's opening holds every one of these
    words (each looked up as " word ", spaced once for all of them)."""
    spaced = [f" {word} " for word in set(words)]
    return {doc.page_id for doc in documents if all(map(doc.spaced_head.__contains__, spaced))}


def _spaced(text: str) -> str:
    """A field's words between single spaces, as they are stored (normalise)."""
    spaced = f" {text} "
    if "  " in spaced:  # empty, or not spaced as stored
        spaced = f" {' '.join(text.split())} " if text.strip() else " "
    return spaced


def number_match(intent: NumberIntent, doc: DocumentFields) -> float:
    """How surely the document is the one whose number the query names: 0 when
    it is not (another number, year or type), else 1 + the symbol parts met."""
    key = doc.number_key.lower()
    if not key:
        return 0.0
    head = re.match(r"0*(\d+)", key)
    if not head or int(head.group(1)) != intent.number:
        return 0.0
    rest = key[head.end() :]
    key_year = re.match(r"/((?:19|20)\d\d)/", rest)
    year = int(key_year.group(1)) if key_year else doc.year
    if intent.year is not None and year is not None and year != intent.year:
        return 0.0
    parts = _key_parts(rest)
    parts |= {DOC_TYPE_CODE.get(doc.doc_type, "")}
    met = 0
    for part in intent.parts:
        if part in parts or any(
            len(part) >= 4 and (p.endswith(part) or part.endswith(p)) and len(p) >= 4 for p in parts
        ):
            met += 1
    types = {TYPE_CODES[p] for p in intent.parts if p in TYPE_CODES}
    if types and doc.doc_type not in types and not met:
        return 0.0
    if intent.full and intent.parts and not met:
        return 0.0
    return 1.0 + met + (0.5 if intent.year is not None else 0.0)


DOC_TYPE_CODE = {code: code.lower() for code in DOC_TYPES}


@dataclass
class Scored:
    page_id: int
    score: float
    named: bool
    title_share: float = 0.0  # share of the query's words its title holds


def _found(spaced: str, padded: list[tuple[str, str]], alternatives) -> set[str]:
    """The query words a field (_spaced) holds, a synonym standing for the words it
    replaces. The words come padded (" word "), as `_padded` gives them."""
    found = {word for word, pad in padded if pad in spaced}
    for original, others in alternatives:
        if any(all(map(spaced.__contains__, other)) for other in others):
            found.update(original)
    return found


def _padded(words: Iterable[str]) -> list[tuple[str, str]]:
    """Each word with its form as a field holds it (" word "), made once per query
    rather than once per field of each candidate."""
    return [(word, f" {word} ") for word in words]


def idf(document_frequency: int, total: int) -> float:
    return math.log(1 + (total - document_frequency + 0.5) / (document_frequency + 0.5))


def score_documents(
    intent: Intent,
    documents: Iterable[DocumentFields],
    *,
    body_share: dict[int, float],
    exact: Container[int],
    date_rank: dict[int, int],
    word_idf: dict[str, float] | None = None,
) -> list[Scored]:
    """Every candidate with its score, best first. `body_share` is the share of
    the query's weight each document holds in its text (1.0 when it holds every
    word); `date_rank` orders equal scores newest first."""
    words = list(dict.fromkeys(intent.words))
    weights = {w: (word_idf or {}).get(w, 1.0) for w in words}
    total = sum(weights.values()) or 1.0
    newest = len(date_rank) or 1  # ranks run from 0 (oldest) up
    padded = _padded(words)
    alternatives = [
        (original, [[pad for _word, pad in _padded(other)] for other in others])
        for original, others in intent.alternatives
    ]
    out = []
    for doc in documents:
        score, in_title = _field_score(doc, words, padded, alternatives, weights, total)
        score += BODY * body_share.get(doc.page_id, 0.0)
        score += _intent_score(intent, doc, words)
        surely = number_match(intent.number, doc) if intent.number else 0.0
        named = surely > 0
        if named:
            score += NAMED + surely
        if doc.page_id in exact:
            score += EXACT_ONE_WORD if len(words) == 1 and not intent.doc_type else EXACT
        score += date_rank.get(doc.page_id, 0) / newest * 0.01
        out.append(Scored(doc.page_id, score, named, len(in_title) / (len(words) or 1)))
    out.sort(key=lambda s: -s.score)
    return out


def _field_score(
    doc: DocumentFields,
    words: list[str],
    padded: list[tuple[str, str]],
    alternatives: list[tuple[tuple[str, ...], list[list[str]]]],
    weights: dict[str, float],
    total: float,
) -> tuple[float, set[str]]:
    """BM25F-like: each query word, weighted by its rarity, in each weighted field,
    normalised by the field's length. A word stood for by a synonym found in the
    field counts as found there. Also returns the query words the title holds."""
    score = 0.0
    in_title: set[str] = set()
    for index, (spaced, weight) in enumerate(doc.fields):
        found = _found(spaced, padded, alternatives)
        if alternatives:
            found &= weights.keys()
        if index == 0:  # the title
            in_title = found
        if found:
            score += sum(weights[word] for word in words if word in found) / total * weight
    return score, in_title


def _intent_score(intent: Intent, doc: DocumentFields, words: list[str]) -> float:
    """The whole query as a phrase in the title, the type and the years it names.
    A type word inside a title the query quotes whole is part of the name
    ("kế hoạch hành động quốc gia …" is the plan a Quyết định approves)."""
    score = 0.0
    title = f" {doc.title} "
    named_by_title = len(intent.phrase.split()) >= 3 and f" {intent.phrase} " in title
    if named_by_title or (len(words) >= 2 and f" {' '.join(intent.words)} " in title):
        score += PHRASE_IN_TITLE
    if intent.doc_type:
        if doc.doc_type == intent.doc_type or named_by_title:
            score += TYPE_MATCH
        else:
            score += TYPE_MISMATCH
    for year in intent.years:
        if doc.year == year:
            score += YEAR_MATCH
        elif str(year) in doc.title:
            score += YEAR_IN_TITLE
    return score


HEAD_CHARS = 2000
NUMBER_VALUE = re.compile(r"0*(\d{1,9})")


def number_value(number_key: str) -> int | None:
    """The number a key starts with ("56/2017/ND-CP" -> 56), for the indexed lookup."""
    match = NUMBER_VALUE.match(number_key or "")
    return int(match.group(1)) if match else None


def ranking_row(page, head_folded: str):
    """The RankingFields row of a document being indexed (the head's opening is
    enough to rank on: reading it whole would be costly)."""
    from search.models import RankingFields

    issuer = page.issuer.name if page.issuer_id and page.issuer else ""
    return RankingFields(
        page=page,
        number_value=number_value(page.number_key),
        number_key=page.number_key or "",
        doc_type=page.doc_type or "",
        year=page.issued_on.year if page.issued_on else None,
        title=normalise(fold(f"{page.title} {page.subject}")),
        issuer=normalise(fold(f"{issuer} {page.place or ''}")),
        head=" ".join(dict.fromkeys(TOKEN.findall(head_folded[:HEAD_CHARS].lower()))),
    )


KEPT_FIELDS = 20_000  # documents whose ranking fields a process keeps between searches


def fields_for(
    page_ids: Iterable[int], kept: dict[int, DocumentFields] | None = None
) -> list[DocumentFields]:
    """The ranking fields of these documents (one query of short columns); those
    indexed before RankingFields existed are worked out from their page. `kept`
    holds those read before (for as long as the index does not change)."""
    from search.models import RankingFields

    kept = {} if kept is None else kept
    ids = set(page_ids)
    found = [kept[pk] for pk in ids if pk in kept]
    wanted = ids - kept.keys()
    if wanted:
        rows = RankingFields.objects.rows_for_pages(
            wanted, ("page_id", "number_key", "doc_type", "year", "title", "issuer", "head")
        )
        read = [DocumentFields(*row) for row in rows]
        missing = wanted - {doc.page_id for doc in read}
        if missing:
            read += _fields_from_pages(missing)
        if len(kept) + len(read) > KEPT_FIELDS:
            kept.clear()
        kept.update((doc.page_id, doc) for doc in read)
        found += read
    return found


def _fields_from_pages(ids: set[int]) -> list[DocumentFields]:
    from content.models import LegalDocumentPage
    from search.models import SearchDocument

    heads = dict(
        SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", "head_folded")
    )
    pages = LegalDocumentPage.objects.filter(pk__in=heads).select_related("issuer")
    out = []
    for page in pages:
        row = ranking_row(page, heads[page.pk])
        out.append(
            DocumentFields(
                page.pk, row.number_key, row.doc_type, row.year, row.title, row.issuer, row.head
            )
        )
    return out


def named_ids(intent: Intent, filters) -> list[int]:
    """Documents carrying the number the query names (any symbol; number_match
    decides), within the filters: through the index of numbers."""
    from search.filtering import apply_filters
    from search.models import RankingFields, SearchDocument

    if intent.number is None:
        return []
    numbered = RankingFields.objects.filter(number_value=intent.number.number)
    if filters.is_empty:  # the filters are columns of the search documents only
        return list(numbered.values_list("page_id", flat=True)[:50])
    documents = SearchDocument.objects.filter(page_id__in=numbered.values("page_id"))
    return list(apply_filters(documents, filters).values_list("page_id", flat=True)[:50])
