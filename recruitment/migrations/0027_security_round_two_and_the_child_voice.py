# Issue 27 (security round two) and issue 26 (answering for a child), in one migration: who
# answered, confirmed address changes, reminder links as hashed tokens, enrolment links, opaque
# application ids, codes found by the asker's token and counted per asker, the audit trail's seals,
# and pregnancy answers that come together or not at all.

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


def give_each_an_id(apps, schema_editor):
    Application = apps.get_model("recruitment", "Application")
    for pk in Application.objects.filter(public_id=None).values_list("pk", flat=True).iterator():
        Application.objects.filter(pk=pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0026_health_history_asked"),
        ("trials", "0016_trial_names_on_one_line"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        primary_key=True,
                        related_name="seal",
                        serialize=False,
                        to="recruitment.auditevent",
                    ),
                ),
                ("digest", models.CharField(max_length=64)),
                ("sealed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "audit seal",
                "verbose_name_plural": "audit seals",
                "ordering": ["event"],
            },
        ),
        migrations.CreateModel(
            name="EnrolmentLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token_hash", models.CharField(max_length=64, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("expires_at", models.DateTimeField()),
                ("used_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "two-step verification enrolment link",
                "verbose_name_plural": "two-step verification enrolment links",
            },
        ),
        migrations.RemoveConstraint(
            model_name="application",
            name="application_women_answer_pregnancy",
        ),
        migrations.RemoveConstraint(
            model_name="notification",
            name="notification_has_a_recipient",
        ),
        migrations.RemoveField(
            model_name="reminder",
            name="wrong_birth_dates",
        ),
        migrations.AddField(
            model_name="accesscode",
            name="ask_hash",
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.AddField(
            model_name="accesscode",
            name="asked_from",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="accesscode",
            name="pending_address",
            field=models.CharField(blank=True, max_length=254),
        ),
        migrations.AddField(
            model_name="accesscode",
            name="pending_field",
            field=models.CharField(blank=True, max_length=5),
        ),
        # An opaque id for each application: added empty, filled row by row (a column default
        # would give every row the same id), then unique.
        migrations.AddField(
            model_name="application",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_an_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="application",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="application",
            name="respondent",
            field=models.CharField(
                choices=[("patient", "The patient"), ("parent", "A parent or guardian, for a child")],
                default="patient",
                editable=False,
                max_length=8,
                verbose_name="answered by",
            ),
        ),
        migrations.AddField(
            model_name="reminder",
            name="link_hash",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="reminder",
            name="link_made_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("created", "Application submitted"),
                    ("status_changed", "Status changed"),
                    ("assigned", "Assigned"),
                    ("note_added", "Note added"),
                    ("reevaluated", "Re-evaluated"),
                    ("exported", "Exported"),
                    ("notification_resent", "Notification resent"),
                    ("reminder_asked", "Reminder asked for"),
                    ("reminder_sent", "Reminder sent"),
                    ("reminder_opened", "Reminder link opened"),
                    ("patient_signed_in", "Patient opened their application"),
                    ("contact_corrected", "Contact details corrected"),
                    ("consent_withdrawn", "Consent withdrawn"),
                    ("erased", "Personal data erased"),
                    ("contact_attempt", "Contact attempt"),
                    ("campaign_changed", "Campaign created or changed"),
                    ("login_locked", "Log-in locked after failed attempts"),
                    ("enrolment_required", "Two-step verification to be set up again through a link"),
                    ("trial_pinned", "Trial kept open locally, or no longer"),
                    ("trial_changed", "Trial, its criteria or sites changed in admin"),
                    ("sponsor_changed", "Sponsor organisation or its users changed in admin"),
                    ("contact_viewed", "Contact details viewed"),
                    ("searched", "Found by a search on phone or e-mail"),
                    ("contacts_listed", "Names and phone numbers listed"),
                ],
                max_length=30,
                verbose_name="action",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("new_application", "New application"),
                    ("digest", "Daily digest"),
                    ("first_contact_missed", "First-contact target missed"),
                    ("catalog_changed", "The registry changed a trial"),
                    ("account_changed", "Your account's security changed"),
                    ("confirmation", "Confirmation to the patient"),
                    ("access_code", "One-time code to the patient"),
                    ("address_check", "Code to a new phone or e-mail of the patient"),
                    ("contact_changed", "Notice to the patient's former phone or e-mail"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("breastfeeding__isnull", False),
                        ("planning_pregnancy__isnull", False),
                        ("pregnant__isnull", False),
                    ),
                    models.Q(("breastfeeding", None), ("planning_pregnancy", None), ("pregnant", None)),
                    _connector="OR",
                ),
                name="application_pregnancy_answered_together",
            ),
        ),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("recipient__isnull", False),
                    models.Q(
                        ("application__isnull", False),
                        ("kind__in", ["access_code", "address_check", "confirmation", "contact_changed"]),
                    ),
                    _connector="OR",
                ),
                name="notification_has_a_recipient",
            ),
        ),
        migrations.AddField(
            model_name="enrolmentlink",
            name="created_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="enrolmentlink",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="enrolment_links", to=settings.AUTH_USER_MODEL
            ),
        ),
    ]
