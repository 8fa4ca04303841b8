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
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts import limits
from apps.accounts.backends import find_user_by_identifier
from apps.accounts.identity import age_check, nik_check_structure, phone_normalise
from apps.accounts.models import AccountType, PhoneVerification, User
from apps.audit.services import audit_record
from apps.core import ratelimit
from apps.core.errors import ServiceError
from apps.core.locking import lock, refused_if_taken
from apps.core.request_context import current_client_ip
from apps.messaging.services import email_sealed_queue, email_template_queue, sms_cap_charges, sms_queue
from apps.regions.models import Region, RegionLevel
from apps.registry.adapters import Parent, RegistryIdentity, RegistryVerdict, population_registry

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


NIK_LOCKED = gettext_lazy(
    "NIK ini dikunci sementara karena terlalu banyak pencocokan data yang tidak sesuai. Coba lagi nanti, atau "
    "datang ke Dinas Tenaga Kerja dengan e-KTP Anda agar petugas membukanya."
)


def _masked(nik: str) -> str:
    """A NIK as audit entries keep it: the region code and the serial, not the birth date."""
    return f"{nik[:6]}******{nik[-4:]}"


def nik_is_locked(nik: str) -> bool:
    return ratelimit.paused(limits.NIK_LOCK, nik) > 0


def _nik_lock_lift(nik: str) -> None:
    ratelimit.forget_many((limits.NIK_LOCK, nik), (limits.NIK_MISMATCHES, nik))


def registry_identify(*, nik: str, parent: str, parent_name: str, ip: str | None = None) -> RegistryIdentity:
    """The first step of every sign-up: check the NIK's structure, then ask the civil registry whether the
    parent's name matches, and return the registry's identity of the person (to confirm, never to type).

    The registry is an oracle for NIK + parent's name, so it is asked only within limits, counted in the cache:
    per source address, per NIK and for everyone together; after a few mismatches the NIK is locked for a while
    (its owner unlocks it by logging in or resetting the password, an officer after seeing the e-KTP)."""
    if parent not in {choice.value for choice in Parent}:
        raise ServiceError("parent_invalid", _("Pilih nama ibu kandung atau bapak kandung."), field="parent")
    nik = nik_check_structure(nik, birth_date=None, sex=None, min_age=settings.SIGNUP_MIN_AGE_YEARS)
    ip = ip or current_client_ip() or "-"
    if nik_is_locked(nik):
        raise ServiceError("nik_locked", NIK_LOCKED, field="nik")
    ratelimit.take((limits.REGISTRY_PER_ADDRESS, ip), (limits.REGISTRY_PER_NIK, nik), (limits.REGISTRY_ALL,))
    answer = population_registry().identify(nik=nik, parent_name=parent_name, parent=parent)
    if answer.verdict == RegistryVerdict.UNAVAILABLE:
        raise ServiceError(
            "registry_unavailable",
            _("Layanan data kependudukan sedang tidak dapat dihubungi. Silakan coba beberapa saat lagi."),
        )
    if answer.verdict != RegistryVerdict.MATCH:
        if ratelimit.hit(limits.NIK_MISMATCHES, nik):
            ratelimit.pause_set(limits.NIK_LOCK, nik)
            ratelimit.forget(limits.NIK_MISMATCHES, nik)
            audit_record(
                actor=None,
                action="registry.nik_lock",
                object_type="nik",
                object_id=_masked(nik),
                reason="registry mismatches",
                data={"minutes": settings.REGISTRY_NIK_LOCK_MINUTES},
                ip_address=None if ip == "-" else ip,
            )
            # The NIK's account holder, if there is one, hears of it (the page answers the same either way).
            holder = User.objects.filter(nik=nik).first()
            if holder is not None:
                account_notice(holder=holder, what="nik_lock", sms_to=holder.phone, email_to=holder.email)
        advice = DUKCAPIL_ADVICE_FATHER if parent == Parent.FATHER else DUKCAPIL_ADVICE
        raise ServiceError("registry_" + answer.verdict.value, advice, field="nik")
    ratelimit.forget(limits.NIK_MISMATCHES, nik)
    identity = answer.identity
    age_check(identity.birth_date, settings.SIGNUP_MIN_AGE_YEARS)
    return identity


def nik_unlock(*, actor: User, nik: str, reason: str) -> None:
    """An officer of a labour office lifts a NIK's lock after seeing its owner's e-KTP in person."""
    from apps.access.office_staff import OFFICE_STAFF_POLICY
    from apps.offices.selectors import staff_assignment_of

    OFFICE_STAFF_POLICY.require(staff_assignment_of(actor), actor, "unlock_nik")
    digits = "".join(ch for ch in (nik or "") if ch.isdigit())
    if len(digits) != 16:
        raise ServiceError("nik_format", _("NIK harus terdiri dari 16 digit angka."), field="nik")
    if not (reason or "").strip():
        raise ServiceError(
            "reason_missing", _("Tuliskan dasar pembukaan kunci (mis. e-KTP diperiksa)."), field="reason"
        )
    if not nik_is_locked(digits):
        raise ServiceError("nik_not_locked", _("NIK ini tidak sedang dikunci."), field="nik")
    _nik_lock_lift(digits)
    audit_record(actor=actor, action="registry.nik_unlock", object_type="nik", object_id=_masked(digits), reason=reason)


def _nik_unlock_by_owner(user: User) -> None:
    """The NIK's owner proved who they are (password or reset link): their NIK's lock goes."""
    if user.nik and nik_is_locked(user.nik):
        _nik_lock_lift(user.nik)
        audit_record(actor=user, action="registry.nik_unlock", target=user, reason="owner signed in")


@dataclass
class RegistrationData:
    identity: RegistryIdentity  # the civil registry's answer (registry_identify), confirmed by the person
    marital_status: str
    address_village: Region
    address_street: str
    email: str
    phone: str
    password: str


EMAIL_TAKEN = gettext_lazy("E-mail ini sudah dipakai akun lain.")
PHONE_TAKEN = gettext_lazy("Nomor HP ini sudah dipakai akun lain.")


class AccountExists(Exception):
    """A sign-up with a NIK, e-mail or phone that already has an account. Nothing is created; the caller tells
    the holders (`signup_taken_notify`) and shows the visitor the same "enter the code" page as a real sign-up,
    so the answer does not tell whether an account exists."""

    def __init__(self, *, phone: str, email: str, holders: dict):
        super().__init__("account exists")
        self.phone, self.email, self.holders = phone, email, holders


def _password_check(password: str, user: User, field: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ServiceError("password_weak", " ".join(error.messages), field=field)


def account_register(*, data: RegistrationData, account_type: str = AccountType.JOB_SEEKER) -> User:
    """Create an account waiting for phone activation, and send the first OTP. The person was identified by the
    civil registry (`registry_identify`) the same way whatever the account is for (job seeker, job-fair
    organiser, company); name, birth place and date and sex are the registry's. Raises AccountExists when the
    NIK, e-mail or phone already has an account. Call inside a transaction to create more with it."""
    if account_type not in PUBLIC_ACCOUNT_TYPES:
        raise ValueError(f"{account_type!r} accounts are not opened by sign-up")
    identity = data.identity
    age_check(identity.birth_date, settings.SIGNUP_MIN_AGE_YEARS)
    phone = phone_normalise(data.phone)
    email = User.objects.normalize_email(data.email).strip().lower()
    if data.address_village.level != RegionLevel.VILLAGE:
        raise ServiceError("address_incomplete", _("Pilih kelurahan/desa sesuai KTP."), field="address_village")
    user = User(
        email=email,
        nik=identity.nik,
        phone=phone,
        full_name=identity.full_name,
        birth_place=identity.birth_place,
        birth_date=identity.birth_date,
        sex=identity.sex,
        marital_status=data.marital_status,
        address_village=data.address_village,
        address_street=data.address_street.strip(),
        account_type=account_type,
    )
    _password_check(data.password, user, "password1")
    # Hashed before the existence check, so both answers take the same time.
    user.set_password(data.password)
    holders = {
        "nik": User.objects.filter(nik=identity.nik).first(),
        "email": User.objects.filter(email__iexact=email).first(),
        "phone": User.objects.filter(phone=phone).first(),
    }
    if any(holders.values()):
        raise AccountExists(phone=phone, email=email, holders=holders)

    user.registry_verified_at = timezone.now()
    # A first code the limits refuse creates nothing (the sign-up is refused as `signup_decoy_start` refuses it).
    with transaction.atomic():
        # Two sign-ups with the same NIK, e-mail or phone at the same moment: the database decides.
        with refused_if_taken("account_taken", _("NIK, e-mail atau nomor HP ini sudah terdaftar.")):
            user.save()
            audit_record(
                actor=user,
                action="account.register",
                target=user,
                data={"registry": RegistryVerdict.MATCH.value, "account_type": account_type},
            )
        otp_send(user=user)
    return user


def _notice_allowed(recipient: str) -> bool:
    return ratelimit.allowed((limits.NOTICES_PER_RECIPIENT, recipient.strip().lower()))


def account_notice(*, holder: User, what: str, sms_to: str | None = None, email_to: str | None = None) -> None:
    """Tell an account's holder that someone tried to use their NIK, e-mail or phone for another account (sign-up,
    phone or e-mail change), or that their NIK was locked after wrong parents' names. `what` is "nik", "email",
    "phone" or "nik_lock". Written in the holder's language; at most a few an hour to one phone or address."""
    context = {"what": what, "name": holder.get_short_name()}
    if sms_to and _notice_allowed(sms_to):
        sms_queue(phone=sms_to, template="accounts/sms/taken_notice.txt", context=context, user=holder, capped=False)
    if email_to and _notice_allowed(email_to):
        email_template_queue(
            to=email_to,
            subject_template="accounts/email/taken_notice_subject.txt",
            template="accounts/email/taken_notice.txt",
            context=context,
            user=holder,
        )
    audit_record(actor=None, action="account.taken_notice", target=holder, data={"what": what})


def signup_taken_notify(exists: AccountExists) -> None:
    """After AccountExists: the holders learn someone tried to sign up with their NIK, e-mail or phone."""
    holders = exists.holders
    with transaction.atomic():
        if holders["nik"] is not None:
            account_notice(
                holder=holders["nik"], what="nik", sms_to=holders["nik"].phone, email_to=holders["nik"].email
            )
        if holders["email"] is not None and holders["email"] != holders["nik"]:
            account_notice(holder=holders["email"], what="email", email_to=exists.email)
        if holders["phone"] is not None and holders["phone"] not in (holders["nik"], holders["email"]):
            account_notice(holder=holders["phone"], what="phone", sms_to=exists.phone)


# --- OTP -------------------------------------------------------------------------------------------------


def _otp_hash(verification_user_id: int, phone: str, code: str) -> str:
    message = f"{verification_user_id}:{phone}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _code_send_allow(*, sender, phone: str, ip: str | None) -> None:
    """Every limit on sending a code, in one place, for an account and for a sign-up that created nothing alike
    (`sender`: the account's id, or the decoy's random one): one code per cool-down per sender, whether resent or
    sent to a new number; so many per phone number and per source address an hour; and the SMS caps per sender,
    number and address, counted whether or not an SMS with a code goes out. Refused: nothing is counted and the
    cool-down does not start."""
    wait = ratelimit.pause_start(limits.OTP_COOLDOWN, sender)
    if wait:
        raise ServiceError("otp_cooldown", _("Tunggu %(seconds)s detik sebelum meminta kode baru.") % {"seconds": wait})
    try:
        ratelimit.take(
            (limits.OTP_PER_PHONE, phone),
            (limits.OTP_PER_ADDRESS, ip),
            *sms_cap_charges(account=sender, phone=phone, ip=ip),
        )
    except ServiceError:
        ratelimit.forget(limits.OTP_COOLDOWN, sender)
        raise


def pending_phone(user: User, *, unexpired: bool = False) -> str:
    """The number the user's next code goes to: a new number waiting for its code, else the account's."""
    waiting = PhoneVerification.objects.filter(user=user, used_at=None)
    if unexpired:
        waiting = waiting.filter(expires_at__gt=timezone.now())
    waiting = waiting.first()
    return waiting.phone if waiting else user.phone


def _code_send(*, user: User, phone: str, ip: str | None) -> PhoneVerification:
    """Record and send a 6-digit code for `phone`, within the limits of `_code_send_allow`.

    When `phone` belongs to another account, no code is sent: its holder is told instead, and the verification
    holds the hash of a code nobody knows, so the asker meets exactly what a wrong code meets."""
    now = timezone.now()
    with transaction.atomic():
        lock(User, pk=user.pk)  # one sender at a time per account
        _code_send_allow(sender=user.pk, phone=phone, ip=ip)
        code = f"{secrets.randbelow(10**6):06d}"
        holder = User.objects.filter(phone=phone).exclude(pk=user.pk).first()
        verification = PhoneVerification.objects.create(
            user=user,
            phone=phone,
            code_hash=_otp_hash(user.pk, phone, code if holder is None else secrets.token_hex(16)),
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=settings.OTP_VALID_MINUTES),
            ip_address=ip,
        )
        if holder is None:
            sms_queue(
                phone=phone,
                template="accounts/sms/otp.txt",
                context={"minutes": settings.OTP_VALID_MINUTES},
                secrets={"code": code},
                user=user,
                capped=False,  # counted against the caps above, code or not
            )
        else:
            account_notice(holder=holder, what="phone", sms_to=phone)
        audit_record(actor=user, action="account.otp_send", target=user, data={"phone": phone}, ip_address=ip)
    return verification


def otp_send(*, user: User, ip: str | None = None) -> PhoneVerification:
    """Send a new code to the number waiting for activation (the account's, or the new one typed on the
    activation page)."""
    if user.is_activated:
        raise ServiceError("already_active", _("Akun ini sudah aktif."))
    return _code_send(user=user, phone=pending_phone(user), ip=ip or current_client_ip())


def otp_verify(*, user: User, code: str) -> User:
    """Check the code of the newest verification: before activation it activates the account; when it was sent
    to a new number (activation page or settings), the account takes that number now."""
    code = (code or "").strip()
    failure = None
    with transaction.atomic():
        user = lock(User, pk=user.pk)
        verification = PhoneVerification.objects.filter(user=user, used_at=None).first()
        if user.is_activated and (verification is None or verification.phone == user.phone):
            return user
        now = timezone.now()
        if verification is None:
            failure = ServiceError("otp_missing", _("Belum ada kode yang dikirim. Minta kode baru."), field="code")
        elif verification.failed_attempts >= settings.OTP_MAX_ATTEMPTS:
            failure = ServiceError(
                "otp_locked", _("Kode salah terlalu sering dan sudah dikunci. Minta kode baru."), field="code"
            )
        elif verification.expires_at <= now:
            failure = ServiceError("otp_expired", _("Kode sudah kedaluwarsa. Minta kode baru."), field="code")
        elif not hmac.compare_digest(verification.code_hash, _otp_hash(user.pk, verification.phone, code)):
            verification.failed_attempts += 1
            verification.save(update_fields=["failed_attempts"])
            left = settings.OTP_MAX_ATTEMPTS - verification.failed_attempts
            audit_record(actor=user, action="account.otp_wrong", target=user, data={"left": left})
            failure = otp_wrong_error(left)
        else:
            verification.used_at = now
            verification.save(update_fields=["used_at"])
            PhoneVerification.objects.filter(user=user, used_at=None).update(used_at=now)
            if verification.phone != user.phone:
                _change_unique_field(user, "phone", verification.phone, code="phone_taken", message=PHONE_TAKEN)
            if not user.is_activated:
                user.activated_at = now
                user.save(update_fields=["activated_at"])
                audit_record(actor=user, action="account.activate", target=user)
    # Raised after the transaction so the counted wrong attempt is kept.
    if failure:
        raise failure
    return user


def otp_wrong_error(left: int) -> ServiceError:
    """The refusal of a wrong code, `left` tries remaining: the same words wherever a code is typed."""
    if left > 0:
        return ServiceError("otp_wrong", _("Kode salah. Sisa percobaan: %(left)s.") % {"left": left}, field="code")
    message = _("Kode salah terlalu sering dan sudah dikunci. Minta kode baru.")
    return ServiceError("otp_locked", message, field="code")


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


def account_change_phone(*, user: User, phone: str) -> PhoneVerification:
    """Send a code to a new number (on the activation page before activation, on the settings page after it).
    The account takes the number only when the code is verified (`otp_verify`). A number that belongs to another
    account is answered the same way; its holder is told instead of being sent a code."""
    new_phone = phone_normalise(phone)
    if new_phone == user.phone:
        raise ServiceError("phone_same", _("Nomor HP ini sama dengan yang terdaftar."), field="phone")
    return _code_send(user=user, phone=new_phone, ip=current_client_ip())


# --- The activation page of a sign-up that created nothing (its NIK, e-mail or phone has an account) ---------------
# The visitor's state lives in their session as a dict: `sender` (random, stands for the account in the limits),
# `registered` and `phone` (the number typed at sign-up, and the one the last "code" went to), `attempts`, `sent`.
# Every answer is the one a real account's page gives: the same limits (`_code_send_allow`), the same refusals.


def signup_decoy_start(exists: AccountExists) -> dict:
    """After AccountExists: the first "code", within the limits a real sign-up's first code meets (refused the
    same way); then the holders are told. Returns the decoy's state for the session."""
    sender = "signup:" + secrets.token_hex(16)
    _code_send_allow(sender=sender, phone=exists.phone, ip=current_client_ip())
    signup_taken_notify(exists)
    return {
        "sender": sender,
        "registered": exists.phone,
        "phone": exists.phone,
        "attempts": 0,
        "sent": timezone.now().timestamp(),
    }


def signup_decoy_send(decoy: dict, *, phone: str | None = None) -> dict:
    """ "Send a new code" (`phone` None, as `otp_send`) or "change number" (as `account_change_phone`) on a decoy's
    activation page: refused or allowed by exactly the limits of a real account; nothing is sent to anyone.
    Returns the new state."""
    if phone is not None:
        phone = phone_normalise(phone)
        if phone == decoy["registered"]:
            raise ServiceError("phone_same", _("Nomor HP ini sama dengan yang terdaftar."), field="phone")
    target = phone or decoy["phone"]
    _code_send_allow(sender=decoy["sender"], phone=target, ip=current_client_ip())
    return {**decoy, "phone": target, "attempts": 0, "sent": timezone.now().timestamp()}


def signup_decoy_verify(decoy: dict) -> tuple[dict, ServiceError]:
    """Any code typed on a decoy's activation page: `otp_verify`'s answer to a wrong code (locked after
    OTP_MAX_ATTEMPTS, expired after OTP_VALID_MINUTES). Returns the new state and the refusal to show."""
    if decoy["attempts"] >= settings.OTP_MAX_ATTEMPTS:
        return decoy, otp_wrong_error(0)
    if timezone.now().timestamp() >= decoy["sent"] + settings.OTP_VALID_MINUTES * 60:
        return decoy, ServiceError("otp_expired", _("Kode sudah kedaluwarsa. Minta kode baru."), field="code")
    decoy = {**decoy, "attempts": decoy["attempts"] + 1}
    return decoy, otp_wrong_error(settings.OTP_MAX_ATTEMPTS - decoy["attempts"])


# --- Login -----------------------------------------------------------------------------------------------

LOGIN_REFUSED = gettext_lazy(
    "E-mail/NIK atau kata sandi salah. Setelah beberapa kali gagal, tunggu sebentar sebelum mencoba lagi."
)


def _login_subject(identifier: str, user: User | None) -> str:
    """Whose failures are counted: the account when it exists, else what was typed (so an unknown identifier
    slows down exactly like a known one). A password reset starts a new count (`generation`)."""
    if user is None:
        return "i:" + identifier.strip().lower().replace(" ", "").replace(".", "")
    return f"u:{user.pk}:{ratelimit.count(limits.LOGIN_GENERATION, user.pk)}"


def _login_delay(failures: int, free: int, cap_seconds: int) -> int:
    """Seconds to wait after `failures` wrong passwords: none for the first `free`, then 2, 4, 8 ... up to cap."""
    if failures < free:
        return 0
    return min(cap_seconds, 2 ** min(failures - free + 1, 20))


def _login_counters(identifier: str, user: User | None, ip: str | None):
    """(failures, wait, identifiers, free failures, longest wait) per account and per (account, address)."""
    subject = _login_subject(identifier, user)
    return [
        (
            limits.LOGIN_FAILURES,
            limits.LOGIN_WAIT,
            (subject,),
            settings.LOGIN_ACCOUNT_FREE_FAILURES,
            settings.LOGIN_ACCOUNT_MAX_DELAY_SECONDS,
        ),
        (
            limits.LOGIN_ADDRESS_FAILURES,
            limits.LOGIN_ADDRESS_WAIT,
            (subject, ip or "-"),
            settings.LOGIN_MAX_FAILURES,
            settings.LOGIN_LOCKOUT_MINUTES * 60,
        ),
    ]


def login_check(*, identifier: str, password: str, request=None) -> User:
    """Return the user for these credentials or raise, with the same words for a wrong password, an unknown
    account and one that must wait. Failures slow down progressively per account and per (address, account),
    never per address alone: one CGNAT address is a whole district, and its other people still get in."""
    from django.contrib.auth import authenticate

    ip = getattr(request, "client_ip", None)
    user = find_user_by_identifier(identifier)
    counters = _login_counters(identifier, user, ip)
    if any(ratelimit.paused(wait, *who) for _failures, wait, who, _free, _cap in counters):
        raise ServiceError("login_failed", LOGIN_REFUSED)
    authenticated = authenticate(request, username=identifier, password=password)
    if authenticated is None:
        for failures_limit, wait, who, free, cap in counters:
            failures = ratelimit.tally(failures_limit, *who)
            ratelimit.pause_set(wait, *who, seconds=_login_delay(failures, free, cap))
            if user is not None and failures == free:
                audit_record(actor=None, action="account.login_slowed", target=user, ip_address=ip)
        raise ServiceError("login_failed", LOGIN_REFUSED)
    ratelimit.forget_many(*((rule, *who) for failures, wait, who, _f, _c in counters for rule in (failures, wait)))
    _nik_unlock_by_owner(authenticated)
    return authenticated


def login_failures_forget(user: User) -> None:
    """A password reset starts the counts of failed logins for this account afresh."""
    ratelimit.tally(limits.LOGIN_GENERATION, user.pk)


def login_record(*, user: User) -> None:
    audit_record(actor=user, action="account.login", target=user)


# --- Password reset --------------------------------------------------------------------------------------


def password_reset_allowed(*, email: str, ip: str | None) -> bool:
    """Whether one more reset e-mail may go out for this address and this source address. The page answers the
    same either way; beyond the limits the e-mail is simply not sent."""
    return ratelimit.allowed((limits.RESET_PER_EMAIL, email.strip().lower()), (limits.RESET_PER_ADDRESS, ip or "-"))


# --- Settings --------------------------------------------------------------------------------------------

EMAIL_CHANGE_SALT = "accounts.email_change"


def account_change_email(*, user: User, new_email: str, password: str) -> None:
    """Send a confirmation link to the new address; the e-mail changes when the link is opened. An address that
    belongs to another account is answered the same way; its holder is told instead."""
    from django.core import signing
    from django.urls import reverse

    if not user.check_password(password):
        raise ServiceError("password_wrong", _("Kata sandi salah."), field="password")
    email = User.objects.normalize_email(new_email).strip().lower()
    if email == user.email.lower():
        raise ServiceError("email_same", _("E-mail ini sama dengan yang terdaftar."), field="email")
    holder = User.objects.filter(email__iexact=email).exclude(pk=user.pk).first()
    with transaction.atomic():
        if holder is not None:
            account_notice(holder=holder, what="email", email_to=email)
        elif _notice_allowed(email):
            token = signing.dumps({"user": user.pk, "email": email, "from": user.email}, salt=EMAIL_CHANGE_SALT)
            link = settings.SITE_URL.rstrip("/") + reverse("accounts:email_confirm", args=[token])
            body = render_to_string(
                "accounts/email/email_change.txt",
                {"name": user.get_short_name(), "link": link, "hours": settings.EMAIL_CHANGE_LINK_VALID_HOURS},
            )
            email_sealed_queue(to=email, subject=_("SIPMI: konfirmasi e-mail baru"), body=body, user=user)
        audit_record(actor=user, action="account.email_change_request", target=user)


def account_confirm_email(*, user: User, token: str) -> User:
    """The link from the new address was opened by the signed-in owner: the account takes that address."""
    from django.core import signing

    refused = ServiceError("email_link_invalid", _("Tautan konfirmasi e-mail tidak berlaku lagi. Minta yang baru."))
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=settings.EMAIL_CHANGE_LINK_VALID_HOURS * 3600)
    except signing.BadSignature:
        raise refused
    with transaction.atomic():
        user = lock(User, pk=user.pk)
        if data.get("user") != user.pk or data.get("from") != user.email:
            raise refused
        _change_unique_field(user, "email", data["email"], code="email_taken", message=EMAIL_TAKEN)
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
    """Completion of a reset link from the e-mail; the link itself proved control of the address, so the slowed
    logins and a locked NIK of the account are forgiven."""
    _password_check(new_password, user, "new_password1")
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit_record(actor=user, action="account.reset_password", target=user)
        login_failures_forget(user)
        _nik_unlock_by_owner(user)
    return user
