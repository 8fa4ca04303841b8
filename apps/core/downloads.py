"""Responses that hand an uploaded (private) file to a user whom the calling view has already checked."""

from django.http import FileResponse, Http404

# An uploaded file is never a page of this site: if a browser is tricked into rendering one as HTML or SVG, the
# sandbox gives it a unique origin (no cookies, no scripts, no forms) and `default-src 'none'` lets it load nothing.
PRIVATE_FILE_POLICY = "default-src 'none'; sandbox; frame-ancestors {ancestors}"


def private_file_response(
    stored,
    *,
    content_type: str,
    filename: str | None = None,
    as_attachment: bool = True,
    framable: bool = False,
    cache_control: str = "private, no-store",
) -> FileResponse:
    """Stream `stored` (a FieldFile) with the headers every private file gets; 404 when the file is missing.

    `framable` lets pages of this site show the file in an <iframe> (the CPMI review page); it must be paired
    with `xframe_options_sameorigin` on the view.
    """
    try:
        handle = stored.storage.open(stored.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename or "", content_type=content_type)
    response["Content-Security-Policy"] = PRIVATE_FILE_POLICY.format(ancestors="'self'" if framable else "'none'")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = cache_control
    return response
