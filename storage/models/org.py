"""The organisation: units in a tree, people, and the roles they hold."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import created_field, time_field


class UnitKind(StrEnum):
    CORPORATION = "corporation"
    PROVINCE_POST = "province_post"
    DISTRICT_POST = "district_post"
    COMMUNE_POST = "commune_post"
    CENTER = "center"
    POST_OFFICE = "post_office"
    SERVICE_POINT = "service_point"
    DEPARTMENT = "department"


class Role(StrEnum):
    STAFF = "staff"
    MANAGER = "manager"
    UNION_COMMITTEE = "union_committee"
    PARTY_COMMITTEE = "party_committee"
    REVIEWER = "reviewer"
    COUNCIL_MEMBER = "council_member"
    ADMIN = "admin"


UNIT_REGISTRANT_ROLES = frozenset({Role.MANAGER, Role.UNION_COMMITTEE, Role.PARTY_COMMITTEE})


class OrgUnit(SQLModel, table=True):
    """A unit; `path` lists the ids from the root down to itself ("/1/4/9/")."""

    __tablename__ = "org_unit"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=255)
    kind: str = Field(max_length=32)
    parent_id: int | None = Field(default=None, foreign_key="org_unit.id", index=True)
    path: str = Field(default="", max_length=1024, index=True)
    depth: int = 0
    valid_from: date | None = None
    valid_to: date | None = None
    successor_id: int | None = Field(default=None, foreign_key="org_unit.id")
    created_at: datetime = created_field()


class Person(SQLModel, table=True):
    """A member of staff from the roster. Party membership is not kept: no feature needs
    it, and it is sensitive personal data (Law 91/2025)."""

    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    employee_code: str = Field(max_length=32, unique=True, index=True)
    full_name: str = Field(max_length=255)
    unit_id: int = Field(foreign_key="org_unit.id", index=True)
    position: str = Field(default="", max_length=255)
    phone: str | None = Field(default=None, max_length=20, index=True)
    is_union_member: bool = False
    active: bool = True
    created_at: datetime = created_field()
    updated_at: datetime | None = time_field()


class RoleGrant(SQLModel, table=True):
    """A role a person holds over a unit subtree."""

    __tablename__ = "role_grant"
    __table_args__ = (UniqueConstraint("person_id", "role", "scope_unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(max_length=32)
    scope_unit_id: int = Field(foreign_key="org_unit.id", index=True)
    source: str = Field(default="roster", max_length=16)
    created_at: datetime = created_field()
