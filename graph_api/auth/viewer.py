"""The caller: a role and, for partners, their organisation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import strawberry


@strawberry.enum(
    description="What a caller may do. PUBLIC reads the network and published practices; "
    "PARTNER also keeps its own organisation current and proposes practices for it; STAFF "
    "also writes, reviews, publishes and archives any practice; ADMIN also manages "
    "coalitions, memberships and organisations."
)
class Role(Enum):
    PUBLIC = "PUBLIC"
    PARTNER = "PARTNER"
    STAFF = "STAFF"
    ADMIN = "ADMIN"


@dataclass(frozen=True)
class Viewer:
    role: Role
    organisation_id: str | None = None
    subject: str | None = None
    name: str | None = None  # the token's `name` claim, if it has one

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.STAFF, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def is_partner_of(self, organisation_id: str) -> bool:
        return self.role is Role.PARTNER and self.organisation_id == organisation_id

    @property
    def actor(self) -> str:
        """How revisions name who made a change."""
        return self.subject or f"{self.role.value.lower()}:{self.organisation_id or '-'}"


PUBLIC = Viewer(Role.PUBLIC)
