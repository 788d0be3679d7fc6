from pathlib import Path

from django.core.management.base import BaseCommand

from common.backup import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new folder (with a manifest of counts and hashes)."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="a folder that does not exist yet")

    def handle(self, *args, output: Path, **options):
        manifest = backup(output)
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"{output}: {len(manifest['tables'])} tables, {rows:,} rows, {len(manifest['files']):,} files"
        )
