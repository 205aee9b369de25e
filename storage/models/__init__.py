"""All tables; importing this package registers them on `SQLModel.metadata`."""

from storage.models.audit import AuditLog
from storage.models.campaign import Campaign, CampaignModel, Criterion, CriterionKind
from storage.models.chat import (
    ChatAccount,
    Consent,
    ConversationState,
    Invite,
    InviteFailure,
    ProcessedUpdate,
)
from storage.models.entries import (
    EntryStatus,
    Evidence,
    EvidenceKind,
    EvidenceStatus,
    Registration,
    RegistrationCriterion,
    SubjectType,
)
from storage.models.org import UNIT_REGISTRANT_ROLES, OrgUnit, Person, Role, RoleGrant, UnitKind
from storage.models.outbox import Outbox, OutboxStatus
from storage.models.secret import ChannelSecret

__all__ = [
    "UNIT_REGISTRANT_ROLES",
    "AuditLog",
    "Campaign",
    "CampaignModel",
    "ChannelSecret",
    "ChatAccount",
    "Consent",
    "ConversationState",
    "Criterion",
    "CriterionKind",
    "EntryStatus",
    "Evidence",
    "EvidenceKind",
    "EvidenceStatus",
    "Invite",
    "InviteFailure",
    "OrgUnit",
    "Outbox",
    "OutboxStatus",
    "Person",
    "ProcessedUpdate",
    "Registration",
    "RegistrationCriterion",
    "Role",
    "RoleGrant",
    "SubjectType",
    "UnitKind",
]
