"""Account life cycle: register (NIK + civil registry), OTP activation, login lock-out, settings.

Every function checks its inputs, writes the audit log in the same transaction, and raises ServiceError
with a translated message when it refuses.
"""

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.backends import find_user_by_identifier
from apps.accounts.identity import nik_check_structure, phone_normalise
from apps.accounts.models import AccountType, PhoneVerification, User
from apps.audit.services import audit_record
from apps.core.errors import ServiceError
from apps.core.locking import lock, refused_if_taken
from apps.messaging.services import sms_queue
from apps.regions.models import Region, RegionLevel
from apps.registry.adapters import Parent, RegistryVerdict, population_registry

DUKCAPIL_ADVICE = gettext_lazy(
    "NIK atau nama ibu kandung tidak ditemukan/tidak sesuai di data kependudukan (Dukcapil). "
    "Silakan hubungi Dukcapil setempat agar data Anda diperbarui ke Dukcapil Pusat."
)
DUKCAPIL_ADVICE_FATHER = gettext_lazy(
    "NIK atau nama bapak kandung tidak ditemukan/tidak sesuai di data kependudukan (Dukcapil). "
    "Silakan hubungi Dukcapil setempat agar data Anda diperbarui ke Dukcapil Pusat."
)

# The kinds of account anyone may open by themselves; staff, office and admin accounts are created by others.
PUBLIC_ACCOUNT_TYPES = (AccountType.JOB_SEEKER, AccountType.JOBFAIR_ORGANISER, AccountType.AGENCY_STAFF)


@dataclass
class RegistrationData:
    nik: str
    parent_name: str  # compared with the civil registry, never stored
    full_name: str
    birth_place: str
    birth_date: datetime.date
    sex: str
    marital_status: str
    address_village: Region
    address_street: str
    email: str
    phone: str
    password: str
    parent: str = Parent.MOTHER  # whose name `parent_name` is: the mother's or the father's (job-fair sign-up)


EMAIL_TAKEN = gettext_lazy("E-mail ini sudah dipakai akun lain.")
PHONE_TAKEN = gettext_lazy("Nomor HP ini sudah dipakai akun lain.")


def _password_check(password: str, user: User, field: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ServiceError("password_weak", " ".join(error.messages), field=field)


def account_register(*, data: RegistrationData, account_type: str = AccountType.JOB_SEEKER) -> User:
    """Create an account waiting for phone activation, and send the first OTP. The person is checked the same
    way whatever the account is for (job seeker, job-fair organiser, company): NIK structure, the civil registry
    with the mother's or father's name, then the OTP. Call inside a transaction to create more with it."""
    if account_type not in PUBLIC_ACCOUNT_TYPES:
        raise ValueError(f"{account_type!r} accounts are not opened by sign-up")
    if data.parent not in {choice.value for choice in Parent}:
        raise ServiceError("parent_invalid", _("Pilih nama ibu kandung atau bapak kandung."), field="parent")
    nik = nik_check_structure(data.nik, birth_date=data.birth_date, sex=data.sex)
    phone = phone_normalise(data.phone)
    email = User.objects.normalize_email(data.email).strip().lower()
    if data.address_village.level != RegionLevel.VILLAGE:
        raise ServiceError("address_incomplete", _("Pilih kelurahan/desa sesuai KTP."), field="address_village")
    if User.objects.filter(nik=nik).exists():
        raise ServiceError(
            "nik_taken",
            _('NIK ini sudah terdaftar. Silakan masuk, atau gunakan "Lupa kata sandi".'),
            field="nik",
        )
    if User.objects.filter(email__iexact=email).exists():
        raise ServiceError("email_taken", EMAIL_TAKEN, field="email")
    if User.objects.filter(phone=phone).exists():
        raise ServiceError("phone_taken", PHONE_TAKEN, field="phone")

    user = User(
        email=email,
        nik=nik,
        phone=phone,
        full_name=" ".join(data.full_name.split()),
        birth_place=data.birth_place.strip(),
        birth_date=data.birth_date,
        sex=data.sex,
        marital_status=data.marital_status,
        address_village=data.address_village,
        address_street=data.address_street.strip(),
        account_type=account_type,
    )
    _password_check(data.password, user, "password1")

    verdict = population_registry().check(nik=nik, parent_name=data.parent_name, parent=data.parent)
    if verdict == RegistryVerdict.UNAVAILABLE:
        raise ServiceError(
            "registry_unavailable",
            _("Layanan data kependudukan sedang tidak dapat dihubungi. Silakan coba beberapa saat lagi."),
        )
    if verdict != RegistryVerdict.MATCH:
        advice = DUKCAPIL_ADVICE_FATHER if data.parent == Parent.FATHER else DUKCAPIL_ADVICE
        raise ServiceError("registry_" + verdict.value, advice, field="nik")

    user.set_password(data.password)
    user.registry_verified_at = timezone.now()
    # Two sign-ups with the same NIK, e-mail or phone at the same moment: the database decides.
    with refused_if_taken("account_taken", _("NIK, e-mail atau nomor HP ini sudah terdaftar.")):
        user.save()
        audit_record(
            actor=user,
            action="account.register",
            target=user,
            data={"registry": verdict.value, "parent": str(data.parent), "account_type": account_type},
        )
    otp_send(user=user)
    return user


# --- OTP -------------------------------------------------------------------------------------------------


def _otp_hash(verification_user_id: int, phone: str, code: str) -> str:
    message = f"{verification_user_id}:{phone}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _rate_limit_ip(ip: str | None) -> None:
    if not ip:
        return
    key = f"otp-ip:{ip}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > settings.OTP_MAX_SENDS_PER_IP_PER_HOUR:
        raise ServiceError("otp_rate_ip", _("Terlalu banyak permintaan kode dari jaringan ini. Coba lagi nanti."))


def otp_send(*, user: User, ip: str | None = None) -> PhoneVerification:
    """Send a new 6-digit code to the user's phone: not within the cool-down, not too often per phone/IP."""
    from apps.core.request_context import current_client_ip

    ip = ip or current_client_ip()
    if user.is_activated:
        raise ServiceError("already_active", _("Akun ini sudah aktif."))
    now = timezone.now()
    with transaction.atomic():
        lock(User, pk=user.pk)  # one sender at a time per account
        last = PhoneVerification.objects.filter(user=user).first()
        cooldown = datetime.timedelta(seconds=settings.OTP_RESEND_COOLDOWN_SECONDS)
        if last and last.phone == user.phone and now - last.created_at < cooldown:
            wait = int((last.created_at + cooldown - now).total_seconds()) + 1
            raise ServiceError(
                "otp_cooldown", _("Tunggu %(seconds)s detik sebelum meminta kode baru.") % {"seconds": wait}
            )
        sent_last_hour = PhoneVerification.objects.filter(
            phone=user.phone, created_at__gte=now - datetime.timedelta(hours=1)
        ).count()
        if sent_last_hour >= settings.OTP_MAX_SENDS_PER_PHONE_PER_HOUR:
            raise ServiceError(
                "otp_rate_phone", _("Batas pengiriman kode ke nomor ini tercapai. Coba lagi dalam 1 jam.")
            )
        _rate_limit_ip(ip)
        code = f"{secrets.randbelow(10**6):06d}"
        verification = PhoneVerification.objects.create(
            user=user,
            phone=user.phone,
            code_hash=_otp_hash(user.pk, user.phone, code),
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=settings.OTP_VALID_MINUTES),
            ip_address=ip,
        )
        sms_queue(
            phone=user.phone,
            template="accounts/sms/otp.txt",
            context={"minutes": settings.OTP_VALID_MINUTES},
            secrets={"code": code},
            user=user,
        )
        audit_record(actor=user, action="account.otp_send", target=user, data={"phone": user.phone}, ip_address=ip)
    return verification


def otp_verify(*, user: User, code: str) -> User:
    """Activate the account when the code is right, in time, and the code is not locked."""
    code = (code or "").strip()
    failure = None
    with transaction.atomic():
        user = lock(User, pk=user.pk)
        if user.is_activated:
            return user
        verification = PhoneVerification.objects.filter(user=user, phone=user.phone, used_at=None).first()
        now = timezone.now()
        if verification is None:
            failure = ServiceError("otp_missing", _("Belum ada kode yang dikirim. Minta kode baru."), field="code")
        elif verification.failed_attempts >= settings.OTP_MAX_ATTEMPTS:
            failure = ServiceError(
                "otp_locked", _("Kode salah terlalu sering dan sudah dikunci. Minta kode baru."), field="code"
            )
        elif verification.expires_at <= now:
            failure = ServiceError("otp_expired", _("Kode sudah kedaluwarsa. Minta kode baru."), field="code")
        elif not hmac.compare_digest(verification.code_hash, _otp_hash(user.pk, user.phone, code)):
            verification.failed_attempts += 1
            verification.save(update_fields=["failed_attempts"])
            left = settings.OTP_MAX_ATTEMPTS - verification.failed_attempts
            audit_record(actor=user, action="account.otp_wrong", target=user, data={"left": left})
            if left:
                message = _("Kode salah. Sisa percobaan: %(left)s.") % {"left": left}
                failure = ServiceError("otp_wrong", message, field="code")
            else:
                message = _("Kode salah terlalu sering dan sudah dikunci. Minta kode baru.")
                failure = ServiceError("otp_locked", message, field="code")
        else:
            verification.used_at = now
            verification.save(update_fields=["used_at"])
            user.activated_at = now
            user.save(update_fields=["activated_at"])
            audit_record(actor=user, action="account.activate", target=user)
    # Raised after the transaction so the counted wrong attempt is kept.
    if failure:
        raise failure
    return user


def _change_unique_field(user: User, field: str, value: str, *, code: str, message) -> None:
    """Save a new e-mail or phone; one taken by someone else at the same moment is refused with `message`, and
    the in-memory user keeps its old value."""
    old = getattr(user, field)
    try:
        with refused_if_taken(code, message, field=field):
            setattr(user, field, value)
            user.save(update_fields=[field])
            audit_record(actor=user, action=f"account.change_{field}", target=user, data={"from": old, "to": value})
    except ServiceError:
        setattr(user, field, old)
        raise


def account_change_phone(*, user: User, phone: str) -> User:
    """Before activation only: replace a mistyped number and send a code to the new one."""
    if user.is_activated:
        raise ServiceError("already_active", _("Nomor HP akun aktif diubah melalui pengaturan."), field="phone")
    new_phone = phone_normalise(phone)
    if new_phone == user.phone:
        raise ServiceError("phone_same", _("Nomor HP ini sama dengan yang terdaftar."), field="phone")
    if User.objects.filter(phone=new_phone).exclude(pk=user.pk).exists():
        raise ServiceError("phone_taken", PHONE_TAKEN, field="phone")
    _change_unique_field(user, "phone", new_phone, code="phone_taken", message=PHONE_TAKEN)
    otp_send(user=user)
    return user


# --- Login -----------------------------------------------------------------------------------------------


def login_check(*, identifier: str, password: str, request=None) -> User:
    """Return the user for these credentials or raise; repeated failures lock the account for a while."""
    from django.contrib.auth import authenticate

    ip = getattr(request, "client_ip", None)
    ip_key = f"login-ip:{ip}"
    if ip and (cache.get(ip_key) or 0) >= settings.LOGIN_MAX_FAILURES * 4:
        raise ServiceError("login_rate_ip", _("Terlalu banyak percobaan masuk dari jaringan ini. Coba lagi nanti."))
    user = find_user_by_identifier(identifier)
    now = timezone.now()
    if user is not None and user.locked_until and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        raise ServiceError(
            "login_locked",
            _("Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi dalam %(minutes)s menit.")
            % {"minutes": minutes},
        )
    authenticated = authenticate(request, username=identifier, password=password)
    if authenticated is None:
        if ip:
            cache.add(ip_key, 0, timeout=settings.LOGIN_LOCKOUT_MINUTES * 60)
            cache.incr(ip_key)
        if user is not None:
            with transaction.atomic():
                locked = lock(User, pk=user.pk)
                locked.failed_login_count += 1
                fields = ["failed_login_count"]
                if locked.failed_login_count >= settings.LOGIN_MAX_FAILURES:
                    locked.locked_until = now + datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
                    locked.failed_login_count = 0
                    fields.append("locked_until")
                    audit_record(actor=None, action="account.lock", target=locked, reason="login failures")
                locked.save(update_fields=fields)
        raise ServiceError("login_failed", _("E-mail/NIK atau kata sandi salah."))
    if authenticated.failed_login_count or authenticated.locked_until:
        authenticated.failed_login_count = 0
        authenticated.locked_until = None
        authenticated.save(update_fields=["failed_login_count", "locked_until"])
    return authenticated


def login_record(*, user: User) -> None:
    audit_record(actor=user, action="account.login", target=user)


# --- Settings --------------------------------------------------------------------------------------------


def account_change_email(*, user: User, new_email: str, password: str) -> User:
    if not user.check_password(password):
        raise ServiceError("password_wrong", _("Kata sandi salah."), field="password")
    email = User.objects.normalize_email(new_email).strip().lower()
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ServiceError("email_taken", EMAIL_TAKEN, field="email")
    _change_unique_field(user, "email", email, code="email_taken", message=EMAIL_TAKEN)
    return user


def account_change_password(*, user: User, old_password: str, new_password: str) -> User:
    if not user.check_password(old_password):
        raise ServiceError("password_wrong", _("Kata sandi lama salah."), field="old_password")
    _password_check(new_password, user, "new_password1")
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit_record(actor=user, action="account.change_password", target=user)
    return user


def account_reset_password(*, user: User, new_password: str) -> User:
    """Completion of a reset link from the e-mail outbox; the link itself proved control of the address."""
    _password_check(new_password, user, "new_password1")
    with transaction.atomic():
        user.set_password(new_password)
        user.failed_login_count = 0
        user.locked_until = None
        user.save(update_fields=["password", "failed_login_count", "locked_until"])
        audit_record(actor=user, action="account.reset_password", target=user)
    return user
