"""Every file's version of a record is kept: records are unique by (project, kind, key, origin).

The project as loaded takes, for each (kind, key), the version of the file that ranks first
(`pmo.store.repository`), so the stored project does not depend on the order of imports.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_constraint("uq_record", type_="unique")
        batch.create_unique_constraint("uq_record_origin", ["project_key", "kind", "key", "origin"])


def downgrade() -> None:
    # keep one version per key (the latest row) before the narrower constraint comes back
    op.execute(
        "DELETE FROM records WHERE id NOT IN (SELECT MAX(id) FROM records GROUP BY project_key, kind, key)"
    )
    with op.batch_alter_table("records") as batch:
        batch.drop_constraint("uq_record_origin", type_="unique")
        batch.create_unique_constraint("uq_record", ["project_key", "kind", "key"])
