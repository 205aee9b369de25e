"""The home page's links: each route module lists its own, with the roles that see them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storage.models import Role


@dataclass(frozen=True)
class NavItem:
    """`key` names the label and description in the texts' `NAV`."""

    key: str
    href: str
    roles: frozenset[Role]


def visible(items: Iterable[NavItem], roles: frozenset[Role]) -> list[NavItem]:
    return [item for item in items if item.roles & roles]
