"""review: assignments, versioned scores, results, council votes with secret ballots,
comments; evidence may be a collective's minutes (no criterion)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "council_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("council_unit_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("members", sa.Integer(), nullable=True),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("result", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["person.id"], name=op.f("fk_council_vote_closed_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["council_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_council_vote_council_unit_id_org_unit"),
        ),
        sa.ForeignKeyConstraint(
            ["opened_by_id"], ["person.id"], name=op.f("fk_council_vote_opened_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registration.id"],
            name=op.f("fk_council_vote_registration_id_registration"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_vote")),
        sa.UniqueConstraint(
            "registration_id", "round", name=op.f("uq_council_vote_registration_id_round")
        ),
    )
    with op.batch_alter_table("council_vote", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_vote_registration_id"), ["registration_id"], unique=False
        )

    op.create_table(
        "entry_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("answer", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("upheld", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["person.id"], name=op.f("fk_entry_comment_answered_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_entry_comment_author_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registration.id"],
            name=op.f("fk_entry_comment_registration_id_registration"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_comment")),
    )
    with op.batch_alter_table("entry_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_comment_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_entry_comment_registration_id"), ["registration_id"], unique=False
        )

    op.create_table(
        "entry_result",
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("reviewers", sa.Integer(), nullable=False),
        sa.Column("final_score", sa.Float(), nullable=True),
        sa.Column("band", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("gates_failed", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("reviewer_gap", sa.Float(), nullable=True),
        sa.Column("self_total", sa.Float(), nullable=True),
        sa.Column("needs_extra", sa.Boolean(), nullable=False),
        sa.Column("computed_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("council_result", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("published_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("scope_unit_id", sa.Integer(), nullable=True),
        sa.Column("comment_closes", sa.Date(), nullable=True),
        sa.Column("decision_number", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("decision_issuer", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("finalized_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("revoke_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_entry_result_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"], ["person.id"], name=op.f("fk_entry_result_published_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registration.id"],
            name=op.f("fk_entry_result_registration_id_registration"),
        ),
        sa.ForeignKeyConstraint(
            ["scope_unit_id"], ["org_unit.id"], name=op.f("fk_entry_result_scope_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("registration_id", name=op.f("pk_entry_result")),
    )
    with op.batch_alter_table("entry_result", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entry_result_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "review_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("assigned_by_id", sa.Integer(), nullable=False),
        sa.Column("extra", sa.Boolean(), nullable=False),
        sa.Column("assigned_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("submitted_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("reopened_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"],
            ["person.id"],
            name=op.f("fk_review_assignment_assigned_by_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registration.id"],
            name=op.f("fk_review_assignment_registration_id_registration"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["person.id"], name=op.f("fk_review_assignment_reviewer_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_assignment")),
        sa.UniqueConstraint(
            "registration_id",
            "reviewer_id",
            name=op.f("uq_review_assignment_registration_id_reviewer_id"),
        ),
    )
    with op.batch_alter_table("review_assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_assignment_registration_id"), ["registration_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_review_assignment_reviewer_id"), ["reviewer_id"], unique=False
        )

    op.create_table(
        "ballot",
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("choice", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["vote_id"], ["council_vote.id"], name=op.f("fk_ballot_vote_id_council_vote")
        ),
        sa.PrimaryKeyConstraint("vote_id", "token_hash", name=op.f("pk_ballot")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "review_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["review_assignment.id"],
            name=op.f("fk_review_score_assignment_id_review_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"], ["criterion.id"], name=op.f("fk_review_score_criterion_id_criterion")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_score")),
        sa.UniqueConstraint(
            "assignment_id",
            "criterion_id",
            "version",
            name=op.f("uq_review_score_assignment_id_criterion_id_version"),
        ),
    )
    with op.batch_alter_table("review_score", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_score_assignment_id"), ["assignment_id"], unique=False
        )

    op.create_table(
        "vote_participation",
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_vote_participation_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["vote_id"],
            ["council_vote.id"],
            name=op.f("fk_vote_participation_vote_id_council_vote"),
        ),
        sa.PrimaryKeyConstraint("vote_id", "person_id", name=op.f("pk_vote_participation")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "purpose",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default="criterion",  # every existing row is criterion evidence
            )
        )
        batch_op.alter_column("criterion_id", existing_type=sa.INTEGER(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.alter_column("criterion_id", existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column("purpose")

    op.drop_table("vote_participation")
    with op.batch_alter_table("review_score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_score_assignment_id"))

    op.drop_table("review_score")
    op.drop_table("ballot")
    with op.batch_alter_table("review_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_assignment_reviewer_id"))
        batch_op.drop_index(batch_op.f("ix_review_assignment_registration_id"))

    op.drop_table("review_assignment")
    with op.batch_alter_table("entry_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_result_campaign_id"))

    op.drop_table("entry_result")
    with op.batch_alter_table("entry_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_comment_registration_id"))
        batch_op.drop_index(batch_op.f("ix_entry_comment_author_id"))

    op.drop_table("entry_comment")
    with op.batch_alter_table("council_vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_vote_registration_id"))

    op.drop_table("council_vote")
