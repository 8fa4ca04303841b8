"""Local stand-ins for outside registries: the civil registry (Dukcapil) that registration is checked against,
and the WLKP company register (Wajib Lapor Ketenagakerjaan) that fills a company's data at sign-up."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoRegistryPerson(models.Model):
    nik = models.CharField(_("NIK"), max_length=16, unique=True)
    full_name = models.CharField(_("Nama lengkap"), max_length=150)
    mother_maiden_name = models.CharField(_("Nama ibu kandung"), max_length=150)
    # The job-fair sign-up accepts the father's name instead of the mother's (seed 003, part C).
    father_name = models.CharField(_("Nama bapak kandung"), max_length=150, blank=True)
    birth_place = models.CharField(_("Tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("Tanggal lahir"))
    sex = models.CharField(_("Jenis kelamin"), max_length=1, choices=[("L", _("Laki-laki")), ("P", _("Perempuan"))])

    class Meta:
        verbose_name = _("penduduk (registri demo)")
        verbose_name_plural = _("penduduk (registri demo)")

    def __str__(self):
        return f"{self.nik} {self.full_name}"


class DemoWlkpCompany(models.Model):
    """A company as the WLKP register reports it. The region is a regency code ("32.76") so that this low
    layer needs no foreign key to the region tree."""

    wlkp_code = models.CharField(_("Kode WLKP"), max_length=30, unique=True)
    name = models.CharField(_("Nama perusahaan"), max_length=200)
    nib = models.CharField(_("NIB (OSS)"), max_length=13)
    address = models.CharField(_("Alamat"), max_length=300)
    regency_code = models.CharField(_("Kode kabupaten/kota"), max_length=5, blank=True)
    sector = models.CharField(_("Sektor usaha"), max_length=100, blank=True)
    phone = models.CharField(_("Telepon"), max_length=30, blank=True)

    class Meta:
        ordering = ["wlkp_code"]
        verbose_name = _("perusahaan WLKP (registri demo)")
        verbose_name_plural = _("perusahaan WLKP (registri demo)")

    def __str__(self):
        return f"{self.wlkp_code} {self.name}"
