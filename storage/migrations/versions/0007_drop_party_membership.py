"""personal data: party membership is not stored (no feature uses it)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Law 91/2025 treats party membership as sensitive personal data; it is collected only for
a purpose. No feature reads it, so the column goes and the roster importer ignores it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("is_party_member")


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(
            sa.Column("is_party_member", sa.Boolean(), nullable=False, server_default=sa.false())
        )
