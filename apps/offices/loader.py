def office_name(region) -> str:
    if region.level == 1:
        return f"Dinas Tenaga Kerja dan Transmigrasi Provinsi {region.name}"
    return f"Dinas Tenaga Kerja {region.name}"


def create_offices(office_model, region_model) -> int:
    """One labour office per province and per regency/city that does not have one yet."""
    have = set(office_model.objects.values_list("region_id", flat=True))
    new = [
        office_model(region=region, level="province" if region.level == 1 else "regency", name=office_name(region))
        for region in region_model.objects.filter(level__in=[1, 2]).exclude(code__in=have)
    ]
    office_model.objects.bulk_create(new, batch_size=1000)
    return len(new)
