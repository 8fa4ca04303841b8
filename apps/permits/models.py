"""Recruitment permits (SPR): issued by a labour office to a placement company, with regions and a quota."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.countries import country_name


class RecruitmentPermit(models.Model):
    """SPR: lets one company recruit for one destination country, some positions and regions, up to a quota."""

    agency = models.ForeignKey("agencies.PlacementAgency", on_delete=models.PROTECT, related_name="permits")
    number = models.CharField(_("Nomor SPR"), max_length=100, unique=True)
    country = models.CharField(_("Negara tujuan"), max_length=100)  # ISO 3166-1 alpha-2 ("TW")
    # Positions the SPR covers, one per line as written on the letter; matched without case.
    positions = models.TextField(_("Jabatan"))
    # Provinces or regencies/cities where the company may recruit under this SPR.
    regions = models.ManyToManyField("regions.Region", related_name="+", verbose_name=_("Wilayah perekrutan"))
    valid_from = models.DateField(_("Berlaku dari"))
    valid_until = models.DateField(_("Berlaku sampai"))
    quota = models.PositiveIntegerField(_("Kuota"))
    # Advanced only under a row lock by `permits.services.permit_consume`; never above `quota`.
    used = models.PositiveIntegerField(default=0)
    issued_by_office = models.ForeignKey(
        "offices.LabourOffice", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table keeps the name it had when SPRs lived in the agencies app (moved without copying rows).
        db_table = "agencies_recruitmentpermit"
        constraints = [
            models.CheckConstraint(condition=models.Q(used__lte=models.F("quota")), name="spr_used_within_quota")
        ]

    def __str__(self):
        return f"SPR {self.number} ({self.agency})"

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def remaining(self) -> int:
        return self.quota - self.used

    def position_list(self) -> list[str]:
        return [line.strip() for line in self.positions.splitlines() if line.strip()]
