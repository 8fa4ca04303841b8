from apps.regions.models import Region, RegionLevel


def region_children(parent_code: str | None):
    if not parent_code:
        return Region.objects.filter(level=RegionLevel.PROVINCE)
    return Region.objects.filter(parent_id=parent_code)
