import json

from django.core.management.base import BaseCommand, CommandError

from certificates.credentials import check
from certificates.dataintegrity import public_key_from_multibase


class Command(BaseCommand):
    help = "Verify a certificate's Open Badges credential offline (signature, and revocation)."

    def add_arguments(self, parser):
        parser.add_argument("credential", help="the credential JSON file")
        parser.add_argument(
            "--key",
            help="the issuer's publicKeyMultibase (default: our key each proof names)",
        )
        parser.add_argument("--status-list", help="a saved revocation status list JSON file")

    def handle(self, *args, **options):
        try:
            with open(options["credential"], encoding="utf-8") as f:
                credential = json.load(f)
            status = None
            if options["status_list"]:
                with open(options["status_list"], encoding="utf-8") as f:
                    status = json.load(f)
            key = public_key_from_multibase(options["key"]) if options["key"] else None
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        result = check(credential, public_key=key, status_list=status)
        if not result["valid"]:
            raise CommandError("ПОДПИСЬ НЕВЕРНА: файл изменён или выпущен другим ключом")
        if result["revoked"]:
            raise CommandError("подпись верна, но удостоверение ОТОЗВАНО")
        note = "" if result["revoked"] is not None else " (статус не проверялся)"
        self.stdout.write(self.style.SUCCESS(f"подпись верна, удостоверение действительно{note}"))
