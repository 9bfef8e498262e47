import uuid

from django.db import migrations, models


def give_each_an_id(apps, schema_editor):
    Application = apps.get_model("recruitment", "Application")
    for pk in Application.objects.filter(public_id=None).values_list("pk", flat=True).iterator():
        Application.objects.filter(pk=pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    # Added empty, filled one by one (a column default would give every row the same id), then unique.
    dependencies = [("recruitment", "0033_contacts_listed_are_audited")]

    operations = [
        migrations.AddField(
            model_name="application", name="public_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(give_each_an_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="application",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
