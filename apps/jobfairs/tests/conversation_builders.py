"""Conversation objects for the authorisation sweep's scenario."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.jobfairs.conversations import services as conversations
from apps.jobfairs.models import FairFollower, FairParticipation

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sweep_objects(people: dict, company, fair) -> dict:
    """The company accepted in the running fair, the CPMI persona following it (checked in), and the organiser's
    conversation with the company holding a message with a PDF attachment."""
    # The scenario's attendance objects may have made both already.
    FairParticipation.objects.get_or_create(
        fair=fair, agency=company, defaults={"status": "accepted", "requested_by": people["company_owner"]}
    )
    FairFollower.objects.get_or_create(fair=fair, user=people["cpmi"], defaults={"checked_in_at": timezone.now()})
    conversation, _created = conversations.conversation_start(
        actor=people["organiser"], fair=fair, with_side="company", agency=company
    )
    message = conversations.message_send(
        actor=people["organiser"],
        conversation=conversation,
        body="Mohon konfirmasi jumlah meja.",
        attachment=SimpleUploadedFile("denah.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    return {"conversation": conversation, "conversation_message": message}
