"""update inbox: webhook updates recorded before they are acknowledged

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "update_inbox",
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("replies", sa.JSON(), nullable=True),
        sa.Column("received_at", storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "update_id", name=op.f("pk_update_inbox")),
    )
    op.create_index(
        "ix_update_inbox_chat", "update_inbox", ["channel", "chat_key", "update_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_update_inbox_chat", table_name="update_inbox")
    op.drop_table("update_inbox")
