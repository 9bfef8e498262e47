"""The vitiligo answers, taken over from the recruitment app with their table and every
row in it (its name kept in Meta.db_table): the state moves here, the database is not touched;
the content type follows, so that permissions granted on the answers still hold."""

import django.db.models.deletion
from django.db import migrations, models


def _content_type_to(app_label, *, source):
    def move(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects
        if not content_types.filter(app_label=app_label, model="vitiligoanswers").exists():
            content_types.filter(model="vitiligoanswers").filter(app_label=source).update(app_label=app_label)

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
                    name="VitiligoAnswers",
                    fields=[
                        (
                            "application",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="vitiligo",
                                serialize=False,
                                to="recruitment.application",
                            ),
                        ),
                        (
                            "vitiligo_type",
                            models.CharField(
                                choices=[
                                    ("non_segmental", "non-segmental"),
                                    ("segmental", "segmental"),
                                    ("mixed", "mixed"),
                                    ("unsure", "not sure"),
                                ],
                                max_length=15,
                                verbose_name="type of vitiligo",
                            ),
                        ),
                        ("started_on", models.DateField(verbose_name="first patches appeared (month)")),
                        ("duration_months", models.PositiveSmallIntegerField(verbose_name="vitiligo for (months)")),
                        (
                            "activity",
                            models.CharField(
                                choices=[("spreading", "spreading"), ("stable", "stable"), ("unsure", "not sure")],
                                max_length=10,
                                verbose_name="in the last 6 months",
                            ),
                        ),
                        (
                            "regions",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="hand units and whiteness per region"
                            ),
                        ),
                        (
                            "facial_bsa",
                            models.DecimalField(
                                decimal_places=2, max_digits=5, verbose_name="self-estimated facial BSA (%)"
                            ),
                        ),
                        (
                            "nonfacial_bsa",
                            models.DecimalField(
                                decimal_places=2, max_digits=5, verbose_name="self-estimated BSA outside the face (%)"
                            ),
                        ),
                        (
                            "total_bsa",
                            models.DecimalField(
                                decimal_places=2, max_digits=5, verbose_name="self-estimated total BSA (%)"
                            ),
                        ),
                        (
                            "bsa_without_palms_soles_feet_tops",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=5,
                                verbose_name="self-estimated BSA without palms, soles and tops of the feet (%)",
                            ),
                        ),
                        (
                            "f_vasi",
                            models.DecimalField(decimal_places=2, max_digits=5, verbose_name="self-estimated F-VASI"),
                        ),
                        (
                            "t_vasi",
                            models.DecimalField(decimal_places=2, max_digits=5, verbose_name="self-estimated T-VASI"),
                        ),
                    ],
                    options={
                        "verbose_name": "vitiligo answers",
                        "verbose_name_plural": "vitiligo answers",
                        "db_table": "recruitment_vitiligoanswers",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("vitiligo_type__in", ["non_segmental", "segmental", "mixed", "unsure"])
                                ),
                                name="vitiligo_type_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("activity__in", ["spreading", "stable", "unsure"])),
                                name="vitiligo_activity_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("duration_months__lte", 1200)), name="vitiligo_duration_plausible"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("f_vasi__gte", 0),
                                    ("f_vasi__lte", 3),
                                    ("facial_bsa__gte", 0),
                                    ("facial_bsa__lte", 3),
                                    ("t_vasi__gte", 0),
                                    ("t_vasi__lte", 100),
                                    ("total_bsa__gte", 0),
                                    ("total_bsa__lte", 100),
                                ),
                                name="vitiligo_scores_in_range",
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            _content_type_to("vitiligo", source="recruitment"), _content_type_to("recruitment", source="vitiligo")
        ),
    ]
