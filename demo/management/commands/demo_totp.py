"""manage.py demo_totp USERNAME: print the current TOTP code of a demo user's demo device (demo only)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.logins import demo_totp_key


class Command(BaseCommand):
    help = "Print the current six-digit code of a demo user's demo TOTP device (created by seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        device = TOTPDevice.objects.filter(user__username=username, key=demo_totp_key(username), confirmed=True).first()
        if device is None:
            raise CommandError(_("%(user)s has no demo TOTP device.") % {"user": username})
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        self.stdout.write(f"{code:0{device.digits}d}")
