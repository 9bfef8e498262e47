"""The alopecia-areata answers that lived on every application (other hair-loss diagnoses, the
current episode, recent regrowth) move to the alopecia-areata answers table; a treatment's
"hair regrew" becomes "it helped", which every condition can ask. First step: copy."""

from django.db import migrations, models

MOVED = ("other_diagnoses", "other_diagnoses_unsure", "episode_started_on", "episode_months", "regrowth_last_6_months")


def copy_to_alopecia_answers(apps, schema_editor):
    Application = apps.get_model("recruitment", "Application")
    AlopeciaAnswers = apps.get_model("recruitment", "AlopeciaAnswers")
    # Every application so far is of alopecia areata and has its answers row; one without would
    # lose its answers when 0011 drops the columns, so stop rather than lose them.
    orphans = Application.objects.exclude(pk__in=AlopeciaAnswers.objects.values("application_id"))
    if orphans.exists():
        raise RuntimeError(
            f"{orphans.count()} applications have no alopecia-areata answers row (first: "
            f"{orphans.order_by('pk').values_list('reference', flat=True).first()}); their episode and "
            "diagnoses cannot be moved. Restore the rows, or export these applications, before migrating."
        )
    rows = AlopeciaAnswers.objects.order_by("pk")
    last = None
    while batch := list((rows.filter(pk__gt=last) if last is not None else rows)[:2000]):
        values = {v.pop("pk"): v for v in Application.objects.filter(pk__in=[r.pk for r in batch]).values("pk", *MOVED)}
        for row in batch:
            for name, value in values[row.pk].items():
                setattr(row, name, value)
        AlopeciaAnswers.objects.bulk_update(batch, MOVED)
        last = batch[-1].pk


def copy_back(apps, schema_editor):
    Application = apps.get_model("recruitment", "Application")
    AlopeciaAnswers = apps.get_model("recruitment", "AlopeciaAnswers")
    for row in AlopeciaAnswers.objects.iterator(chunk_size=2000):
        Application.objects.filter(pk=row.application_id).update(**{name: getattr(row, name) for name in MOVED})


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0009_notification_attempts_default_in_database"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="treatmentuse", name="treatment_regrowth_only_for_jak"),
        migrations.RenameField(model_name="treatmentuse", old_name="regrowth", new_name="response"),
        migrations.AddField(
            model_name="alopeciaanswers",
            name="other_diagnoses",
            field=models.JSONField(blank=True, default=list, verbose_name="other hair-loss diagnoses"),
        ),
        migrations.AddField(
            model_name="alopeciaanswers",
            name="other_diagnoses_unsure",
            field=models.BooleanField(default=False, verbose_name="not sure about other diagnoses"),
        ),
        migrations.AddField(
            model_name="alopeciaanswers",
            name="episode_started_on",
            field=models.DateField(null=True, verbose_name="current episode began (month)"),
        ),
        migrations.AddField(
            model_name="alopeciaanswers",
            name="episode_months",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="current episode (months)"),
        ),
        migrations.AddField(
            model_name="alopeciaanswers",
            name="regrowth_last_6_months",
            field=models.CharField(
                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                max_length=6,
                null=True,
                verbose_name="regrowth in the last 6 months",
            ),
        ),
        migrations.RunPython(copy_to_alopecia_answers, copy_back),
    ]
