"""Issue 27, low: each audit event is chained to the one before by a hash, and a command verifies
the chain: an event changed or removed by someone who can bypass the append-only triggers (the
tables' owner) is found."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from recruitment.models import AuditEvent, AuditSeal
from recruitment.services import audit_chain
from tests.factories import make_application, make_trial

pytestmark = pytest.mark.django_db


def settled(clock):
    clock.shift(datetime.timedelta(seconds=audit_chain.SETTLE_SECONDS + 1))


def test_the_settled_events_are_sealed_in_order_and_the_chain_holds(clock):
    make_application(make_trial())
    assert audit_chain.seal_pending() == 0  # too fresh: a transaction still open may commit before it
    settled(clock)
    sealed = audit_chain.seal_pending()
    assert sealed == AuditEvent.objects.count() > 0
    assert audit_chain.seal_pending() == 0  # sealed once
    call_command("verify_audit_trail")  # no error
    assert audit_chain.verify().checked == sealed


def _without_the_triggers(sql: str, params) -> None:
    """What only the tables' owner can do: change the trail past its append-only triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off, as an owner may
            cursor.execute(sql, params)
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS recruitment_auditevent_no_update")
            cursor.execute(sql, params)


def test_an_event_changed_past_the_triggers_breaks_the_chain_where_it_was_changed(clock):
    make_application(make_trial())
    make_application(make_trial(), phone="+86 139 0000 0001")
    settled(clock)
    audit_chain.seal_pending()
    second = AuditEvent.objects.order_by("pk")[1]
    _without_the_triggers(
        "UPDATE recruitment_auditevent SET actor_label = %s WHERE id = %s", ["someone else", second.pk]
    )
    result = audit_chain.verify()
    assert result.broken_at == second.pk and result.checked == 1
    with pytest.raises(CommandError, match=f"broken at event {second.pk}"):
        call_command("verify_audit_trail")


def test_a_seal_rewritten_alone_breaks_the_chain_too(clock):
    make_application(make_trial())
    settled(clock)
    audit_chain.seal_pending()
    first = AuditSeal.objects.order_by("event_id").first()
    AuditSeal.objects.filter(pk=first.pk).update(digest="f" * 64)
    assert audit_chain.verify().broken_at == first.event_id


def test_a_chain_recomputed_without_the_secret_key_does_not_verify(clock, settings):
    # Whoever rewrites the tables has no key to recompute the seals after them with.
    make_application(make_trial())
    settled(clock)
    audit_chain.seal_pending()
    original = settings.SECRET_KEY
    settings.SECRET_KEY = "not-the-portals-key-" * 3
    AuditSeal.objects.all().delete()
    audit_chain.seal_pending()  # the forger's chain, with another key
    settings.SECRET_KEY = original
    assert audit_chain.verify().broken_at is not None


def test_an_event_left_unsealed_below_the_head_is_named(clock):
    make_application(make_trial())
    make_application(make_trial(), phone="+86 139 0000 0001")
    settled(clock)
    audit_chain.seal_pending()
    first = AuditSeal.objects.order_by("event_id").first()
    AuditSeal.objects.filter(pk=first.pk).delete()
    result = audit_chain.verify()
    assert result.broken_at is not None
