"""Generated people and good practices (demo).

Practice j and person k belong to scale unit j // PRACTICES_PER_SCALE (k // PEOPLE_PER_SCALE)
and only reach organisations and people of that unit or earlier, so a small run's data is a
prefix of a larger one's.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable
from datetime import timedelta

from graph_api.seeding import names, rand
from graph_api.seeding import practice_text as txt
from graph_api.seeding import vocabulary as v
from graph_api.seeding.anchors import OrgIndex
from graph_api.seeding.geo import Neighbours
from graph_api.seeding.model import Person, Practice
from graph_api.seeding.organisations import ORGANISATIONS_PER_SCALE
from graph_api.seeding.practice_concepts import CONCEPTS, Concept
from graph_api.seeding.profiles import rules
from graph_api.seeding.reference import ReferenceData
from graph_api.seeding.text import SlugRegistry, slugify, vary

CONCEPT_BY_KEY = {c.key: c for c in CONCEPTS}
PEOPLE_PER_SCALE = 60
PRACTICES_PER_SCALE = 600
STATUSES: rand.Weighted[str] = rand.Weighted(
    {"PUBLISHED": 0.80, "DRAFT": 0.10, "IN_REVIEW": 0.07, "ARCHIVED": 0.03}
)
EVIDENCE_LEVELS: rand.Weighted[str] = rand.Weighted(
    {
        "DESCRIBED": 0.40,
        "THEORETICALLY_SOUND": 0.20,
        "FIRST_INDICATIONS": 0.20,
        "GOOD_INDICATIONS": 0.15,
        "STRONG_INDICATIONS": 0.05,
    }
)
REVISIONS = {"DRAFT": (1, 2), "IN_REVIEW": (1, 3), "PUBLISHED": (1, 5), "ARCHIVED": (2, 6)}
FIRST_CREATED = rand.utc(2019, 1, 7)
LAST_CREATED = rand.utc(2024, 9, 30)
LAST_UPDATED = rand.utc(2025, 6, 30)


class PracticeGenerator:
    def __init__(self, ref: ReferenceData, neighbours: Neighbours, index: OrgIndex) -> None:
        self.index = index
        self.neighbours = neighbours
        self.codes = sorted(m.code for m in ref.municipalities)
        self.place = {m.code: names.display_name(m.name) for m in ref.municipalities}
        # index.writers is in creation order; its stream indexes are ascending.
        self.writer_stream = [i for i, _ in index.writers]
        self.writer_ids = [org_id for _, org_id in index.writers]
        self.slugs = SlugRegistry()
        self.titles: set[str] = set()

    def _title(self, rng: random.Random, concept: Concept, place: str) -> str:
        """A title no other practice has: two practices of one concept in one place are told
        apart by district, as people there would."""
        first = rand.choose(rng, concept.titles)
        places = [place] + [
            f"{place}-{d}" for d in rng.sample(names.DISTRICTS, len(names.DISTRICTS))
        ]
        for where in places:
            for template in (first, *(t for t in concept.titles if t != first)):
                title = template.format(p=where)
                if title not in self.titles:
                    self.titles.add(title)
                    return title
        number = 2
        while f"{first.format(p=place)} ({number})" in self.titles:
            number += 1
        title = f"{first.format(p=place)} ({number})"
        self.titles.add(title)
        return title

    def _writers_upto(self, unit: int) -> int:
        """How many writer organisations exist at scale unit + 1."""
        return bisect.bisect_left(self.writer_stream, ORGANISATIONS_PER_SCALE * (unit + 1))

    def people(self, indexes: range) -> None:
        for k in indexes:
            rng = rand.rng_for("person", k)
            limit = self._writers_upto(k // PEOPLE_PER_SCALE)
            org = self.index.by_id[self.writer_ids[rand.below(rng, limit)]]
            role = rand.choose(rng, names.PERSON_ROLES.get(org.kind, names.DEFAULT_ROLES))
            self.index.net.people.append(
                Person(f"person-{k + 1:05d}", names.person_name(rng), role, org.id)
            )

    def practices(self, indexes: range) -> None:
        people = self.index.net.people
        for j in indexes:
            rng = rand.rng_for("practice", j)
            unit = j // PRACTICES_PER_SCALE
            # Only people of this scale unit or earlier (no list slicing: this runs 60,000 times).
            authors = min(len(people), PEOPLE_PER_SCALE * (unit + 1))
            first = people[rand.below(rng, authors)]
            if rng.random() < 0.75:
                by = self.index.by_id[first.works_for]
            else:
                by = self.index.by_id[self.writer_ids[rand.below(rng, self._writers_upto(unit))]]
            self.index.net.practices.append(self._practice(j, rng, by.id, first.id, authors))

    def _practice(
        self,
        j: int,
        rng: random.Random,
        by_id: str,
        first_author: str,
        authors: int,
    ) -> Practice:
        by = self.index.by_id[by_id]
        # Writers are demo organisations, which always have a home (anchors.OrgIndex.add).
        home = rand.choose(rng, self.codes) if by.scope == v.NATIONAL or not by.base else by.base
        applied = [home]
        if rng.random() < 0.35:
            applied.extend(self.neighbours.nearest(home, 1))
        # Only what fits the organisation (demo_profiles.toml): no Digicafé at a hospice.
        assert by.profile is not None  # writers are demo organisations with a profile
        concept = CONCEPT_BY_KEY[rand.choose(rng, rules().profiles[by.profile].concepts)]
        themes = [concept.themes[0], *rand.pick_some(rng, concept.themes[1:], 0, 2)]
        targets = rand.pick_some(rng, concept.targets, 1, 2)
        lines = list(concept.lines) if rng.random() < 0.6 else [concept.lines[0]]
        place = self.place[home]
        title = self._title(rng, concept, place)
        status = STATUSES.draw(rng)

        created = rand.random_datetime(rng, FIRST_CREATED, LAST_CREATED)
        updated = min(
            created + timedelta(days=rand.between(rng, 0, 400), hours=rand.between(rng, 0, 9)),
            LAST_UPDATED,
        )
        published = None
        if status in ("PUBLISHED", "ARCHIVED"):
            published = created + (updated - created) * rng.uniform(0.2, 0.9)
            published = published.replace(microsecond=0)
        low, high = REVISIONS[status]
        revision = rand.between(rng, low, high)
        if revision == 1 and status != "ARCHIVED":
            updated = published or created  # never edited since it was written or published

        credits = [(first_author, created)]
        if rng.random() < 0.35:
            second = self.index.net.people[rand.below(rng, authors)]
            if second.id != first_author:
                credits.append((second.id, rand.random_datetime(rng, created, updated)))

        group = " en ".join(txt.TARGET_PHRASES[t] for t in targets)
        fill = self._fill(rng, concept, place, by.name, group, created.year)

        def write(pool: tuple[str, ...]) -> str:
            return vary(rng, rand.choose(rng, pool)).format(**fill)

        return Practice(
            id=f"practice-{j + 1:06d}",
            slug=self.slugs.take(slugify(title)),
            title=title,
            summary=write(txt.SUMMARIES) + " " + write(txt.SUMMARY_TAILS),
            body=self._body(rng, concept, write),
            status=status,
            results=write(txt.RESULTS),
            evidence_level=EVIDENCE_LEVELS.draw(rng),
            costs=write(txt.COSTS),
            created_at=created,
            updated_at=updated,
            published_at=published,
            revision=revision,
            by=by.id,
            applied_in=applied,
            themes=themes,
            targets=targets,
            action_lines=lines,
            authors=credits,
            concept=concept.key,
        )

    @staticmethod
    def _fill(
        rng: random.Random, concept: Concept, place: str, org: str, group: str, year: int
    ) -> dict[str, str | int]:
        """The fields of the prose templates (practice_text.py) for one practice."""
        return {
            "p": place,
            "org": org,
            "group": group,
            "what": concept.what,
            "year": rand.between(rng, max(2016, year - 3), year),
            "year2": year + 1,
            "dag": rand.choose(rng, txt.WEEKDAYS),
            "n": rand.between(rng, 12, 240),
            "pct": rand.between(rng, 35, 85),
            "v": rand.between(rng, 4, 40),
            "k": rand.between(rng, 2, 45),
            "m": rand.between(rng, 1, 20),
            "c": rand.between(rng, 1, 9),
            "h": rand.between(rng, 2, 16),
        }

    @staticmethod
    def _body(rng: random.Random, concept: Concept, write: Callable[[tuple[str, ...]], str]) -> str:
        steps = rand.pick_some(rng, concept.steps, 3, 3)
        parts = [
            "## Aanleiding",
            write(txt.REASONS) + " " + write(txt.REASON_FOLLOWS),
            "## Aanpak",
            write(txt.APPROACH) + "\n\n" + "\n".join(f"- {write((s,))}" for s in steps),
            "## Wat levert het op?",
            write(txt.EFFECTS),
        ]
        if rng.random() < 0.6:
            parts += ["## Tips voor wie wil beginnen", write(txt.TIPS)]
        if rng.random() < 0.5:
            parts.append(write(txt.PARTNERS))
        return "\n\n".join(parts) + "\n"
