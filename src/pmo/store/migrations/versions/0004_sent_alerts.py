"""The alerts already sent: one row per (project, finding key, channel), so `pmo alert` sends each once.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sent_alerts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("project_key", sa.String(64), sa.ForeignKey("projects.key", ondelete="CASCADE"), nullable=False),
        sa.Column("finding_key", sa.String(400), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("project_key", "finding_key", "channel", name="uq_sent_alert"),
    )
    op.create_index("ix_sent_alerts_project_key", "sent_alerts", ["project_key"])


def downgrade() -> None:
    op.drop_index("ix_sent_alerts_project_key", table_name="sent_alerts")
    op.drop_table("sent_alerts")
