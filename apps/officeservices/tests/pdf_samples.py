"""Signed snapshots of each official document, as documents.services.document_issue builds them, with names
that Helvetica could not print."""

import copy

NUMBERS = {
    "passport_rec": "562/0123/PTK/XI/2026",
    "id_cpmi": "ID-3276-2026-000045",
    "selection_minutes": "560/0077/BA-SEL/XI/2026",
    "handover_minutes": "560/0078/BA-ST/XI/2026",
    "kitki": "KITKI/3276/2026/000045",
}

OFFICE = {
    "id": 7,
    "name": "Dinas Tenaga Kerja Kota Depok",
    "government": "PEMERINTAH KOTA DEPOK",
    "address": "Jl. Margonda Raya No. 54, Pancoran Mas, Kota Depok, Jawa Barat 16431",
    "phone": "(021) 7773-0001",
    "email": "disnaker@depok.go.id",
    "website": "https://disnaker.depok.go.id",
    "region_name": "Kota Depok",
}

SIGNER = {
    "id": 3,
    "name": "Hady Ismanto, S.Sos., M.AP",
    "position": "Kepala Bidang Penempatan Tenaga Kerja",
    "nip": "197607171995111001",
    "rank": "Pembina Tk. I / IV b",
    "authority": "a.n. Kepala Dinas, Kepala Bidang PTK",
}

CANDIDATE = {
    "id": 45,
    "name": "Ñoman Ketut Sutrisna",
    "nik": "3276011403950001",
    "sex": "L",
    "birth_place": "Gianyar",
    "birth_date": "1995-03-14",
    "address": "Jl. Mawar No. 1 RT 02/RW 05, Beji, Beji, Kota Depok, Jawa Barat",
    "marital_status": "Kawin",
    "education": "SMA/SMK",
    "registration_number": "CPMI-3276-2026-00045",
    "photo": "",
}

SECOND_CANDIDATE = {
    "id": 46,
    "name": "Siti Nur'aini",
    "nik": "3276015507980002",
    "sex": "P",
    "birth_place": "Depok",
    "birth_date": "1998-07-15",
    "address": "Jl. Kenanga 7, Kemiri Muka, Beji, Kota Depok, Jawa Barat",
    "marital_status": "Belum kawin",
    "education": "D3",
    "registration_number": "CPMI-3276-2026-00046",
    "photo": "",
}

AGENCY = {
    "id": 12,
    "name": "PT Maju Bersama Sejahtera",
    "address": "Jl. Raya Bogor Km 30, Cimanggis, Kota Depok, Jawa Barat",
    "sip2mi_number": "B.123/PPTKIS/2024",
    "phone": "(021) 555-1234",
}

PERMIT = {"number": "SPR/2026/TW/00311", "valid_from": "2026-06-01", "valid_until": "2027-05-31", "country": "Taiwan"}
EMPLOYER = {"name": "Formosa Precision Co., Ltd.", "address": "No. 18, Gongye Rd., Taoyuan City, Taiwan"}
OFFICER = {"name": "Bambang Prasetyo", "nik": "3276010101800003", "assignment_letter": "ST/045/MBS/XI/2026"}


def _common(kind: str) -> dict:
    return {
        "format": 1,
        "type": kind,
        "number": NUMBERS[kind],
        "date": "2026-11-30",
        "verification_code": "Vx7kQ2mN9pLr",
        "office": copy.deepcopy(OFFICE),
        "signer": copy.deepcopy(SIGNER),
    }


def snapshot(kind: str, **body_overrides) -> dict:
    """A sample snapshot of `kind` ("passport_rec", "id_cpmi", "selection_minutes", "handover_minutes", "kitki")."""
    placement = {
        "destination_country": "Taiwan",
        "position": "Operator Produksi",
        "employer": copy.deepcopy(EMPLOYER),
        "agency": copy.deepcopy(AGENCY),
        "permit": copy.deepcopy(PERMIT),
    }
    bodies = {
        "passport_rec": {
            **placement,
            "immigration_office": "Kantor Imigrasi Kelas I Non TPI Depok",
            "immigration_city": "Depok",
            "candidate": copy.deepcopy(CANDIDATE),
            "application_letter": {"number": "045/MBS/XI/2026", "date": "2026-11-27"},
            "selection_minutes_number": NUMBERS["selection_minutes"],
            "valid_until": "2027-02-28",
        },
        "id_cpmi": {
            **placement,
            "candidate": copy.deepcopy(CANDIDATE),
            "recruiting_officer": copy.deepcopy(OFFICER),
            "placement_agreement": {"number": "PP/3276/2026/00045", "date": "2026-11-25"},
        },
        "selection_minutes": {
            **placement,
            "selection_date": "2026-11-30",
            "recruiting_officer": copy.deepcopy(OFFICER),
            "interview": {
                "date": "2026-11-30",
                "time": "09:30",
                "interviewer": "Rina Marlina",
                "outcome": "Memenuhi syarat",
            },
            "candidates": [copy.deepcopy(CANDIDATE), copy.deepcopy(SECOND_CANDIDATE)],
        },
        "handover_minutes": {
            **placement,
            "recipient": {**copy.deepcopy(OFFICER), "position": "Petugas Rekrut"},
            "candidates": [copy.deepcopy(CANDIDATE), copy.deepcopy(SECOND_CANDIDATE)],
            "documents": [
                f"Rekomendasi Paspor Nomor {NUMBERS['passport_rec']}",
                f"ID CPMI Nomor {NUMBERS['id_cpmi']}",
                f"Kartu Identitas Tenaga Kerja Indonesia Nomor {NUMBERS['kitki']}",
                "Perjanjian Penempatan yang telah disahkan",
            ],
        },
        "kitki": {
            **placement,
            "candidate": copy.deepcopy(CANDIDATE),
            "id_cpmi_number": NUMBERS["id_cpmi"],
            "valid_until": "2028-11-30",
        },
    }
    return {**_common(kind), "body": {**bodies[kind], **body_overrides}}


VERIFICATION_URL = "https://sipmi.example.go.id/verifikasi/dokumen/Vx7kQ2mN9pLr/"
