"""Initial tables: projects, records, imports, snapshots.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("header", sa.JSON(), nullable=False),
        sa.Column("source_file", sa.Text()),
        sa.Column("source_line", sa.Integer()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("project_key", sa.String(64), sa.ForeignKey("projects.key", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("source_file", sa.Text()),
        sa.Column("source_line", sa.Integer()),
        sa.Column("source_system", sa.String(64)),
        sa.Column("source_key", sa.String(300)),
        sa.UniqueConstraint("project_key", "kind", "key", name="uq_record"),
    )
    op.create_index("ix_records_project_key", "records", ["project_key"])
    op.create_index("ix_records_origin", "records", ["origin"])
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("project_key", sa.String(64), sa.ForeignKey("projects.key", ondelete="CASCADE"), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("reader", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
    )
    op.create_index("ix_imports_project_key", "imports", ["project_key"])
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("project_key", sa.String(64), sa.ForeignKey("projects.key", ondelete="CASCADE"), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.UniqueConstraint("project_key", "status_date", name="uq_snapshot"),
    )
    op.create_index("ix_snapshots_project_key", "snapshots", ["project_key"])


def downgrade() -> None:
    op.drop_table("snapshots")
    op.drop_table("imports")
    op.drop_table("records")
    op.drop_table("projects")
