"""Storing a submission on PostgreSQL in one statement.

A submission writes eight tables. Sent one statement at a time inside a transaction, that was
fifteen round trips and most of what a submission cost. Here it is one INSERT whose
data-modifying CTEs write every row: one round trip, and, being one statement, its own
transaction, so all rows are stored or none. Nothing is written by hand: every column, cast and
value comes from the models' fields, and the duplicate lookup and the recipients are the same
querysets the ORM path runs (`selectors`); a test on PostgreSQL compares the rows both write.

Building that SQL costs more than running it, so each shape of statement (how many treatments and
consents, which contact keys, a site or not) is built once per process, and prepared once per
connection; a submission only computes its values.
"""

from __future__ import annotations

import datetime
import functools
import re
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from django.db import DatabaseError, connection, models, transaction

from recruitment.models import SignupCounter
from recruitment.selectors import duplicate_target, new_application_recipients, open_for_signup


class NoLongerOpen(Exception):
    """The trial stopped recruiting, or the chosen site left it, since the form was read: nothing
    was stored."""


@dataclass
class Stored:
    application_id: int | None  # None: refused (the trial or site closed, or the address over its limit)
    duplicate_of_id: int | None
    notification_ids: list[int]
    hits: int = 0  # sign-ups counted in the address's window, this one included (0: not counted)


def store(*, application, alopecia, treatments, contact, consents, evaluation, audit_event, notification,
          duplicate_since, throttle=None) -> Stored:
    """Write the application and everything that comes with it; see `store_with_orm` for the same
    in a statement per table. `notification` is the notice, written once per recipient.

    With a `throttle` (recruitment.ratelimit), the address's counter is counted in the same
    statement, and nothing else is written when it goes over the limit."""
    duplicate = _compiled(duplicate_target, trial_id=application.trial_id, phone_key=contact.phone_key,
                          email_key=contact.email_key, since=duplicate_since)
    # With a site, the recipients do not depend on the trial: passing it would make a shape whose
    # trial marker never reaches the SQL, compiled again for every call.
    recipients = _compiled(_recipient_ids, site_id=application.site_id,
                           trial_id=None if application.site_id else application.trial_id)
    # The sign-up view reads a trial kept for a while (trials.signup): the write itself checks.
    still_open = _compiled(open_for_signup, trial_id=application.trial_id, site_id=application.site_id)
    shape = (len(treatments), len(consents), duplicate[0], recipients[0], still_open[0], throttle is not None)
    sql = _statement(type(application), type(alopecia), type(treatments[0]) if treatments else None, type(contact),
                     type(consents[0]), type(evaluation), type(audit_event), type(notification), *shape)
    now = application.submitted_at
    counted = [throttle.key, now + datetime.timedelta(seconds=throttle.period), now, now] if throttle else []
    params = [
        *counted,
        *_values(application, skip=("duplicate_of",)), *duplicate[1], *still_open[1],
        *([throttle.limit] if throttle else []),
        *_values(alopecia, skip=("application",)),
        *(value for row in treatments for value in _values(row, skip=("application",))),
        *_values(contact, skip=("application",)),
        *(value for row in consents for value in _values(row, skip=("application",))),
        *_values(evaluation, skip=("application",)),
        *_values(audit_event, skip=("application", "details")), _json(audit_event, "details"),
        *recipients[1],
        *_values(notification, skip=("application", "recipient")),
    ]
    hits, application_id, duplicate_of_id, notification_ids = _run(sql, params, application)
    return Stored(application_id, duplicate_of_id, list(notification_ids or []), hits or 0)


def _run(sql, params, application):
    """The statement's one row, on the persistent connection.

    1. Inside a caller's transaction: a savepoint, so that a failure leaves it usable.
    2. Otherwise the statement goes out without Django's health check (a `SELECT 1` round trip
       before each request's first query, which would double a submission's round trips).
    3. Should the connection turn out dead (PostgreSQL restarted since the last request), it is
       replaced, and the statement sent once more; but first the application is looked for: a
       connection can drop after PostgreSQL committed and before its answer came back, and
       sending again would store the patient twice. If PostgreSQL is still down, the error
       stands (the patient gets the 503 page with the answers).
    """
    if connection.in_atomic_block:
        with transaction.atomic(), _prepared_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    try:
        with _prepared_cursor(health_check=False) as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        connection.health_check_done = True  # it has just answered: no SELECT 1 later in this request
        return row
    except DatabaseError:
        raw = connection.connection
        if raw is not None and not raw.closed and not raw.broken:
            raise  # the statement failed, not the connection
    connection.close()
    stored = _already_stored(application)
    if stored is not None:
        return stored
    with _prepared_cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _already_stored(application):
    """The statement's row for this very submission if it was stored (the same reference, trial
    and moment, to the microsecond), or None. Its count is not known again: 0."""
    from recruitment.models import Application, Notification

    found = (Application.objects.filter(reference=application.reference, trial_id=application.trial_id,
                                        submitted_at=application.submitted_at)
             .values_list("pk", "duplicate_of_id").first())
    if found is None:
        return None
    notices = Notification.objects.filter(application_id=found[0]).order_by("pk").values_list("pk", flat=True)
    return (0, *found, list(notices))


class _PreparedRawCursor(psycopg.RawCursor):
    """Binds on the server with the statement's own $n placeholders (no parsing of 6 kB of SQL for
    each call) and prepares what it runs (see `prepare_threshold` in settings): Django's own
    cursors bind on the client and cannot prepare."""

    def execute(self, query, params=None, *, prepare=True, binary=None):
        return super().execute(query, params, prepare=prepare, binary=binary)


@contextmanager
def _prepared_cursor(*, health_check=True):
    """Such a cursor, obtained as Django obtains its own: the connection's health check first (a
    connection a restarted PostgreSQL dropped is replaced, not failed on) unless the caller
    handles a dropped connection itself, then Django's wrapper (query logging, execute wrappers,
    query counts in tests).

    One cursor is kept per connection and never closed: psycopg keeps the adapters of a query's
    values in its cursor while the query stays the same, and a new cursor for each submission
    looked each of its ~80 values' adapter up again."""
    if health_check:
        connection.close_if_health_check_failed()
    connection.ensure_connection()
    kept = getattr(connection, "_submission_cursor", None)
    if kept is None or kept.closed or kept.connection is not connection.connection:
        with connection.wrap_database_errors:
            kept = _PreparedRawCursor(connection.connection)
        connection._submission_cursor = kept
    yield connection._prepare_cursor(kept)


# --- The statement, built once per shape ----------------------------------------------------------
@functools.cache
def _columns(model, skip=()):
    """The fields an INSERT writes, but for the automatic primary key and `skip`."""
    return [f for f in model._meta.concrete_fields if f.name not in skip and not (f.primary_key and f.db_returning)]


def _values(instance, skip=()):
    """The row's values, as Django would send them. A submission has about ninety, and most are
    already of the stored type (a str for a CharField, an int for an IntegerField): for those,
    Django's preparation is reduced to what it does to such a value (see `_shortcut`)."""
    values = []
    for field, accepts, convert in _preparation(type(instance), skip):
        value = getattr(instance, field.attname)
        if accepts is not None and (value is None or accepts(value)):
            values.append(value if value is None or convert is None else convert(value))
        else:
            values.append(field.get_db_prep_save(field.pre_save(instance, add=True), connection))
    return values


@functools.cache
def _preparation(model, skip=()):
    return [(field, *_shortcut(field)) for field in _columns(model, skip)]


def _shortcut(field):
    """(accepts, convert): the values `field` would send as `convert(value)` (or unchanged when
    `convert` is None; None always stays None), or (None, None) for a field whose every value
    goes through Django (a JSONField's adapter, a field set on save...)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return None, None
    if isinstance(field, models.ForeignKey):
        field = field.target_field  # its id is sent as the target's primary key would be
    if isinstance(field, (models.CharField, models.TextField)):
        return (lambda value: isinstance(value, str)), None  # a TextChoices member goes as it is in Django too
    if isinstance(field, models.BooleanField):
        return (lambda value: type(value) is bool), None
    if isinstance(field, models.IntegerField):
        # Not bool, nor an IntegerChoices member: Django int()s those. Each size goes as its own
        # type (psycopg's Int2, Int4...), as Django sends it, so the prepared statement's types hold.
        sized = getattr(connection.ops, "integerfield_type_map", {}).get(field.get_internal_type())
        return (lambda value: type(value) is int), sized
    if isinstance(field, models.DateTimeField):
        # PostgreSQL's adapter passes an aware datetime through; Django would convert a naive one.
        return (lambda value: type(value) is datetime.datetime and value.tzinfo is not None), None
    if isinstance(field, models.DateField):
        return (lambda value: type(value) is datetime.date), None
    return None, None


def _json(instance, name):
    field = instance._meta.get_field(name)
    return field.get_db_prep_save(getattr(instance, field.attname), connection)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _insert(name: str, model, rows: int, *, parent: bool = True, computed=None, also_from: str = "",
            where: str = "", returning: str = "") -> str:
    """`name AS (INSERT INTO table (...) SELECT ...)` for `rows` rows, in the order `_values` gives
    (then `computed`, a field name to an SQL expression). With `parent`, its foreign key to the
    application is the `application` CTE's new id; with `also_from`, a row is written for each row
    of that CTE too; `where` is a condition without which nothing is written."""
    computed = computed or {}
    skip = {"application"} if parent else set()
    fields = _columns(model, skip=tuple(sorted(skip | set(computed))))
    names = (["application_id"] if parent else []) + [f.column for f in fields]
    names += [model._meta.get_field(field).column for field in computed]
    # The values sit in a SELECT, not a VALUES list, so PostgreSQL needs each one's type.
    parts = (["application.id"] if parent else []) + [f"CAST(%s AS {f.cast_db_type(connection)})" for f in fields]
    parts += list(computed.values())
    sources = ", ".join(source for source in ("application" if parent else "", also_from) if source)
    select = "SELECT " + ", ".join(parts) + (f" FROM {sources}" if sources else "")
    select += f" WHERE {where}" if where else ""
    return (f"{name} AS (INSERT INTO {_quote(model._meta.db_table)} ({', '.join(map(_quote, names))}) "
            + " UNION ALL ".join([select] * rows) + (f" RETURNING {returning}" if returning else "") + ")")


@functools.lru_cache(maxsize=256)
def _statement(application, alopecia, treatment, contact, consent, evaluation, audit, notification,
               treatments: int, consents: int, duplicate_sql: str, recipients_sql: str, open_sql: str,
               throttled: bool) -> str:
    where = f"EXISTS ({open_sql})"
    ctes = []
    if throttled:
        # Counted whatever happens next, as a patient's every complete sign-up counts; the
        # address's row is locked until the statement commits, so concurrent sign-ups from one
        # address count one after the other.
        counter = _quote(SignupCounter._meta.db_table)
        current = f"{counter}.window_ends > CAST(%s AS timestamp with time zone)"
        ctes.append(
            f"throttle AS (INSERT INTO {counter} (key, window_ends, hits) VALUES (CAST(%s AS bigint), "
            f"CAST(%s AS timestamp with time zone), 1) ON CONFLICT (key) DO UPDATE SET "
            f"hits = CASE WHEN {current} THEN {counter}.hits + 1 ELSE 1 END, "
            f"window_ends = CASE WHEN {current} THEN {counter}.window_ends ELSE EXCLUDED.window_ends END "
            f"RETURNING hits)")
        where += " AND (SELECT hits FROM throttle) <= CAST(%s AS integer)"
    ctes += [
        # Every other row hangs on this one: if the trial or site closed, or the address is over
        # its limit, nothing is written.
        _insert("application", application, 1, parent=False, returning="id, duplicate_of_id",
                computed={"duplicate_of": f"({duplicate_sql})"}, where=where),
        _insert("alopecia", alopecia, 1),
        *([_insert("treatments", treatment, treatments)] if treatments else []),
        _insert("contact", contact, 1),
        _insert("consents", consent, consents),
        _insert("evaluation", evaluation, 1),
        # The trail records which application this one may duplicate: known only inside the statement.
        _insert("audit", audit, 1, computed={
            "details": "CAST(%s AS jsonb) || jsonb_build_object('duplicate_of', application.duplicate_of_id)"}),
        f"recipients (id) AS ({recipients_sql})",
        _insert("notices", notification, 1, computed={"recipient": "recipients.id"}, also_from="recipients",
                returning="id"),
    ]
    # One row whatever happened: the count, and the application's ids if it was written.
    hits = "(SELECT hits FROM throttle)" if throttled else "0"
    sql = ("WITH " + ", ".join(ctes)
           + f" SELECT {hits}, application.id, application.duplicate_of_id,"
           + " ARRAY(SELECT id FROM notices ORDER BY id) FROM (SELECT 1) AS one LEFT JOIN application ON TRUE")
    return _numbered(sql)


def _numbered(sql: str) -> str:
    """Django's `%s` placeholders as PostgreSQL's own `$1, $2...` (and `%%` as `%`)."""
    numbers = iter(range(1, sql.count("%s") + 1))
    return re.sub(r"%s|%%", lambda m: f"${next(numbers)}" if m.group() == "%s" else "%", sql)


# --- Querysets compiled once per shape ------------------------------------------------------------
_COMPILED: dict[tuple, tuple[str, list]] = {}
_EPOCH = datetime.datetime(1001, 1, 1, tzinfo=datetime.timezone.utc)


def _recipient_ids(**values):
    return new_application_recipients(**values).values("pk")


def _marker(value, n: int):
    """A stand-in for `value` of the same type that no real value is; empty values (None, "", 0,
    booleans) change a query's shape, so they stand for themselves."""
    if not value or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return -987_654_321_000 - n
    if isinstance(value, str):
        return f"\x1fmarker-{n}\x1f"
    if isinstance(value, datetime.datetime):
        return _EPOCH + datetime.timedelta(seconds=n)
    raise TypeError(f"no marker for {type(value).__name__}")


def _compiled(build, **values) -> tuple[str, list]:
    """(SQL, params) of the queryset `build(**values)` returns ("NULL" for None).

    Compiling a queryset costs more than running it, so it is compiled once per shape of its
    values (their types, and which are empty) with markers in their place; each call then puts its
    values where the markers came out. A value that does not reach the SQL as it is (transformed
    on the way) leaves its marker unfound: that shape is then compiled for each call."""
    shape = (build, *((name, type(value), value if _marker(value, 0) is value else None)
                      for name, value in values.items()))
    template = _COMPILED.get(shape)
    if template is None:
        markers = {name: _marker(value, n) for n, (name, value) in enumerate(values.items())}
        names = {marker: name for name, marker in markers.items() if marker is not values[name]}
        sql, params = _compile(build(**markers))
        slots = [_slot(names, param) for param in params]
        if set(names.values()) - set(slots):
            return _compile(build(**values))
        template = _COMPILED[shape] = (sql, list(zip(slots, params)))
    sql, slots = template
    return sql, [values[slot] if slot else param for slot, param in slots]


def _slot(names, param):
    try:
        return names.get(param)
    except TypeError:  # an unhashable parameter is no marker
        return None


def _compile(queryset) -> tuple[str, list]:
    if queryset is None:
        return "NULL", []
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)
