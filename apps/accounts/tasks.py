"""Background work of accounts: the password-reset e-mail, looked up and written by the worker."""

from huey.contrib.djhuey import db_task


@db_task()
def password_reset_send(email: str, domain: str, use_https: bool) -> None:
    """Sends the reset link to the accounts with this address, if any. In the worker, so the reset page costs the
    same for a known and an unknown address (no account lookup, token or e-mail while the visitor waits)."""
    from apps.accounts.forms import OutboxPasswordResetForm

    form = OutboxPasswordResetForm({"email": email})
    if form.is_valid():
        form.send_to_accounts(domain=domain, use_https=use_https)
