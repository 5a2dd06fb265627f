"""Topics suggested for a text from its own words.

Each topic lists the words that suggest it (editable on the topic, one per line);
a text whose title or body uses one of them, folded (with or without diacritics,
đ = d), gets that topic suggested. The title counts double: a plan *about* drowning
names it in its title, a general plan mentions it once among many themes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from base.vietnamese import fold
from content.models import Topic

#: how many mentions in the body suggest a topic that the title does not name
BODY_MENTIONS = 2
#: a general plan touches every theme; only its main ones are suggested
MOST_TOPICS = 3


def _patterns(topic: Topic) -> list[re.Pattern[str]]:
    words = [fold(w.strip()) for w in topic.keywords.splitlines() if w.strip()]
    return [re.compile(rf"\b{re.escape(w)}\b") for w in words if w]


def suggest_topics(title: str, body: str, topics: Iterable[Topic] | None = None) -> list[Topic]:
    """The main topics whose words the text uses (named in the title, or at least twice
    in the body), most mentioned first, at most MOST_TOPICS."""
    folded_title, folded_body = fold(title or ""), fold(body or "")
    scored: list[tuple[int, str, Topic]] = []
    for topic in topics if topics is not None else Topic.objects.exclude(keywords=""):
        patterns = _patterns(topic)
        in_title = any(p.search(folded_title) for p in patterns)
        in_body = sum(len(p.findall(folded_body)) for p in patterns)
        if in_title or in_body >= BODY_MENTIONS:
            scored.append((in_body + (10 if in_title else 0), topic.slug, topic))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [topic for _score, _slug, topic in scored[:MOST_TOPICS]]
