"""Second step: the copied answers are required in the alopecia-areata table and leave the
application's."""

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0010_alopecia_answers_hold_the_episode_and_diagnoses"),
    ]

    operations = [
        migrations.AlterField(
            model_name="alopeciaanswers",
            name="episode_started_on",
            field=models.DateField(verbose_name="current episode began (month)"),
        ),
        migrations.AlterField(
            model_name="alopeciaanswers",
            name="episode_months",
            field=models.PositiveSmallIntegerField(verbose_name="current episode (months)"),
        ),
        migrations.AlterField(
            model_name="alopeciaanswers",
            name="regrowth_last_6_months",
            field=models.CharField(
                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                max_length=6,
                verbose_name="regrowth in the last 6 months",
            ),
        ),
        migrations.AlterField(
            model_name="treatmentuse",
            name="response",
            field=models.CharField(
                blank=True,
                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                max_length=6,
                verbose_name="it helped",
            ),
        ),
        migrations.RemoveConstraint(model_name="application", name="application_episode_plausible"),
        migrations.RemoveConstraint(model_name="application", name="application_regrowth_valid"),
        migrations.RemoveField(model_name="application", name="other_diagnoses"),
        migrations.RemoveField(model_name="application", name="other_diagnoses_unsure"),
        migrations.RemoveField(model_name="application", name="episode_started_on"),
        migrations.RemoveField(model_name="application", name="episode_months"),
        migrations.RemoveField(model_name="application", name="regrowth_last_6_months"),
        migrations.AddConstraint(
            model_name="alopeciaanswers",
            constraint=models.CheckConstraint(condition=Q(episode_months__lte=1200), name="alopecia_episode_plausible"),
        ),
        migrations.AddConstraint(
            model_name="alopeciaanswers",
            constraint=models.CheckConstraint(
                condition=Q(regrowth_last_6_months__in=["yes", "no", "unsure"]),
                name="alopecia_regrowth_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="treatmentuse",
            constraint=models.CheckConstraint(
                condition=Q(response="")
                | Q(
                    treatment__in=[
                        "abrocitinib",
                        "baricitinib",
                        "deuruxolitinib",
                        "ivarmacitinib",
                        "jaktinib",
                        "ritlecitinib",
                        "ruxolitinib_cream",
                        "tofacitinib",
                        "upadacitinib",
                    ]
                ),
                name="treatment_response_only_for_jak",
            ),
        ),
    ]
