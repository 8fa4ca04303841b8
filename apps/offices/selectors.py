from apps.offices.models import LabourOffice


def office_for_region(region_code: str) -> LabourOffice | None:
    """The regency/city office for a region code at any level, or None."""
    regency_code = ".".join(region_code.split(".")[:2])
    return LabourOffice.objects.filter(region_id=regency_code).first()
