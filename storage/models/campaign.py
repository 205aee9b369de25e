"""A campaign as loaded from its YAML: the four models and their criteria."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import created_field, json_field


class CriterionKind(StrEnum):
    GENERAL = "general"
    SPECIFIC = "specific"


class Campaign(SQLModel, table=True):
    """One emulation campaign; the dates the flows enforce are columns, the rest is `config`."""

    __tablename__ = "campaign"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(max_length=255)
    year: int
    status: str = Field(default="registration_open", max_length=32)
    timezone: str = Field(default="Asia/Ho_Chi_Minh", max_length=64)
    registration_opens: date
    registration_closes: date
    evidence_deadline: date
    self_scoring_opens: date
    self_scoring_closes: date
    max_entries_per_subject: int = 2
    require_all_criteria: bool = False
    scale_max: int = 100
    score_step: float = 0.5
    config: dict[str, Any] = json_field()
    is_demo: bool = False
    created_at: datetime = created_field()


class CampaignModel(SQLModel, table=True):
    """One of the four models (M1-M4) of a campaign."""

    __tablename__ = "campaign_model"
    __table_args__ = (UniqueConstraint("campaign_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    code: str = Field(max_length=16)
    short_title: str = Field(max_length=255)
    title: str
    subject_types: str = Field(default="collective,individual", max_length=64)
    position: int = 0


class Criterion(SQLModel, table=True):
    """A general (pass/fail) criterion of a campaign or a specific, scored one of a model."""

    __tablename__ = "criterion"
    __table_args__ = (UniqueConstraint("campaign_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    model_id: int | None = Field(default=None, foreign_key="campaign_model.id", index=True)
    kind: str = Field(max_length=16)
    code: str = Field(max_length=16)
    title: str
    individual_reading: str = ""
    evidence_hint: str = ""
    evidence_types: str = Field(default="", max_length=255)
    max_points: int = 0
    method: str = Field(default="", max_length=32)
    guide: str = ""
    mandatory: bool = True
    applies_to: str = Field(default="collective,individual", max_length=64)
    position: int = 0
