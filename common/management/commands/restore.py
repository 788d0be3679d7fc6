from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.backup import restore


class Command(BaseCommand):
    help = "Restore a backup folder into the configured (empty) database and upload folder, then verify it."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--force", action="store_true", help="replace a database or upload folder in use")

    def handle(self, *args, source: Path, force: bool, **options):
        try:
            problems = restore(source, force=force)
        except FileExistsError as error:
            raise CommandError(str(error)) from error
        if problems:
            raise CommandError("restored, but it differs from the backup:\n" + "\n".join(problems))
        self.stdout.write("restored; every table's row count and every file's hash match the backup")
