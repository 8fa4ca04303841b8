from apps.complaints import services

TEXT = "Berkas rekomendasi paspor saya dikembalikan tanpa alasan."


def file_complaint(office, **overrides):
    """A complaint about `office`, filed as the public files one; returns (complaint, code)."""
    fields = {"service": "passport_recommendation", "text": TEXT, "phone": "081234567890", **overrides}
    return services.complaint_file(office=office, **fields)
