"""Plausible demo data (issue 13, item 3): generated organisations and practices keep to the
reviewed rules table (graph_api/seeding/demo_profiles.toml), practice texts share no stock
sentences, titles are unique, the text is Dutch, and joining and having a coalition do not
always go together. Checked on the seed plan, which is exactly what `seed` writes."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from graph_api.seeding.model import Network
from graph_api.seeding.plan import Plan
from graph_api.seeding.profiles import rules
from graph_api.settings import PROJECT_ROOT

SEED_DIR: Path = PROJECT_ROOT / "seed"
STOCK_SENTENCE_SHARE = 0.03
# Words that give English away in Dutch prose; none of them is also a Dutch word.
ENGLISH = {
    "the", "and", "with", "for", "support", "peer", "walking", "football", "community",
    "meeting", "people", "together", "young", "elderly", "loneliness", "event", "events",
    "volunteer", "volunteers", "workshop's", "buddies", "check", "social", "lonely",
}  # fmt: skip


@cache
def network(scale: int) -> Network:
    plan = Plan(SEED_DIR, scale)
    for _ in plan:  # generating fills plan.net
        pass
    return plan.net


def sentences(text: str) -> set[str]:
    """The sentences of a write-up; headings are labels, not sentences."""
    found: set[str] = set()
    for line in text.splitlines():
        line = line.strip().removeprefix("- ").strip()
        if line and not line.startswith("#"):
            found.update(s for s in re.split(r"(?<=[.!?])\s+", line) if s)
    return found


def test_demo_organisations_keep_to_their_profile() -> None:
    profiles = rules().profiles
    demo = [o for o in network(1).organisations if o.demo]
    assert len(demo) > 2000
    for org in demo:
        assert org.profile in profiles, org.name
        profile = profiles[org.profile]
        assert org.kind == profile.kind, org.name
        assert set(org.themes) <= set(profile.themes), (org.name, org.themes)
        assert set(org.serves) <= set(profile.target_groups), (org.name, org.serves)
    # Sourced organisations are as their sources give them: no profile, no drawn themes.
    assert all(o.profile is None for o in network(1).organisations if not o.demo)


@pytest.mark.parametrize(
    ("name_starts", "never", "only"),
    [
        ("Notariskantoor", {"zingeving", "digitale-inclusie", "mantelzorg"}, None),
        ("Installatiebedrijf", {"digitale-inclusie", "zingeving"}, None),
        ("Bouwbedrijf", {"digitale-inclusie", "zingeving"}, None),
        ("Hospice", {"digitale-inclusie"}, {"rouw-en-verlies", "zingeving", "mantelzorg"}),
        ("Taxibedrijf", {"zingeving", "digitale-inclusie"}, None),
    ],
)
def test_the_reviewed_pairs_hold(name_starts: str, never: set[str], only: set[str] | None) -> None:
    orgs = [o for o in network(1).organisations if o.demo and o.name.startswith(name_starts)]
    assert orgs, name_starts
    for org in orgs:
        assert not set(org.themes) & never, (org.name, org.themes)
        if only is not None:
            assert set(org.themes) <= only, (org.name, org.themes)


def test_practices_fit_the_organisation_that_writes_them() -> None:
    net = network(1)
    by_id = {o.id: o for o in net.organisations}
    profiles = rules().profiles
    for practice in net.practices:
        org = by_id[practice.by]
        assert org.profile is not None
        assert practice.concept in profiles[org.profile].concepts, (org.name, practice.title)
    hospices = {o.id for o in net.organisations if o.name.startswith("Hospice")}
    assert all(p.concept in {"rouw", "zingeving"} for p in net.practices if p.by in hospices)


@pytest.mark.parametrize("scale", [1, 2])
def test_no_sentence_is_stock(scale: int) -> None:
    practices = network(scale).practices
    counts: Counter[str] = Counter()
    for p in practices:
        counts.update(sentences("\n".join((p.summary, p.body, p.results, p.costs))))
    sentence, count = counts.most_common(1)[0]
    assert count / len(practices) <= STOCK_SENTENCE_SHARE, (count, sentence)


def test_the_sentence_check_can_tell() -> None:
    text = "## Aanleiding\nIn Venlo begon het. Daarna groeide het!\n\n- Een stap: met koffie."
    found = {"In Venlo begon het.", "Daarna groeide het!", "Een stap: met koffie."}
    assert sentences(text) == found


@pytest.mark.parametrize("scale", [1, 3])
def test_practice_titles_are_unique(scale: int) -> None:
    titles = Counter(p.title for p in network(scale).practices)
    assert [t for t, n in titles.items() if n > 1] == []


def test_the_demo_text_is_dutch() -> None:
    net = network(1)
    texts = [
        *(f"{p.title} {p.summary} {p.body} {p.results} {p.costs}" for p in net.practices),
        *(f"{o.name} {o.description or ''}" for o in net.organisations if o.demo),
        *(f"{c.name} {c.description or ''}" for c in net.coalitions if c.demo),
    ]
    english = Counter(
        word for text in texts for word in re.findall(r"[a-z']+", text.lower()) if word in ENGLISH
    )
    assert not english, english.most_common(5)


def test_joining_and_having_a_coalition_do_not_always_go_together() -> None:
    net = network(1)
    covered = {code for c in net.coalitions if c.kind == "LOCAL" for code in c.covers}
    states = net.municipalities.values()
    forming = [s for s in states if s.participation == "JOINED" and s.code not in covered]
    unjoined = [s for s in states if s.participation == "NOT_JOINED" and s.code in covered]
    # Drawn among demo municipalities (a sourced joined one without a known coalition is
    # as its source gives it); coalitions where nobody joined are demo too.
    assert [s for s in forming if s.source_url is None] and unjoined
    assert all(s.source_url is None for s in unjoined)
    demo_covers = {code for c in net.coalitions if c.demo for code in c.covers}
    assert {s.code for s in unjoined} <= demo_covers
