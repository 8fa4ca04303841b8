"""Every limit of the account life cycle, counted by `apps.core.ratelimit` (keyed hashes in the cache).

Read at each call from the settings named here, so a changed setting applies at once. The SMS caps an OTP also
counts against are messaging's (`apps.messaging.services.sms_cap_charges`).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy

from apps.core.ratelimit import Limit, Pause

HOUR, DAY = 3600, 24 * 3600

# --- sign-up: the civil registry is an oracle for NIK + parent's name --------------------------------------------
REGISTRY_RATE = gettext_lazy("Terlalu banyak pemeriksaan data kependudukan dalam waktu singkat. Coba lagi nanti.")
REGISTRY_PER_ADDRESS = Limit(
    "registry-address", "REGISTRY_CHECKS_PER_ADDRESS_PER_HOUR", HOUR, "registry_rate", REGISTRY_RATE
)
REGISTRY_PER_NIK = Limit("registry-nik", "REGISTRY_CHECKS_PER_NIK_PER_HOUR", HOUR, "registry_rate", REGISTRY_RATE)
REGISTRY_ALL = Limit("registry-all", "REGISTRY_CHECKS_PER_MINUTE", 60, "registry_rate", REGISTRY_RATE)
# The last of REGISTRY_NIK_MAX_MISMATCHES wrong parents' names locks the NIK instead of being counted.
NIK_MISMATCHES = Limit(
    "nik-mismatch",
    lambda: settings.REGISTRY_NIK_MAX_MISMATCHES - 1,
    lambda: settings.REGISTRY_NIK_LOCK_MINUTES * 60,
)
NIK_LOCK = Pause("nik-lock", lambda: settings.REGISTRY_NIK_LOCK_MINUTES * 60)

# --- notices to an account's holder ("someone tried to sign up with your NIK"), per phone or e-mail address -----
NOTICES_PER_RECIPIENT = Limit("holder-notice", "ACCOUNT_NOTICES_PER_RECIPIENT_PER_HOUR", HOUR)

# --- OTP: one code at a time per sender (an account, or a sign-up that created nothing), per phone, per address --
OTP_COOLDOWN = Pause("otp-cooldown", "OTP_RESEND_COOLDOWN_SECONDS")
OTP_PER_PHONE = Limit(
    "otp-phone",
    "OTP_MAX_SENDS_PER_PHONE_PER_HOUR",
    HOUR,
    "otp_rate_phone",
    gettext_lazy("Batas pengiriman kode ke nomor ini tercapai. Coba lagi dalam 1 jam."),
)
OTP_PER_ADDRESS = Limit(
    "otp-address",
    "OTP_MAX_SENDS_PER_IP_PER_HOUR",
    HOUR,
    "otp_rate_ip",
    gettext_lazy("Terlalu banyak permintaan kode dari jaringan ini. Coba lagi nanti."),
)

# --- login: failures slow down (a wait after each), per account and per (account, address); never per address --
# Counts end a day after the last failure; a password reset starts new ones (the account's generation).
LOGIN_FAILURES = Limit("login", None, DAY, renew=True)
LOGIN_WAIT = Pause("login-wait")
LOGIN_ADDRESS_FAILURES = Limit("login-address", None, DAY, renew=True)
LOGIN_ADDRESS_WAIT = Pause("login-address-wait")
LOGIN_GENERATION = Limit("login-generation", None, None)

# --- password reset: the page answers the same, the e-mail is simply not sent beyond these ----------------------
RESET_PER_EMAIL = Limit("reset-email", "PASSWORD_RESET_PER_EMAIL_PER_HOUR", HOUR)
RESET_PER_ADDRESS = Limit("reset-address", "PASSWORD_RESET_PER_ADDRESS_PER_HOUR", HOUR)
