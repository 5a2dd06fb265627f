"""Reading what a visitor typed: plain Python, no Django.

A query becomes a list of clauses that must all match. A clause is one or more
alternatives (synonyms); an alternative is a run of words matched as a phrase.
Words keep an exact (accented) form when the visitor typed diacritics, so that
exact matches can rank above folded ones ("điện" before "diễn").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from base.vietnamese import clean_text, fold, normalise_number

MAX_QUERY_LENGTH = 200
MAX_CLAUSES = 12

# Words: letters and digits only, so no operator of any engine survives.
WORD = re.compile(r"[^\W_]+")
# A full document number: 1472/QĐ-TTg, 121/2020/QH14, 13/2021/TT-BLĐTBXH, 5650/UBND-VX.
FULL_NUMBER = re.compile(
    r"^\s*(?:số\s*)?(\d{1,5})\s*/\s*(?:(\d{4})\s*/\s*)?([^\W\d_][\w]*(?:\s*[-–_]\s*[\w]+)*)\s*$",
    re.IGNORECASE,
)
# Number and year without the symbol: 56/2017.
NUMBER_YEAR = re.compile(r"^\s*(\d{1,5})\s*/\s*(\d{4})\s*$")
# A type code and a number in either order: "qd 1472", "1472 QĐ", "kh 03".
CODE_AND_NUMBER = re.compile(r"^\s*(?:([^\W\d_]{1,5})\s*(\d{1,5})|(\d{1,5})\s*([^\W\d_]{1,5}))\s*$")
TYPE_CODES = {
    "NQ", "QD", "CT", "KH", "HD", "CTR", "TB", "BC", "TT", "ND", "CD", "QC", "QYD",
    "DA", "PA", "TTR", "TTLT", "VBHN",
}  # fmt: skip


@dataclass(frozen=True)
class Term:
    folded: str
    exact: str | None = None  # NFC, lower case, when typed with diacritics


Alternative = tuple[Term, ...]
Clause = tuple[Alternative, ...]


@dataclass(frozen=True)
class NumberLookup:
    """An exact document-number lookup: `key` is a full key, or a prefix when `prefix`."""

    key: str
    prefix: bool = False
    doc_type: str | None = None


@dataclass
class ParsedQuery:
    raw: str
    clauses: list[Clause] = field(default_factory=list)
    number: NumberLookup | None = None
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.clauses and self.number is None

    @property
    def has_exact_terms(self) -> bool:
        return any(t.exact for clause in self.clauses for alt in clause for t in alt)

    def folded_words(self) -> list[str]:
        return [t.folded for clause in self.clauses for alt in clause for t in alt]

    def typed_words(self) -> list[str]:
        """The words as typed (accented where they were), synonyms left out."""
        return [t.exact or t.folded for clause in self.clauses for t in clause[0]]

    def typed_folded_words(self) -> list[str]:
        return [t.folded for clause in self.clauses for t in clause[0]]


def _term(word: str) -> Term:
    lowered = unicodedata.normalize("NFC", word).casefold()
    folded = fold(lowered)
    return Term(folded=folded, exact=lowered if lowered != folded else None)


def _words(text: str) -> list[Term]:
    return [_term(w) for w in WORD.findall(text)]


def detect_number(text: str) -> NumberLookup | None:
    match = FULL_NUMBER.match(text)
    if match and re.search(r"[^\W\d_]", match.group(3)):
        number, year, symbol = match.groups()
        parts = [f"{int(number):02d}", *([year] if year else []), normalise_number(symbol)]
        return NumberLookup(key="/".join(parts))
    match = NUMBER_YEAR.match(text)
    if match:
        return NumberLookup(key=f"{int(match.group(1)):02d}/{match.group(2)}/", prefix=True)
    match = CODE_AND_NUMBER.match(text)
    if match:
        code = normalise_number(match.group(1) or match.group(4))
        number = match.group(2) or match.group(3)
        if code in TYPE_CODES:
            return NumberLookup(key=f"{int(number):02d}/", prefix=True, doc_type=code)
    return None


def parse_query(raw: str, synonyms: dict[str, list[str]] | None = None) -> ParsedQuery:
    """Turn any input into a safe ParsedQuery. Never raises on odd input."""
    text = clean_text(raw or "").replace("\n", " ").replace("\t", " ")
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(raw=text, truncated=truncated, number=detect_number(text))
    # "quoted phrases": an unbalanced quote is ignored
    parts = re.split(r"[\"“”]", text)
    if len(parts) % 2 == 0:
        last = parts.pop()
        parts[-1] = f"{parts[-1]} {last}"
    for index, part in enumerate(parts):
        terms = _words(part)
        if not terms:
            continue
        if index % 2 == 1:
            parsed.clauses.append((tuple(terms),))
        else:
            parsed.clauses.extend(expand_synonyms(terms, synonyms or {}))
    parsed.clauses = parsed.clauses[:MAX_CLAUSES]
    return parsed


def expand_synonyms(terms: list[Term], synonyms: dict[str, list[str]]) -> list[Clause]:
    """One clause per word, except runs of words that form a synonym: those become
    one clause whose alternatives are the run and its synonyms (folded phrases)."""
    clauses: list[Clause] = []
    longest = max((len(k.split()) for k in synonyms), default=0)
    i = 0
    while i < len(terms):
        for size in range(min(longest, len(terms) - i), 0, -1):
            key = " ".join(t.folded for t in terms[i : i + size])
            if key in synonyms:
                original = tuple(terms[i : i + size])
                others = tuple(tuple(Term(w) for w in alt.split()) for alt in synonyms[key])
                clauses.append((original, *others))
                i += size
                break
        else:
            clauses.append(((terms[i],),))
            i += 1
    return clauses
