from django.db.models import Count

from apps.accounts.models import AccountType, User
from apps.offices.models import LabourOffice


def office_overview(office: LabourOffice) -> dict:
    staff = office.staff.select_related("user").order_by("position", "user__full_name")
    return {"office": office, "staff": staff}


def central_admin_overview() -> dict:
    counts = dict(User.objects.values_list("account_type").annotate(n=Count("id")))
    return {
        "account_counts": [(label, counts.get(value, 0)) for value, label in AccountType.choices],
        "office_count": LabourOffice.objects.count(),
        "offices_with_staff": LabourOffice.objects.filter(staff__isnull=False).distinct().count(),
    }
