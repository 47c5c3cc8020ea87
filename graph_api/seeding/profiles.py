"""The rules table for demo organisations (demo_profiles.toml): per sort of organisation, the
names it goes by and the themes, target groups and practice concepts that fit it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graph_api.seeding import vocabulary as v
from graph_api.seeding.practice_concepts import CONCEPTS

RULES_FILE = Path(__file__).with_name("demo_profiles.toml")


@dataclass(frozen=True)
class Profile:
    key: str
    kind: str
    local: tuple[str, ...]
    regional: tuple[str, ...]
    themes: tuple[str, ...]  # typical first
    typical: int  # how many of `themes` (and of `target_groups`) are typical
    target_groups: tuple[str, ...]
    concepts: tuple[str, ...]  # empty: writes no practices
    description: str | None = None  # "{p}": the place

    @property
    def writes(self) -> bool:
        return bool(self.concepts)


@dataclass(frozen=True)
class Rules:
    profiles: dict[str, Profile]
    national: dict[str, str]  # invented national partner name -> profile key

    def templates(self, kind: str, regional: bool) -> list[tuple[str, Profile]]:
        """(name template, profile) for organisations of a kind, in file order."""
        return [
            (template, p)
            for p in self.profiles.values()
            if p.kind == kind
            for template in (p.regional if regional else p.local)
        ]


def _profile(key: str, raw: dict[str, Any]) -> Profile:
    profile = Profile(
        key=key,
        kind=raw["kind"],
        local=tuple(raw.get("local", ())),
        regional=tuple(raw.get("regional", ())),
        themes=tuple(raw["themes"]),
        typical=int(raw["typical"]),
        target_groups=tuple(raw["target_groups"]),
        concepts=tuple(raw["concepts"]),
        description=raw.get("description"),
    )
    known_concepts = {c.key for c in CONCEPTS}
    problems = [f"kind {profile.kind}"] if profile.kind not in v.ORGANISATION_KINDS else []
    problems += [
        *(f"theme {t}" for t in profile.themes if t not in v.THEMES),
        *(f"target group {g}" for g in profile.target_groups if g not in v.TARGET_GROUPS),
        *(f"concept {c}" for c in profile.concepts if c not in known_concepts),
    ]
    if not 1 <= profile.typical <= len(profile.themes):
        problems.append(f"typical {profile.typical}")
    if problems:
        # A typo in the table would silently skew the demo data; refuse to seed instead.
        raise ValueError(f"demo profile {key}: unknown {', '.join(problems)}")
    return profile


@cache
def rules() -> Rules:
    raw = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    profiles = {key: _profile(key, body) for key, body in raw["profiles"].items()}
    national: dict[str, str] = raw["national"]
    missing = sorted(set(national.values()) - set(profiles))
    if missing:
        raise ValueError(f"national partners refer to unknown profiles: {missing}")
    return Rules(profiles, national)
