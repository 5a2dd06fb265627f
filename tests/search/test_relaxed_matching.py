"""When few documents hold every word of a query, those holding most of its weight
are ranked too (search.backends.sql.heaviest): worked out on the clauses' bitmaps a
combination of clauses at a time, they must be the documents a count per document
gives, with the same shares."""

import random
from itertools import combinations

from pyroaring import BitMap

from search.backends.sql import heaviest
from search.facts import FactTable


def facts_for(dates: dict[int, int]) -> FactTable:
    return FactTable(doc_type={}, issuer={}, year={}, status={}, date_rank=dates)


def counted(sets, weights, whole) -> dict[int, float]:
    """Each document's share, counted one document at a time."""
    shares: dict[int, float] = {}
    for ids, weight in zip(sets, weights, strict=True):
        for pk in ids:
            shares[pk] = shares.get(pk, 0.0) + weight / whole
    return shares


def test_the_documents_holding_the_most_weight_come_with_their_share_newest_first_on_a_tie():
    sets = [BitMap([1, 2, 3, 4]), BitMap([3, 4, 5]), BitMap([4, 6])]
    weights, whole = [1.0, 2.0, 3.0], 6.0
    newest_three = facts_for({1: 0, 2: 1, 3: 5, 4: 2, 5: 3, 6: 4})
    assert heaviest(sets, weights, whole, 2, newest_three) == {4: 1.0, 3: 0.5}
    newest_six = facts_for({1: 0, 2: 1, 3: 4, 4: 2, 5: 3, 6: 5})
    assert heaviest(sets, weights, whole, 2, newest_six) == {4: 1.0, 6: 0.5}
    assert heaviest(sets, weights, whole, 10, newest_six) == counted(sets, weights, whole)


def test_a_clause_no_document_holds_weighs_in_the_share_only():
    """A number found nowhere still weighs (it is what was asked for): the others
    share less; no document is taken from it."""
    sets = [BitMap([1, 2]), BitMap(), BitMap([2, 3])]
    shares = heaviest(sets, [1.0, 2.0, 1.0], 4.0, 5, facts_for({1: 0, 2: 1, 3: 2}))
    assert shares == {2: 0.5, 1: 0.25, 3: 0.25}


def test_the_heaviest_are_those_a_count_per_document_finds_for_any_clauses():
    rng = random.Random(2026)
    for _ in range(200):
        library = range(1, rng.randint(5, 120))
        dates = dict(zip(library, rng.sample(range(1000), len(library)), strict=False))
        sets = [
            BitMap(pk for pk in library if rng.random() < rng.random())
            for _ in range(rng.randint(1, 7))
        ]
        weights = [rng.choice([0.5, 1.0, 1.5, rng.random() * 3]) for _ in sets]
        wanted = rng.randint(1, 40)
        shares = heaviest(sets, weights, sum(weights), wanted, facts_for(dates))
        everyone = counted(sets, weights, sum(weights))
        best = sorted(everyone.items(), key=lambda item: (-round(item[1], 9), -dates[item[0]]))
        assert shares == dict(best[:wanted])


def test_a_query_of_many_words_tries_a_bounded_number_of_combinations(monkeypatch):
    """Twelve words hold 4,095 combinations: the heaviest 512 are tried, and the
    documents they hold returned, in order."""
    sets = [BitMap([n]) for n in range(1, 13)]  # each document holds one word
    weights = [1.0 + n / 100 for n in range(12)]
    facts = facts_for({n: n for n in range(1, 13)})
    shares = heaviest(sets, weights, sum(weights), 20, facts)
    assert list(shares) == list(range(12, 0, -1))  # the heaviest word first
    assert all(len(pair) == 2 for pair in combinations(shares, 2))
