# The late-submission exception is called what it is in code, a grant; the table is renamed.
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("measurement", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="LateSubmissionException", new_name="LateSubmissionGrant"),
        migrations.AlterField(
            model_name="latesubmissiongrant",
            name="period",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="late_grants",
                to="measurement.reportingperiod",
            ),
        ),
    ]
