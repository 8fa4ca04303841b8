"""The one dispatch from a step of the catalogue to the command that performs it, asked by the request page, the
demo data and the test builders alike. Each command asks the policy (the action it performs, `permissions.
step_actions`) and refuses a request that is not at its step."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from apps.core.errors import ServiceError
from apps.officeservices.models import ServiceRequest
from apps.officeservices.services import checks, intake, issuing


@dataclass(frozen=True)
class StepCommand:
    perform: Callable  # perform(request=, actor=, **data) -> ServiceRequest
    done: str  # what the actor is told when it went through
    fields: tuple[str, ...] = ()  # the data the step takes from its form


STEP_COMMANDS: dict[str, StepCommand] = {
    "receive": StepCommand(intake.request_receive, _("Permohonan diterima.")),
    "completeness": StepCommand(intake.request_check_completeness, _("Berkas lengkap; lanjut ke langkah berikutnya.")),
    "officer_check": StepCommand(intake.request_check_completeness, _("Berkas lengkap; lanjut ke langkah berikutnya.")),
    "admin_verify": StepCommand(intake.request_check_completeness, _("Berkas lengkap; lanjut ke langkah berikutnya.")),
    "recruiting_officer": StepCommand(
        intake.request_check_recruiting_officer, _("Petugas rekrut sudah disetujui."), ("approve_now",)
    ),
    "interview": StepCommand(checks.request_finish_interviews, _("Wawancara selesai.")),
    "permit": StepCommand(
        checks.request_check_permit, _("SPR diperiksa dan kuotanya dipakai."), ("permit", "copy_matches")
    ),
    "candidate_data": StepCommand(checks.request_confirm_candidate_data, _("Data CPMI dikonfirmasi.")),
    "register": StepCommand(issuing.request_register, _("Nomor register dicatat.")),
    "selection_minutes": StepCommand(
        issuing.request_selection_minutes,
        _("Berita Acara Seleksi disusun."),
        ("selection_date", "selection_place"),
    ),
    "draft": StepCommand(
        issuing.request_draft_ready, _("Draf siap; perusahaan diminta menandatangani Berita Acara Serah Terima.")
    ),
    "ratification": StepCommand(
        issuing.request_check_ratification, _("PP sudah disahkan; menunggu persetujuan Kepala Bidang.")
    ),
    "handover": StepCommand(issuing.request_sign_handover, _("Berita Acara Serah Terima ditandatangani.")),
    "approval": StepCommand(issuing.request_approve, _("Disetujui; dokumen diterbitkan dan ditandatangani.")),
    "archive": StepCommand(issuing.request_archive, _("Permohonan selesai.")),
}


def step_command(code: str) -> StepCommand:
    command = STEP_COMMANDS.get(code)
    if command is None:
        raise ServiceError("transition_not_allowed", _("Tidak ada langkah yang dapat dilakukan sekarang."))
    return command


def step_perform(*, request: ServiceRequest, actor, step: str = "", **data) -> ServiceRequest:
    """Perform step `step` (the request's current step when not named) with the data its form gives."""
    command = step_command(step or request.current_step)
    unknown = set(data) - set(command.fields)
    if unknown:
        raise TypeError(f"step {step or request.current_step!r} takes no {sorted(unknown)}")
    return command.perform(request=request, actor=actor, **data)
