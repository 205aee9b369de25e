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
    EvidencePurpose,
    EvidenceStatus,
    Registration,
    RegistrationCriterion,
    SubjectType,
)
from storage.models.inbox import UpdateInbox
from storage.models.org import UNIT_REGISTRANT_ROLES, OrgUnit, Person, Role, RoleGrant, UnitKind
from storage.models.outbox import Outbox, OutboxStatus
from storage.models.review import (
    Ballot,
    CommentKind,
    CouncilResult,
    CouncilVote,
    EntryComment,
    EntryResult,
    ReviewAssignment,
    ReviewScore,
    VoteParticipation,
)
from storage.models.schedule import (
    Announcement,
    AnnouncementStatus,
    Audience,
    DigestSetting,
    ReminderRule,
    RuleStatus,
    ScheduleKind,
)
from storage.models.secret import ChannelSecret
from storage.models.web import WebLoginToken, WebSession

__all__ = [  # noqa: RUF022 (the review tables are kept together at the end)
    "UNIT_REGISTRANT_ROLES",
    "Announcement",
    "AnnouncementStatus",
    "Audience",
    "AuditLog",
    "Campaign",
    "CampaignModel",
    "ChannelSecret",
    "ChatAccount",
    "Consent",
    "ConversationState",
    "Criterion",
    "CriterionKind",
    "DigestSetting",
    "EntryStatus",
    "Evidence",
    "EvidenceKind",
    "EvidencePurpose",
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
    "ReminderRule",
    "Role",
    "RoleGrant",
    "RuleStatus",
    "ScheduleKind",
    "SubjectType",
    "UnitKind",
    "UpdateInbox",
    # review, vote, publication
    "Ballot",
    "CommentKind",
    "CouncilResult",
    "CouncilVote",
    "EntryComment",
    "EntryResult",
    "ReviewAssignment",
    "ReviewScore",
    "VoteParticipation",
    # committee console
    "WebLoginToken",
    "WebSession",
]
