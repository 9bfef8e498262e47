"""The alopecia areata answers, taken over from the recruitment app with their table and every
row in it (its name kept in Meta.db_table): the state moves here, the database is not touched;
the content type follows, so that permissions granted on the answers still hold."""

import django.db.models.deletion
from django.db import migrations, models


def _content_type_to(app_label, *, source):
    def move(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects
        if not content_types.filter(app_label=app_label, model="alopeciaanswers").exists():
            content_types.filter(model="alopeciaanswers").filter(app_label=source).update(app_label=app_label)

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("recruitment", "0024_condition_answers_leave_for_their_apps"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="AlopeciaAnswers",
                    fields=[
                        (
                            "application",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="alopecia",
                                serialize=False,
                                to="recruitment.application",
                            ),
                        ),
                        (
                            "other_diagnoses",
                            models.JSONField(blank=True, default=list, verbose_name="other hair-loss diagnoses"),
                        ),
                        (
                            "other_diagnoses_unsure",
                            models.BooleanField(default=False, verbose_name="not sure about other diagnoses"),
                        ),
                        ("episode_started_on", models.DateField(verbose_name="current episode began (month)")),
                        ("episode_months", models.PositiveSmallIntegerField(verbose_name="current episode (months)")),
                        (
                            "regrowth_last_6_months",
                            models.CharField(
                                blank=True,
                                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                                max_length=6,
                                verbose_name="regrowth in the last 6 months (earlier question)",
                            ),
                        ),
                        (
                            "spontaneous_regrowth",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("in_6_months", "in the last 6 months"),
                                    ("6_to_12_months", "6 to 12 months ago"),
                                    ("not_in_12", "not in the last 12 months"),
                                    ("unsure", "not sure"),
                                ],
                                max_length=14,
                                verbose_name="thick hair grew back on its own",
                            ),
                        ),
                        (
                            "regrowth_within_8_years",
                            models.CharField(
                                blank=True,
                                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                                max_length=6,
                                verbose_name="hair grew back on its own within 8 years",
                            ),
                        ),
                        (
                            "aa_type",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("patchy", "patchy"),
                                    ("diffuse", "diffuse"),
                                    ("ophiasis", "ophiasis"),
                                    ("totalis", "totalis"),
                                    ("universalis", "universalis"),
                                    ("unsure", "not sure"),
                                ],
                                max_length=12,
                                verbose_name="type of alopecia areata",
                            ),
                        ),
                        (
                            "scalp_conditions",
                            models.JSONField(blank=True, null=True, verbose_name="other scalp conditions"),
                        ),
                        (
                            "scalp_conditions_unsure",
                            models.BooleanField(default=False, verbose_name="not sure about other scalp conditions"),
                        ),
                        (
                            "shaves_head",
                            models.CharField(
                                blank=True,
                                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                                max_length=6,
                                verbose_name="shaves the head",
                            ),
                        ),
                        ("loss_top", models.PositiveSmallIntegerField(verbose_name="hair loss, top of the scalp (%)")),
                        (
                            "loss_back",
                            models.PositiveSmallIntegerField(verbose_name="hair loss, back of the scalp (%)"),
                        ),
                        ("loss_left", models.PositiveSmallIntegerField(verbose_name="hair loss, left side (%)")),
                        ("loss_right", models.PositiveSmallIntegerField(verbose_name="hair loss, right side (%)")),
                        (
                            "salt",
                            models.DecimalField(
                                decimal_places=1, max_digits=4, verbose_name="self-reported estimated SALT"
                            ),
                        ),
                        (
                            "severity",
                            models.CharField(
                                choices=[
                                    ("0", "0 – no hair loss"),
                                    ("1", "1 – limited (SALT 1-20)"),
                                    ("2", "2 – moderate (SALT 21-49)"),
                                    ("3", "3 – severe (SALT 50-94)"),
                                    ("4", "4 – very severe (SALT 95-100)"),
                                ],
                                max_length=1,
                                verbose_name="severity band (AA-IGA)",
                            ),
                        ),
                        (
                            "eyebrow_loss",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                                max_length=6,
                                verbose_name="eyebrow hair loss",
                            ),
                        ),
                        (
                            "eyelash_loss",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                                max_length=6,
                                verbose_name="eyelash hair loss",
                            ),
                        ),
                        (
                            "body_hair_loss",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
                                max_length=6,
                                verbose_name="body hair loss",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "alopecia areata answers",
                        "verbose_name_plural": "alopecia areata answers",
                        "db_table": "recruitment_alopeciaanswers",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("loss_back__lte", 100),
                                    ("loss_left__lte", 100),
                                    ("loss_right__lte", 100),
                                    ("loss_top__lte", 100),
                                ),
                                name="alopecia_loss_is_a_percentage",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("salt__gte", 0), ("salt__lte", 100)), name="alopecia_salt_range"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("episode_months__lte", 1200)), name="alopecia_episode_plausible"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("regrowth_last_6_months__in", ["yes", "no", "unsure", ""])),
                                name="alopecia_regrowth_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    (
                                        "spontaneous_regrowth__in",
                                        ["in_6_months", "6_to_12_months", "not_in_12", "unsure", ""],
                                    )
                                ),
                                name="alopecia_spontaneous_regrowth_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    (
                                        "aa_type__in",
                                        ["patchy", "diffuse", "ophiasis", "totalis", "universalis", "unsure", ""],
                                    )
                                ),
                                name="alopecia_type_valid",
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            _content_type_to("alopecia_areata", source="recruitment"),
            _content_type_to("recruitment", source="alopecia_areata"),
        ),
    ]
