"""Each condition's answers become a model of the condition's own app (issue 25): here they leave
this app's state. The tables stay as they are, with every row: the condition apps' first
migrations take them over under their existing names."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0023_account_notices"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="vitiligoanswers",
                    name="application",
                ),
                migrations.DeleteModel(
                    name="AlopeciaAnswers",
                ),
                migrations.DeleteModel(
                    name="VitiligoAnswers",
                ),
            ],
        ),
    ]
