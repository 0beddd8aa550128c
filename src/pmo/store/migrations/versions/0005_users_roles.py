"""The web app's accounts: users (an Argon2 hash of the password) and their role per project.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("admin", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("project_key", sa.String(64), sa.ForeignKey("projects.key", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.UniqueConstraint("user_id", "project_key", name="uq_role"),
    )
    op.create_index("ix_roles_user_id", "roles", ["user_id"])
    op.create_index("ix_roles_project_key", "roles", ["project_key"])


def downgrade() -> None:
    op.drop_index("ix_roles_project_key", table_name="roles")
    op.drop_index("ix_roles_user_id", table_name="roles")
    op.drop_table("roles")
    op.drop_table("users")
