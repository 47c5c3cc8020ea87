"""The seed plan without a database: contract counts, determinism, prefix stability."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from typing import Any

import pytest

from graph_api.seeding import build, name_key
from graph_api.seeding.rows import Row
from graph_api.seeding.text import SlugRegistry, slugify
from graph_api.seeding.writer import STEPS
from graph_api.settings import PROJECT_ROOT

SEED_DIR = PROJECT_ROOT / "seed"
URL_SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
KINDS = {
    "COMPANY",
    "CIVIL_SOCIETY",
    "CARE_AND_WELFARE",
    "KNOWLEDGE_INSTITUTE",
    "CULTURAL",
    "RELIGIOUS",
    "MEDIA",
    "GOVERNMENT",
    "HOUSING",
    "EDUCATION",
    "CITIZEN_INITIATIVE",
    "SPORTS",
    "FUND",
}


@cache
def rows(scale: int) -> dict[str, list[Row]]:
    return build(SEED_DIR, scale)


def test_name_key_strips_accents_and_case() -> None:
    assert name_key("Fryslân") == "fryslan"
    assert name_key("Súdwest-Fryslân") == "sudwest-fryslan"
    assert name_key("Eén tegen Eenzaamheid") == "een tegen eenzaamheid"
    assert name_key("'s-Gravenhage") == "'s-gravenhage"


def test_slugs_are_url_safe_and_unique() -> None:
    assert slugify("Coöperatieve Buurtbank & Co.") == "cooperatieve-buurtbank-co"
    registry = SlugRegistry()
    assert [registry.take("a"), registry.take("a"), registry.take("a-2")] == ["a", "a-2", "a-2-2"]


def test_municipalities_and_coalitions_follow_the_contract() -> None:
    data = rows(1)
    municipalities = data["municipalities"]
    assert len(municipalities) == 342 and len(data["provinces"]) == 12
    joined = {m["code"] for m in municipalities if m["props"]["participation"] == "JOINED"}
    assert len(joined) == 260
    sourced = {m["code"] for m in municipalities if m["props"]["evidenceUrl"]}
    for m in municipalities:
        if m["code"] not in sourced:  # sourced ones have a date only as their source gives it
            assert (m["joinedOn"] is not None) == (m["code"] in joined)
        if m["joinedOn"]:
            assert "2018-09-01" <= m["joinedOn"] <= "2022-09-28"
    local = [c for c in data["coalitions"] if c["props"]["kind"] == "LOCAL"]
    national = [c for c in data["coalitions"] if c["props"]["kind"] == "NATIONAL"]
    assert [c["id"] for c in national] == ["nationale-coalitie"]
    covered = [code for c in local for code in c["covers"]]
    coalition_only = {
        m["code"] for m in municipalities if m["props"]["participation"] == "COALITION_ONLY"
    }
    # No municipality in two coalitions, and the sourced coalitions cover what they say.
    assert len(covered) == len(set(covered)) and coalition_only <= set(covered)
    # As in reality, joining and having a coalition do not always go together: a few joined
    # municipalities are still forming one, a few others have one without having joined.
    # Both are drawn among demo municipalities (sourced ones are as their sources say).
    still_forming = joined - set(covered) - sourced
    without_joining = set(covered) - joined - coalition_only
    assert without_joining and not without_joining & sourced
    assert 0.03 < len(still_forming) / len(joined - sourced) < 0.15
    kom_erbij = next(c for c in local if c["props"]["name"] == "Coalitie Kom Erbij")
    assert sorted(kom_erbij["covers"]) == ["GM1891", "GM1970"]
    assert not kom_erbij["props"]["demo"] and kom_erbij["props"]["sourceUrl"]
    evidence = {m["code"] for m in municipalities if m["props"]["evidenceUrl"]}
    assert {"GM1892", "GM1952", "GM1970"} <= evidence & joined
    assert {"GM1948", "GM0946"} <= coalition_only <= evidence


def test_one_lead_per_local_coalition() -> None:
    data = rows(1)
    roles: dict[str, list[str]] = defaultdict(list)
    for m in data["member_of"]:
        roles[m["coalition"]].append(m["role"])
    local = {c["id"] for c in data["coalitions"] if c["props"]["kind"] == "LOCAL"}
    # Nederweert's source names no member, so it has none.
    assert set(roles) - {"nationale-coalitie"} == local - {"lokale-coalitie-nederweert"}
    demo = {c["id"] for c in data["coalitions"] if c["props"]["demo"]}
    for coalition in local & demo:  # sourced ones have the leads their sources name
        assert roles[coalition].count("LEAD") == 1, coalition
    assert "LEAD" not in roles["nationale-coalitie"]
    sizes = sorted(len(roles[c]) for c in local)
    assert sizes[len(sizes) // 2] >= 3


def test_sourced_coalitions_keep_their_sourced_members() -> None:
    data = rows(1)
    demo_org = {o["id"]: o["props"]["demo"] for o in data["organisations"]}
    sourced = {c["id"] for c in data["coalitions"] if not c["props"]["demo"]}
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for m in data["member_of"]:
        if m["coalition"] in sourced - {"nationale-coalitie"}:
            members[m["coalition"]].append((m["id"], m["role"]))
    for coalition, listed in members.items():
        assert not any(demo_org[o] for o, _ in listed), coalition
    assert "lokale-coalitie-nederweert" not in members  # its source names no member
    assert len(members["coalitie-eenzaamheid-meierijstad"]) == 10
    assert sorted(members["coalitie-kom-erbij"])[:2] == [
        ("alliade", "CORE"),
        ("elkander", "CORE"),
    ]
    assert ("gemeente-noardeast-fryslan", "LEAD") in members["coalitie-kom-erbij"]


def test_organisations_follow_the_contract() -> None:
    data = rows(1)
    orgs = data["organisations"]
    ids = [o["id"] for o in orgs]
    assert len(ids) == len(set(ids)) and 1800 <= len(ids) <= 2400
    assert {o["props"]["kind"] for o in orgs} == KINDS
    for o in orgs:
        assert URL_SAFE.fullmatch(o["id"])
        if o["props"]["demo"]:  # sourced ones have no themes: no source gives them
            assert 1 <= len(o["themes"]) <= 4 and len(o["serves"]) <= 3
        assert o["props"]["nameKey"] == name_key(o["props"]["name"])
    real = {o["props"]["name"] for o in orgs if not o["props"]["demo"]}
    assert {"Movisie", "ONS welzijn", "Gemeente Dantumadiel", "Kwartier Zorg en Welzijn"} <= real
    pairs = [(p["a"], p["b"]) for p in data["partners_with"]]
    assert all(a < b for a, b in pairs) and len(pairs) == len(set(pairs))
    assert 1.2 <= len(pairs) / len(orgs) <= 1.8


def test_practices_follow_the_contract() -> None:
    practices = rows(1)["practices"]
    assert len(practices) == 600
    slugs = [p["props"]["slug"] for p in practices]
    assert len(set(slugs)) == len(slugs) and all(URL_SAFE.fullmatch(s) for s in slugs)
    status = Counter(p["props"]["status"] for p in practices)
    assert 0.7 < status["PUBLISHED"] / 600 < 0.9
    for p in practices:
        published = p["props"]["status"] in ("PUBLISHED", "ARCHIVED")
        assert (p["publishedAt"] is not None) == published
        assert p["createdAt"] <= p["updatedAt"] and p["props"]["revision"] >= 1
        assert "## " in p["props"]["body"] and "\n- " in p["props"]["body"]
        assert 1 <= len(p["codes"]) <= 2 and 1 <= len(p["themes"]) <= 3


def _keyed(data: dict[str, list[Row]]) -> dict[str, dict[Any, Row]]:
    keys = {"organisations": "id", "practices": "id", "people": "id"}
    return {step: {row[key]: row for row in data[step]} for step, key in keys.items()}


def test_generation_is_deterministic() -> None:
    assert build(SEED_DIR, 1) == rows(1)


@pytest.mark.parametrize("step", ["organisations", "practices", "people"])
def test_a_small_scale_is_a_prefix_of_a_larger_one(step: str) -> None:
    small, large = _keyed(rows(1))[step], _keyed(rows(2))[step]
    assert len(large) > len(small)
    for key, row in small.items():
        assert large[key] == row


def test_relationships_of_a_small_scale_persist_at_a_larger_one() -> None:
    def frozen(data: dict[str, list[Row]], step: str) -> set[str]:
        return {repr(sorted(row.items())) for row in data[step]}

    for step in ("member_of", "partners_with", "authored", "branch_of"):
        assert frozen(rows(1), step) <= frozen(rows(2), step), step


# What a created node or link is identified by, per step that creates into an empty graph.
NODE_STEPS = {
    "organisations": "Organisation",
    "coalition_contact": "Person",
    "contact_people": "Person",
    "people": "Person",
    "practices": "Practice",
    "activities": "Activity",
}
LINK_STEPS = {
    "branch_of": ("id", "parent"),
    "member_of": ("id", "coalition"),
    "was_member_of": ("id", "coalition"),
    "partners_with": ("a", "b"),
    "authored": ("person", "practice"),
    "practice_contact": ("person", "practice"),
}


@pytest.mark.parametrize("scale", [1, 2])
def test_the_plan_holds_each_node_and_link_once(scale: int) -> None:
    """Into an empty graph the bulk steps CREATE (`Step.statement`): a node or link the plan
    held twice would be written twice, where a MERGE wrote it once."""
    data = rows(scale)
    fresh = {step.key for step in STEPS if step.fresh}
    assert fresh and fresh <= set(NODE_STEPS) | set(LINK_STEPS)
    nodes = Counter(
        (label, row["id"]) for step, label in NODE_STEPS.items() for row in data.get(step, [])
    )
    assert [key for key, n in nodes.items() if n > 1] == []
    for step, key in LINK_STEPS.items():
        links = Counter(tuple(row[k] for k in key) for row in data.get(step, []))
        assert [link for link, n in links.items() if n > 1] == [], step
    # The lists a row links its node to (themes, municipalities, ...) name each target once.
    for step in fresh:
        for row in data.get(step, []):
            for name, value in row.items():
                if isinstance(value, list):
                    assert len(set(value)) == len(value), (step, row.get("id"), name)
