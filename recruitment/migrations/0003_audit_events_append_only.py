"""Refuse changes to the audit table in the database itself, whoever connects.

PostgreSQL (production) refuses UPDATE and DELETE. SQLite (the embedded default for trying the
portal) refuses UPDATE only: its test runner empties tables with DELETE, where PostgreSQL's uses
TRUNCATE; deletion there is still refused by the ORM and the admin."""

from django.db import migrations

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION recruitment_audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are append-only';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER recruitment_auditevent_no_update_or_delete
    BEFORE UPDATE OR DELETE ON recruitment_auditevent
    FOR EACH ROW EXECUTE FUNCTION recruitment_audit_append_only();
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS recruitment_auditevent_no_update_or_delete ON recruitment_auditevent;",
    "DROP FUNCTION IF EXISTS recruitment_audit_append_only();",
]
SQLITE = [
    """
    CREATE TRIGGER recruitment_auditevent_no_update BEFORE UPDATE ON recruitment_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS recruitment_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS recruitment_auditevent_no_delete;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0002_review_audit_notifications")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
