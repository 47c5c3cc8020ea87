"""The subjects of the requests, drawn from the seeded graph with a fixed random seed.

Every list is read in a fixed order (by key) before sampling, so the same seeded graph and
the same seed give the same requests; the seeding itself is deterministic too.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from neo4j import Driver

from graph_api.db.driver import sync_driver
from graph_api.settings import Settings

WORD = re.compile(r"[a-zà-ÿ]{6,}")
# Words too common to say anything about search speed beyond "everything matches".
STOPWORDS = frozenset({"tegen", "eenzaamheid", "voor", "samen", "mensen", "tussen", "zonder"})


@dataclass
class Population:
    organisations: list[str]
    coalitions: list[str]
    municipalities: list[str]
    provinces: list[str]
    themes: list[str]
    words: list[str]


def _column(driver: Driver, database: str, cypher: str) -> list[str]:
    records, _, _ = driver.execute_query(cypher, database_=database)
    return [str(r[0]) for r in records if r[0] is not None]


def population(settings: Settings) -> Population:
    db = settings.neo4j_database
    with sync_driver(settings) as driver:
        titles = _column(
            driver,
            db,
            "MATCH (p:Practice) WHERE p.status = 'PUBLISHED' "
            "RETURN p.title ORDER BY p.id LIMIT 2000",
        )
        return Population(
            organisations=_column(driver, db, "MATCH (o:Organisation) RETURN o.id ORDER BY o.id"),
            coalitions=_column(
                driver,
                db,
                "MATCH (c:Coalition) WHERE EXISTS { (c)<-[:MEMBER_OF]-() } "
                "RETURN c.id ORDER BY c.id",
            ),
            municipalities=_column(
                driver,
                db,
                "MATCH (m:Municipality) WHERE m.location IS NOT NULL RETURN m.code ORDER BY m.code",
            ),
            provinces=_column(driver, db, "MATCH (p:Province) RETURN p.code ORDER BY p.code"),
            themes=_column(driver, db, "MATCH (t:Theme) RETURN t.slug ORDER BY t.slug"),
            words=sorted(
                {w for t in titles for w in WORD.findall(t.lower()) if w not in STOPWORDS}
            ),
        )


class Draw:
    """Deterministic draws per purpose: each operation gets its own stream, so adding or
    skipping one operation does not change the requests of the others."""

    def __init__(self, seed: int, pop: Population) -> None:
        self.seed = seed
        self.pop = pop

    def rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}")

    @staticmethod
    def pick(rng: random.Random, values: list[str], n: int) -> list[str]:
        if not values:
            raise ValueError("The graph has nothing to draw from; is it seeded?")
        if n <= len(values):
            return rng.sample(values, n)
        return [rng.choice(values) for _ in range(n)]
