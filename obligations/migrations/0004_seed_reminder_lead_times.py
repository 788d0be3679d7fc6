from django.db import migrations

BEFORE = (30, 7, 1)  # issue 4: reminders 30, 7 and 1 days before the due date
AFTER = (1, 7, 30)  # escalation to the reviewer once overdue


def seed(apps, schema_editor):
    ReminderLeadTime = apps.get_model("obligations", "ReminderLeadTime")
    for days in BEFORE:
        ReminderLeadTime.objects.get_or_create(kind="before", days=days)
    for days in AFTER:
        ReminderLeadTime.objects.get_or_create(kind="after", days=days)


class Migration(migrations.Migration):
    dependencies = [("obligations", "0003_reminder_lead_times")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
