"""web console: one-time sign-in links and browser sessions

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_login_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("chat_account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("expires_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("used_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_account_id"],
            ["chat_account.id"],
            name=op.f("fk_web_login_token_chat_account_id_chat_account"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_web_login_token_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_login_token")),
    )
    op.create_index(
        op.f("ix_web_login_token_person_id"), "web_login_token", ["person_id"], unique=False
    )
    op.create_index(
        op.f("ix_web_login_token_token_hash"), "web_login_token", ["token_hash"], unique=True
    )
    op.create_table(
        "web_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("chat_account_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("via", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("ended_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_account_id"],
            ["chat_account.id"],
            name=op.f("fk_web_session_chat_account_id_chat_account"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_web_session_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_session")),
    )
    op.create_index(op.f("ix_web_session_person_id"), "web_session", ["person_id"], unique=False)
    op.create_index(
        op.f("ix_web_session_session_hash"), "web_session", ["session_hash"], unique=True
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_web_session_session_hash"), table_name="web_session")
    op.drop_index(op.f("ix_web_session_person_id"), table_name="web_session")
    op.drop_table("web_session")
    op.drop_index(op.f("ix_web_login_token_token_hash"), table_name="web_login_token")
    op.drop_index(op.f("ix_web_login_token_person_id"), table_name="web_login_token")
    op.drop_table("web_login_token")
