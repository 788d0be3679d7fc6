"""python manage.py export_reports --year 2026 (--sector CODE | --all | --agency ID) --out DIR [--lang zh-hant|en]

Issues (or reuses the issued version of) each report and writes the PDFs to DIR with a SHA256SUMS file;
a terminal progress bar; exit status 1 if any report failed (the others are still written)."""

import traceback
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from infrastructure.models import Agency
from reports import subjects
from reports.services import report_generate, sector_report_for_export
from reports.services.batches import sector_subject_params

ISSUER = {"zh-hant": "數位發展部資通安全署", "en": "Administration for Cyber Security, Ministry of Digital Affairs"}


class Command(BaseCommand):
    help = "Export the annual compliance PDFs of one sector, every sector, or one agency (scorecard)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--sector", help="sector code (or 'public-agencies' for every government agency)")
        target.add_argument("--all", action="store_true", help="every sector")
        target.add_argument("--agency", type=int, help="agency id: its compliance scorecard")
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument("--lang", default="zh-hant", choices=["zh-hant", "en"])

    def handle(self, *args, **options):
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        jobs = self._jobs(options)
        failed, sums = [], []
        with tqdm(total=len(jobs), unit="report", disable=options["verbosity"] == 0, file=self.stderr._out) as bar:
            for label, run in jobs:
                bar.set_description(label)
                try:
                    report = run()
                    name = f"{report.number}-{report.subject_key.split(':', 1)[1]}.pdf"
                    with report.file.open("rb") as source:
                        (out / name).write_bytes(source.read())
                    sums.append(f"{report.sha256}  {name}")
                except Exception as exc:  # noqa: BLE001 — report it, go on with the others
                    failed.append(label)
                    self.stderr.write(f"{label}: {type(exc).__name__}: {exc}")
                    if options["verbosity"] > 1:
                        self.stderr.write(traceback.format_exc())
                bar.update(1)
        (out / "SHA256SUMS.txt").write_text("\n".join(sums) + ("\n" if sums else ""), encoding="utf-8")
        self.stdout.write(f"{len(sums)} written to {out}, {len(failed)} failed")
        if failed:
            raise CommandError(f"failed: {', '.join(failed)}", returncode=1)

    def _jobs(self, options) -> list:
        year, lang, now = options["year"], options["lang"], timezone.now()
        if options["agency"]:
            try:
                agency = Agency.objects.get(pk=options["agency"])
            except Agency.DoesNotExist:
                raise CommandError(f"no agency with id {options['agency']}") from None
            subject = {
                "kind": "scorecard",
                "subject_key": f"scorecard:{agency.pk}",
                "subject": agency.name,
                "year": year,
                "language": lang,
                "agency": agency,
                "params": {"agency": agency.pk, "year": year, "issuer": ISSUER[lang], "classification": "restricted"},
            }
            return [(agency.name, lambda: report_generate(acting_user=None, now=now, channel="cli", **subject))]
        found = subjects.sector_subjects()
        if options["sector"]:
            found = [s for s in found if s.key == options["sector"]]
            if not found:
                raise CommandError(f"no sector with the code {options['sector']}")
        return [
            (
                s.key,
                lambda s=s: sector_report_for_export(
                    subject=sector_subject_params(subject=s, year=year, language=lang, issuer=ISSUER[lang]),
                    acting_user=None,
                    now=now,
                    channel="cli",
                ),
            )
            for s in found
        ]
