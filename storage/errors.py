"""Domain errors the services raise; handlers turn each into a text for the person."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal with a stable `code` and the values a message needs."""

    code = "domain_error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(f"{self.code}: {params}")


class PermissionDenied(DomainError):
    code = "permission_denied"


class NotFound(DomainError):
    code = "not_found"


class WindowClosed(DomainError):
    """An action outside the campaign's dates; params carry `opens` and `closes`."""

    code = "window_closed"


class AlreadyExists(DomainError):
    code = "already_exists"


class InvalidInput(DomainError):
    code = "invalid_input"
