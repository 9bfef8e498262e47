from django.db import migrations, models


def inclusion_to_role(apps, schema_editor):
    Criterion = apps.get_model("trials", "Criterion")
    Criterion.objects.filter(inclusion=False).update(role="exclusion")


class Migration(migrations.Migration):
    dependencies = [
        ("trials", "0003_site_coordinators"),
    ]

    operations = [
        migrations.AddField(
            model_name="criterion",
            name="role",
            field=models.CharField(
                choices=[
                    ("inclusion", "Inclusion: the applicant must meet the condition"),
                    ("exclusion", "Exclusion: meeting the condition excludes"),
                    ("review", "Review: meeting the condition asks the site to check (unconfirmed rule)"),
                ],
                default="inclusion",
                max_length=10,
                verbose_name="role",
            ),
        ),
        migrations.RunPython(inclusion_to_role, migrations.RunPython.noop),
        migrations.RemoveField(model_name="criterion", name="inclusion"),
    ]
