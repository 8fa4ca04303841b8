"""The local stand-in for the civil registry (Dukcapil): demo persons that registration is checked against."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoRegistryPerson(models.Model):
    nik = models.CharField(_("NIK"), max_length=16, unique=True)
    full_name = models.CharField(_("Nama lengkap"), max_length=150)
    mother_maiden_name = models.CharField(_("Nama ibu kandung"), max_length=150)
    birth_place = models.CharField(_("Tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("Tanggal lahir"))
    sex = models.CharField(_("Jenis kelamin"), max_length=1, choices=[("L", _("Laki-laki")), ("P", _("Perempuan"))])

    class Meta:
        verbose_name = _("penduduk (registri demo)")
        verbose_name_plural = _("penduduk (registri demo)")

    def __str__(self):
        return f"{self.nik} {self.full_name}"
