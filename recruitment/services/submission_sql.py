"""Storing a submission on PostgreSQL in one statement.

A submission writes eight tables. Sent one statement at a time inside a transaction, that was
fifteen round trips and most of what a submission cost. Here it is one INSERT whose
data-modifying CTEs write every row: one round trip, and, being one statement, its own
transaction, so all rows are stored or none. Nothing is written by hand: every column, cast and
value comes from the models' fields, and the duplicate lookup and the recipients are the same
querysets the ORM path runs (`services.applications`); a test on PostgreSQL compares the rows
both paths write.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from django.db import connection


@dataclass
class Stored:
    application_id: int
    duplicate_of_id: int | None
    notification_ids: list[int]


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _columns(model, *, skip=()):
    """The concrete columns an INSERT writes: all but the automatic primary key and `skip`."""
    return [f for f in model._meta.concrete_fields if f.name not in skip and not (f.primary_key and f.db_returning)]


def _cast(field, instance):
    value = field.get_db_prep_save(field.pre_save(instance, add=True), connection)
    # The values sit in a SELECT, not a VALUES list, so PostgreSQL needs each one's type.
    return f"CAST(%s AS {field.cast_db_type(connection)})", [value]


def _insert(name: str, model, instances, *, parent: tuple[str, str] | None = None, computed=None,
            also_from: str = "", returning: str = "") -> tuple[str, list]:
    """`name AS (INSERT INTO table (...) SELECT ... [FROM parent])` for one or more instances.

    `parent` is (CTE, foreign-key field) whose value is the new application's id; `computed`
    maps a field name to an SQL expression (with params) evaluated in the statement; `also_from`
    is a further CTE the SELECT reads (one row is written per row of it).
    """
    computed = computed or {}
    skip = {parent[1]} if parent else set()
    fields = _columns(model, skip=skip | set(computed))
    names = ([model._meta.get_field(parent[1]).column] if parent else []) + [f.column for f in fields]
    names += [model._meta.get_field(name).column for name in computed]
    selects, params = [], []
    for instance in instances:
        parts = [f"{parent[0]}.id"] if parent else []
        for field in fields:
            sql, values = _cast(field, instance)
            parts.append(sql)
            params.extend(values)
        for sql, values in computed.values():
            parts.append(sql)
            params.extend(values)
        sources = ", ".join(source for source in (parent[0] if parent else "", also_from) if source)
        selects.append("SELECT " + ", ".join(parts) + (f" FROM {sources}" if sources else ""))
    sql = (f"{name} AS (INSERT INTO {_quote(model._meta.db_table)} ({', '.join(map(_quote, names))}) "
           + " UNION ALL ".join(selects) + (f" RETURNING {returning}" if returning else "") + ")")
    return sql, params


def store(*, application, alopecia, treatments, contact, consents, evaluation, audit_event, duplicate_of,
          recipients, notification) -> Stored:
    """Write the application and everything that comes with it.

    `duplicate_of` and `recipients` are querysets compiled into the statement (the earlier
    application this one may duplicate; the users to notify); `notification` is an unsaved
    Notification whose recipient is taken from `recipients`, one row per recipient.
    """
    ctes, params = [], []

    def add(part):
        ctes.append(part[0])
        params.extend(part[1])

    if duplicate_of is None:
        duplicate = ("NULL", [])
    else:
        duplicate_sql, duplicate_params = duplicate_of.query.sql_with_params()
        duplicate = (f"({duplicate_sql})", list(duplicate_params))
    add(_insert("application", type(application), [application], returning="id, duplicate_of_id",
                computed={"duplicate_of": duplicate}))
    add(_insert("alopecia", type(alopecia), [alopecia], parent=("application", "application")))
    if treatments:
        add(_insert("treatments", type(treatments[0]), treatments, parent=("application", "application")))
    add(_insert("contact", type(contact), [contact], parent=("application", "application")))
    add(_insert("consents", type(consents[0]), consents, parent=("application", "application")))
    add(_insert("evaluation", type(evaluation), [evaluation], parent=("application", "application")))
    # The trail records which application this one may duplicate: known only inside the statement.
    add(_insert("audit", type(audit_event), [audit_event], parent=("application", "application"), computed={
        "details": ("CAST(%s AS jsonb) || jsonb_build_object('duplicate_of', application.duplicate_of_id)",
                    [audit_event._meta.get_field("details").get_db_prep_save(audit_event.details, connection)]),
    }))
    recipients_sql, recipients_params = recipients.values("pk").query.sql_with_params()
    ctes.append(f"recipients (id) AS ({recipients_sql})")
    params.extend(recipients_params)
    add(_insert("notices", type(notification), [notification], parent=("application", "application"),
                computed={"recipient": ("recipients.id", [])}, also_from="recipients", returning="id"))
    sql = ("WITH " + ", ".join(ctes)
           + " SELECT application.id, application.duplicate_of_id, ARRAY(SELECT id FROM notices ORDER BY id)"
           + " FROM application")
    # Planning this statement costs more than running it, so it is prepared once per connection
    # (psycopg keeps it; see `prepare_threshold` in settings). Django's cursors bind parameters on
    # the client and cannot prepare, so this one binds on the server.
    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        application_id, duplicate_of_id, notification_ids = cursor.fetchone()
    return Stored(application_id, duplicate_of_id, list(notification_ids))
