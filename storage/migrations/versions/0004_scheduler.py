"""scheduler: reminder rules, digest settings, announcements

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "digest_setting",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("weekdays", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("time_of_day", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("last_occurrence", storage.types.UTCDateTime(), nullable=True),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_digest_setting_person_id_person")
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_digest_setting")),
    )
    op.create_table(
        "reminder_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("issuer_role", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("audience", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("evidence_days", sa.Integer(), nullable=True),
        sa.Column("model_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("schedule", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("once_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("weekdays", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("time_of_day", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("campaign_date", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("button", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("last_occurrence", storage.types.UTCDateTime(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_reminder_rule_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["person.id"], name=op.f("fk_reminder_rule_created_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_unit.id"], name=op.f("fk_reminder_rule_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_rule")),
    )
    with op.batch_alter_table("reminder_rule", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reminder_rule_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reminder_rule_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminder_rule_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "announcement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("chat_account_id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("file_path", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("file_kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("file_mime", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("audience", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("audience_value", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("scope_unit_id", sa.Integer(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column(
            "progress_message_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True
        ),
        sa.Column("progress_shown", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("started_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("finished_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_account_id"],
            ["chat_account.id"],
            name=op.f("fk_announcement_chat_account_id_chat_account"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["person.id"], name=op.f("fk_announcement_created_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["scope_unit_id"], ["org_unit.id"], name=op.f("fk_announcement_scope_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement")),
    )
    with op.batch_alter_table("announcement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_announcement_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_announcement_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("announcement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_announcement_status"))
        batch_op.drop_index(batch_op.f("ix_announcement_created_by_id"))

    op.drop_table("announcement")
    with op.batch_alter_table("reminder_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_rule_unit_id"))
        batch_op.drop_index(batch_op.f("ix_reminder_rule_status"))
        batch_op.drop_index(batch_op.f("ix_reminder_rule_created_by_id"))

    op.drop_table("reminder_rule")
    op.drop_table("digest_setting")
