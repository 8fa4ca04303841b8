"""Every URL pattern of the project, opened with GET and POST by every persona, against an explicit table of
the expected answer. A URL without a row fails the test: a new page is not reachable before someone has
written down who may open it.

How to read a row: one letter per persona, in the order of `scenario.PERSONAS`, grouped with "|" as
anonymous | job seeker, CPMI | officer, other office's officer, division head, secretary, office head |
company owner, company staff, other company's owner | organiser, central admin.

    2  answered (2xx)                    L  sent to a login page
    R  redirected elsewhere              F  403 forbidden
    P  a form's answer: 2xx or redirected elsewhere (POSTs of forms)
    N  404 (the object is not theirs)    M  405 (method not allowed)
    B  400                               U  401

Each request runs in a savepoint that is rolled back, so every persona meets the same scenario.
Set AUTH_SWEEP_PRINT=1 to print the answers as rows (a start for a new URL's row; check every letter).
"""

import copy
import logging
import os
import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.audit.models import AuditEvent
from tests import scenario as world
from tests.scenario import PERSONAS

pytestmark = pytest.mark.django_db

# --- the table -----------------------------------------------------------------------------------------------
#                                       anon|seekers|office  |company|org,adm
EVERYONE = "2|22|22222|222|22"
SIGNED_IN = "L|22|22222|222|22"
JOB_SEEKERS = "L|22|FFFFF|FFF|FF"
OFFICE = "L|FF|22222|FFF|FF"
COMPANY = "L|FF|FFFFF|222|FF"
ADMIN = "L|FF|FFFFF|FFF|F2"
ORGANISER = "L|FF|FFFFF|FFF|2F"
NOT_ALLOWED = "M|MM|MMMMM|MMM|MM"
SIGNED_IN_405 = "L|MM|MMMMM|MMM|MM"  # login first, then: this method is not allowed

EXPECTED: dict[str, tuple[str, str]] = {
    # name: (GET, POST)
    "core:home": (EVERYONE, EVERYONE),  # a POST is answered like a GET and changes nothing
    "core:healthz": (EVERYONE, NOT_ALLOWED),  # the load balancer's GET; a POST is 405
    "accounts:register": ("2|RR|RRRRR|RRR|RR", "2|RR|RRRRR|RRR|RR"),  # signed-in people go to their dashboard
    "accounts:register_organiser": ("2|RR|RRRRR|RRR|RR", "2|RR|RRRRR|RRR|RR"),  # the same, as job-fair organiser
    "agencies:signup": ("2|RR|RRRRR|RRR|RR", "2|RR|RRRRR|RRR|RR"),  # the same, as a company's owner
    "accounts:activate": ("L|RR|RRRRR|RRR|RR", "L|RR|RRRRR|RRR|RR"),  # nobody waiting for an OTP: to login
    "accounts:login": ("2|RR|RRRRR|RRR|RR", "2|RR|RRRRR|RRR|RR"),
    "accounts:logout": (NOT_ALLOWED, "R|RR|RRRRR|RRR|RR"),
    "accounts:settings": (SIGNED_IN, SIGNED_IN),
    # The link mailed to a new e-mail address: a bad token is refused on the settings page.
    "accounts:email_confirm": (SIGNED_IN, "L|RR|RRRRR|RRR|RR"),
    # Lifting a NIK's sign-up lock after seeing the e-KTP: office staff only (an empty form is answered).
    "accounts:nik_unlock": (OFFICE, OFFICE),
    "accounts:password_reset": (EVERYONE, EVERYONE),
    "accounts:password_reset_done": (EVERYONE, NOT_ALLOWED),
    "accounts:password_reset_confirm": (EVERYONE, EVERYONE),  # an invalid link: the page says so
    "accounts:password_reset_complete": (EVERYONE, NOT_ALLOWED),
    "dashboards:dashboard": ("L|RR|RRRRR|RRR|RR", "L|RR|RRRRR|RRR|RR"),
    "dashboards:dashboard_job_seeker": (JOB_SEEKERS, JOB_SEEKERS),
    "dashboards:dashboard_office": (OFFICE, OFFICE),
    # The office's archive of issued documents and monthly reports: its own office's, for every position.
    "dashboards:office_archive": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "dashboards:office_reports": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "dashboards:office_reports_csv": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "dashboards:dashboard_agency": (COMPANY, COMPANY),
    "dashboards:dashboard_organiser": ("L|FF|FFFFF|FFF|2F", "L|FF|FFFFF|FFF|2F"),
    "dashboards:dashboard_central_admin": (ADMIN, ADMIN),
    # The job seeker's profile: their own only.
    "profiles:overview": (JOB_SEEKERS, JOB_SEEKERS),
    "profiles:step": (JOB_SEEKERS, JOB_SEEKERS),
    "profiles:photo": ("L|N2|NNNNN|NNN|NN", "L|MM|MMMMM|MMM|MM"),  # the CPMI's photo: theirs only, for now
    "profiles:certificate_file": ("L|N2|FFFFF|FFF|FF", "L|MM|FFFFF|FFF|FF"),
    # CPMI registration: the applicant, and staff of the office it was routed to (Kota Depok).
    "cpmi:status": ("L|22|FFFFF|FFF|FF", "L|MM|FFFFF|FFF|FF"),
    "cpmi:form": ("L|2R|FFFFF|FFF|FF", "L|2R|FFFFF|FFF|FF"),  # the verified CPMI is sent to their status
    "cpmi:revise": ("L|MM|FFFFF|FFF|FF", "L|NR|FFFFF|FFF|FF"),
    "cpmi:queue": ("L|FF|22222|FFF|FF", "L|FF|MMMMM|FFF|FF"),  # each office its own queue
    "cpmi:review": ("L|NN|2N222|NNN|NN", SIGNED_IN_405),
    "cpmi:review_document": (SIGNED_IN_405, "L|NN|RNRRR|NNN|NN"),
    "cpmi:decide": (SIGNED_IN_405, "L|NN|RNRRR|NNN|NN"),
    "cpmi:document_file": ("L|N2|2N222|NNN|NN", SIGNED_IN_405),
    # The company's own pages: each company sees its own; another company's objects are 404.
    "agencies:profile": (COMPANY, COMPANY),
    "agencies:document_file": ("L|FF|FFFFF|22N|F2", "L|FF|FFFFF|MMM|FM"),
    "agencies:team": (COMPANY, "L|FF|FFFFF|2F2|FF"),  # only an owner invites
    "agencies:member_transfer": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRN|FF"),  # staff are refused by the service
    "agencies:member_remove": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRN|FF"),
    "agencies:invitation_accept": (EVERYONE, "2|BB|BBBBB|BBB|BB"),  # the link is the key; accounts that may
    # not join are refused (400)
    "agencies:officers": (COMPANY, COMPANY),
    "agencies:officer_request": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|NNN|FF"),  # no officer named: 404
    "permits:permits": (COMPANY, "L|FF|FFFFF|MMM|FF"),
    "agencies:office_approvals": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "agencies:office_approval_decide": ("L|FF|MMMMM|FFF|FF", "L|FF|RNRRR|FFF|FF"),
    "permits:office_permits": (OFFICE, OFFICE),
    "agencies:admin_agencies": (ADMIN, ADMIN),
    "agencies:admin_agency": (ADMIN, "L|FF|FFFFF|FFF|FM"),
    "permits:admin_permits": (ADMIN, ADMIN),
    # Vacancies: public while published; the company's side for its own staff only.
    "vacancies:list": (EVERYONE, NOT_ALLOWED),
    "vacancies:detail": (EVERYONE, NOT_ALLOWED),
    "vacancies:apply": (SIGNED_IN_405, "L|RR|RRRRR|RRR|RR"),  # refusals come back as a message
    "vacancies:my_applications": (JOB_SEEKERS, "L|MM|FFFFF|FFF|FF"),
    "vacancies:my_application": ("L|N2|FFFFF|FFF|FF", "L|MM|FFFFF|FFF|FF"),
    "vacancies:withdraw": ("L|MM|FFFFF|FFF|FF", "L|NR|FFFFF|FFF|FF"),
    "vacancies:company_vacancies": (COMPANY, "L|FF|FFFFF|MMM|FF"),
    "vacancies:company_vacancy_create": (COMPANY, COMPANY),
    "vacancies:company_vacancy_edit": ("L|FF|FFFFF|22N|FF", "L|FF|FFFFF|22N|FF"),
    "vacancies:company_vacancy_status": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRN|FF"),
    "vacancies:applicants": ("L|FF|FFFFF|22N|FF", "L|FF|FFFFF|MMM|FF"),
    "vacancies:company_application": ("L|FF|FFFFF|22N|FF", "L|FF|FFFFF|RRN|FF"),
    "vacancies:company_applicant_photo": ("L|FF|FFFFF|22N|FF", "L|FF|FFFFF|MMM|FF"),
    # Placement agreements: the company drafts, the CPMI's office (Kota Depok) checks and signs.
    "agreements:agency_list": (COMPANY, "L|FF|FFFFF|MMM|FF"),
    "agreements:create": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRN|FF"),
    "agreements:edit": ("L|FF|FFFFF|22N|FF", "L|FF|FFFFF|22N|FF"),
    "agreements:office_queue": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "agreements:office_signed": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "agreements:review": ("L|NN|2N222|NNN|NN", "L|NN|RNRRR|NNN|NN"),
    "agreements:delegations": ("L|FF|FFFF2|FFF|FF", "L|FF|FFFF2|FFF|FF"),
    "agreements:delegation_revoke": ("L|FF|FFFFM|FFF|FF", "L|FF|FFFFR|FFF|FF"),
    "agreements:download": ("L|N2|2N222|22N|NN", SIGNED_IN_405),
    # The PP's file, opened from the review page: staff of the CPMI's office only.
    "agreements:file_candidate": ("L|NN|2N222|NNN|NN", SIGNED_IN_405),
    "agreements:file_agency": ("L|NN|2N222|NNN|NN", SIGNED_IN_405),
    "agreements:verify": (EVERYONE, NOT_ALLOWED),  # public, by the QR code's link
    # Public service information and complaints: anyone reads and files; staff of the complained-about office
    # (Kota Depok) answer; the office head and division head keep the local checklist items.
    "offices:list": (EVERYONE, NOT_ALLOWED),
    "offices:detail": (EVERYONE, NOT_ALLOWED),
    "complaints:file": (EVERYONE, EVERYONE),  # an empty POST: the form again, with its messages
    "complaints:filed": ("R|RR|RRRRR|RRR|RR", NOT_ALLOWED),  # no code to show: to the check page
    "complaints:check": (EVERYONE, EVERYONE),
    "complaints:office_list": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "complaints:office_detail": ("L|FF|2N222|FFF|FF", "L|FF|RNRRR|FFF|FF"),
    "complaints:attachment": ("L|FF|2N222|FFF|FF", "L|FF|MMMMM|FFF|FF"),
    # A company upload of the signed PP's ID CPMI request, opened from the PP's file: staff of its office only.
    "officeservices:agreement_file": ("L|NN|2N222|NNN|NN", SIGNED_IN_405),
    "officeservices:local_checklist": ("L|FF|FF2F2|FFF|FF", "L|FF|FFRFR|FFF|FF"),
    "officeservices:local_checklist_deactivate": ("L|FF|FFMFM|FFF|FF", "L|FF|FFRFR|FFF|FF"),
    # Office services (workflow 4): the company's requests, the office's queue, counter and approvals, one request
    # of the CPMI persona (Kota Depok, approved, at the archive step) and its outputs. POSTs without a valid form
    # or by a role the step does not name are refused with a message (R); nobody else sees the request (N).
    "officeservices:company_requests": (COMPANY, "L|FF|FFFFF|MMM|FF"),
    "officeservices:request_open": (COMPANY, COMPANY),  # an empty form is answered with its errors
    "officeservices:office_queue": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "officeservices:approval_queue": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "officeservices:time_report": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "officeservices:counter_open": ("L|FF|22FFF|FFF|FF", "L|FF|22FFF|FFF|FF"),  # officers, each at their own office
    "officeservices:request_detail": ("L|NN|2N222|22N|NN", SIGNED_IN_405),
    "officeservices:checklist_file": ("L|NN|2N222|22N|NN", SIGNED_IN_405),
    "officeservices:checklist_file_version": ("L|NN|2N222|22N|NN", SIGNED_IN_405),
    "officeservices:checklist_upload": (SIGNED_IN_405, "L|NN|RNRRR|RRN|NN"),
    "officeservices:request_submit": (SIGNED_IN_405, "L|NN|RNRRR|RRN|NN"),
    "officeservices:request_cancel": (SIGNED_IN_405, "L|NN|RNRRR|RRN|NN"),
    "officeservices:request_assign": (SIGNED_IN_405, "L|NN|RNRRR|RRN|NN"),
    "officeservices:request_return": (SIGNED_IN_405, "L|NN|RNRRR|RRN|NN"),
    "officeservices:interview": (SIGNED_IN_405, "L|NN|RNRRR|RRN|NN"),
    "officeservices:request_step": (SIGNED_IN_405, "L|NN|RNRRR|RRN|NN"),
    "officeservices:document_pdf": ("L|N2|2N222|22N|NN", SIGNED_IN_405),  # the CPMI: their own documents
    # A draft exists only until the document is signed: the scenario's is signed, so nobody gets one (the
    # office's preview of a draft is tested in the app's view tests).
    "officeservices:draft_pdf": ("L|NN|NNNNN|NNN|NN", SIGNED_IN_405),
    # Issued documents: the public verification page (an unknown code is 404) and each office's register book.
    "documents:verify": (EVERYONE, NOT_ALLOWED),
    "documents:public_key": (EVERYONE, NOT_ALLOWED),
    "documents:register_book": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "documents:register_print": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "documents:register_export": (OFFICE, "L|FF|MMMMM|FFF|FF"),
    "documents:register_formats": (OFFICE, "L|FF|NNNNR|FFF|FF"),  # only the office head changes a format
    "documents:register_cancel": ("L|FF|2N222|FFF|FF", "L|FF|RNRRR|FFF|FF"),  # any staff of Depok, with a reason
    "documents:document_revoke": ("L|FF|NN2N2|FFF|FF", "L|FF|NNRNR|FFF|FF"),  # the head and the division head
    "documents:document_json": ("L|FF|2N222|FFF|FF", "L|FF|MMMMM|FFF|FF"),
    # Job fairs: public while published (the organiser persona's running fair, with a banner and a logo); the
    # organiser's own pages (their draft fair; another organiser's answers 404: the app's view tests); the central
    # admin's queue and per-fair page (the running fair: figures, chart, CSV).
    "jobfairs:list": (EVERYONE, NOT_ALLOWED),
    "jobfairs:detail": (EVERYONE, NOT_ALLOWED),
    "jobfairs:banner": (EVERYONE, NOT_ALLOWED),
    "jobfairs:organiser_logo": (EVERYONE, NOT_ALLOWED),
    "jobfairs:organiser_profile": (ORGANISER, ORGANISER),  # an empty POST: the form again, with its messages
    "jobfairs:organiser_fairs": (ORGANISER, "L|FF|FFFFF|FFF|MF"),
    "jobfairs:fair_create": (ORGANISER, ORGANISER),
    "jobfairs:fair_manage": (ORGANISER, "L|FF|FFFFF|FFF|MF"),
    "jobfairs:fair_edit": (ORGANISER, ORGANISER),
    "jobfairs:fair_submit": ("L|FF|FFFFF|FFF|MF", "L|FF|FFFFF|FFF|RF"),  # the draft goes to the admin
    "jobfairs:fair_publish": ("L|FF|FFFFF|FFF|MF", "L|FF|FFFFF|FFF|RF"),  # not verified: refused with a message
    "jobfairs:admin_queue": (ADMIN, "L|FF|FFFFF|FFF|FM"),
    "jobfairs:admin_fair": (ADMIN, "L|FF|FFFFF|FFF|FR"),  # no decision named: refused with a message
    "jobfairs:admin_fair_csv": (ADMIN, "L|FF|FFFFF|FFF|FM"),
    # The job seeker at a fair (the running fair): only job seekers; the CPMI follows it and has checked in, the
    # other job seeker does not follow it (their fair room sends them to the public page with the follow button).
    "jobfairs:follow": ("L|MM|FFFFF|FFF|FF", "L|RR|FFFFF|FFF|FF"),  # the CPMI already follows: a message
    "jobfairs:check_in": ("L|MM|FFFFF|FFF|FF", "L|RR|FFFFF|FFF|FF"),  # refused with a message for both
    "jobfairs:attend": ("L|R2|FFFFF|FFF|FF", "L|MM|FFFFF|FFF|FF"),
    "jobfairs:attend_apply": ("L|MM|FFFFF|FFF|FF", "L|RR|FFFFF|FFF|FF"),  # not following / already applied
    "jobfairs:stand": ("L|R2|FFFFF|FFF|FF", "L|MM|FFFFF|FFF|FF"),
    "jobfairs:portfolio": (JOB_SEEKERS, "L|MM|FFFFF|FFF|FF"),
    # Conversations: organisers, companies and job seekers have a list; one conversation (the organiser's with the
    # company, in the running fair) is its two sides' only (every active member of the company): anyone else 404.
    # The start page of the running fair: its organiser, the accepted company, the CPMI following it.
    "jobfairs:conversation_list": ("L|22|FFFFF|222|2F", "L|MM|FFFFF|MMM|MF"),
    "jobfairs:conversation_detail": ("L|NN|FFFFF|22N|2F", "L|NN|FFFFF|RRN|RF"),  # a message sent, then the page
    "jobfairs:conversation_messages": ("L|NN|FFFFF|22N|2F", "L|MM|FFFFF|MMM|MF"),
    "jobfairs:conversation_attachment": ("L|NN|FFFFF|22N|2F", "L|MM|FFFFF|MMM|MF"),
    # The organiser can't pick themselves; the other company, whose request to join is waiting, may write to the
    # organiser.
    "jobfairs:conversation_new": ("L|N2|FFFFF|222|2F", "L|NR|FFFFF|RRR|RF"),
    # Companies in fairs: any company's staff; acting in a fair only once accepted (the other company's request
    # waits: its pages of the fair's vacancies, applicants and FAQ answer 404); the organiser decides on requests.
    "jobfairs:company_fairs": (COMPANY, "L|FF|FFFFF|MMM|FF"),
    "jobfairs:company_fair": (COMPANY, "L|FF|FFFFF|MMM|FF"),
    "jobfairs:participation_request": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRR|FF"),  # already asked: a message
    "jobfairs:fair_vacancy_add": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRR|FF"),  # nothing chosen: a message
    # the fair is running: withdrawing is refused with a message (and another company has nothing to withdraw)
    "jobfairs:participation_withdraw": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRR|FF"),
    # the company's own fair vacancy (refused with a message once applied to in the fair); not another company's
    "jobfairs:fair_vacancy_remove": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRN|FF"),
    "jobfairs:fair_vacancy_create": ("L|FF|FFFFF|22R|FF", "L|FF|FFFFF|22R|FF"),  # not accepted: back, a message
    "jobfairs:fair_applicants": ("L|FF|FFFFF|22N|FF", "L|FF|FFFFF|MMM|FF"),
    "jobfairs:faq_add": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRR|FF"),  # empty: a message
    "jobfairs:faq_edit": ("L|FF|FFFFF|22N|FF", "L|FF|FFFFF|22N|FF"),  # empty: the form again
    "jobfairs:faq_delete": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRN|FF"),
    "jobfairs:faq_move": ("L|FF|FFFFF|MMM|FF", "L|FF|FFFFF|RRN|FF"),
    "jobfairs:participation_decide": ("L|FF|FFFFF|FFF|MF", "L|FF|FFFFF|FFF|RF"),  # no decision: a message
    # Regions, the central admin's pages, languages, the API.
    "regions:options": ("B|BB|BBBBB|BBB|BB", NOT_ALLOWED),  # no parent given: 400
    "messaging:outbox": (ADMIN, ADMIN),
    # In-app notices: everyone signed in has their own list and bell; one notice of the job seeker, theirs only.
    # The bell's polled fragment answers a signed-out tab with 286 (htmx: stop polling), never a login page.
    "messaging:notifications": (SIGNED_IN, SIGNED_IN_405),
    "messaging:notification_bell": (EVERYONE, NOT_ALLOWED),
    "messaging:notifications_mark_all_read": (SIGNED_IN_405, "L|RR|RRRRR|RRR|RR"),
    "messaging:notification_open": (SIGNED_IN_405, "L|RN|NNNNN|NNN|NN"),
    "audit:log": (ADMIN, ADMIN),
    "set_language": ("R|RR|RRRRR|RRR|RR", "R|RR|RRRRR|RRR|RR"),
    "api-regions": (EVERYONE, NOT_ALLOWED),
    "api-me": ("F|22|22222|222|22", "F|MM|MMMMM|MMM|MM"),
    "api-vacancies": (EVERYONE, NOT_ALLOWED),
    "api-schema": (EVERYONE, NOT_ALLOWED),
    "api-docs": (EVERYONE, NOT_ALLOWED),
    "api-redoc": (EVERYONE, NOT_ALLOWED),
    # Prometheus metrics: only a METRICS_TOKEN bearer or a METRICS_ALLOWED_IPS client (none here): 404 for all.
    "metrics": ("N|NN|NNNNN|NNN|NN", "N|NN|NNNNN|NNN|NN"),
}

# Django's own admin site: one rule for all of its internals (it has its own login page and permission
# checks; nobody but the staff-flagged central admin gets past its login redirect).
ADMIN_PREFIX = "django-admin/"


def admin_rule(key: str, method: str, persona: str) -> str:
    if persona == "central_admin":
        return "*"  # any answer below 500: the admin's model permissions decide
    if key == "admin:login":
        return "P"
    if key == "admin:logout":
        return "R"  # to the admin's index, which sends them on to its login page
    return "L"


# --- kwargs from the scenario ----------------------------------------------------------------------------------

KWARGS = {
    "accounts:password_reset_confirm": lambda s: {"uidb64": "MQ", "token": "bukan-token"},
    "accounts:email_confirm": lambda s: {"token": "bukan-token"},
    "profiles:step": lambda s: {"key": "personal"},
    "profiles:photo": lambda s: {"user_id": s.people["cpmi"].pk},
    "profiles:certificate_file": lambda s: {"item_id": s.certificate.pk},
    "cpmi:review": lambda s: {"pk": s.waiting.pk},
    "cpmi:review_document": lambda s: {"pk": s.waiting.pk, "document_pk": s.waiting_document.pk},
    "cpmi:decide": lambda s: {"pk": s.waiting.pk},
    "cpmi:document_file": lambda s: {"pk": s.cpmi_document.pk},
    "agencies:document_file": lambda s: {"pk": s.agency_document.pk},
    "agencies:member_transfer": lambda s: {"pk": s.staff_membership.pk},
    "agencies:member_remove": lambda s: {"pk": s.staff_membership.pk},
    "agencies:invitation_accept": lambda s: {"token": world.INVITATION_TOKEN},
    "agencies:office_approval_decide": lambda s: {"pk": s.approval.pk},
    "agencies:admin_agency": lambda s: {"pk": s.company.pk},
    "messaging:notification_open": lambda s: {"pk": s.notification.pk},
    "vacancies:detail": lambda s: {"pk": s.vacancy.pk},
    "vacancies:apply": lambda s: {"pk": s.vacancy.pk},
    "vacancies:my_application": lambda s: {"pk": s.application.pk},
    "vacancies:withdraw": lambda s: {"pk": s.application.pk},
    "vacancies:company_vacancy_edit": lambda s: {"pk": s.vacancy.pk},
    "vacancies:company_vacancy_status": lambda s: {"pk": s.vacancy.pk},
    "vacancies:applicants": lambda s: {"pk": s.vacancy.pk},
    "vacancies:company_application": lambda s: {"pk": s.application.pk},
    "vacancies:company_applicant_photo": lambda s: {"pk": s.application.pk},
    "agreements:create": lambda s: {"application_pk": s.accepted.pk},
    "agreements:edit": lambda s: {"pk": s.submitted_agreement.pk},
    "agreements:review": lambda s: {"pk": s.submitted_agreement.pk},
    "agreements:delegation_revoke": lambda s: {"pk": s.delegation.pk},
    "agreements:download": lambda s: {"pk": s.signed_agreement.pk},
    "agreements:file_candidate": lambda s: {"pk": s.signed_agreement.pk, "document_pk": s.cpmi_document.pk},
    "agreements:file_agency": lambda s: {"pk": s.signed_agreement.pk, "document_pk": s.agency_document.pk},
    "agreements:verify": lambda s: {"code": s.signed_agreement.verification_code},
    "offices:detail": lambda s: {"pk": s.complaint.office_id},
    "complaints:office_detail": lambda s: {"pk": s.complaint.pk},
    "complaints:attachment": lambda s: {"pk": s.complaint.pk},
    "officeservices:local_checklist_deactivate": lambda s: {"pk": s.local_item.pk},
    "documents:verify": lambda s: {"code": s.issued_document.verification_code},
    "documents:public_key": lambda s: {"office_pk": s.issued_document.office_id},
    "documents:register_cancel": lambda s: {"pk": s.register_allocated.pk},
    "documents:document_revoke": lambda s: {"pk": s.issued_document.entry_id},
    "documents:document_json": lambda s: {"pk": s.issued_document.entry_id},
    # Office services: one request of the CPMI persona, its outputs issued (at the archive step).
    "officeservices:request_detail": lambda s: {"pk": s.service_request.pk},
    "officeservices:checklist_upload": lambda s: {"pk": s.service_request.pk, "entry_pk": s.service_entry.pk},
    "officeservices:checklist_file": lambda s: {"pk": s.service_request.pk, "entry_pk": s.service_entry.pk},
    "officeservices:checklist_file_version": lambda s: {
        "pk": s.service_request.pk,
        "entry_pk": s.service_entry.pk,
        "version_pk": s.service_file.pk,
    },
    "officeservices:request_submit": lambda s: {"pk": s.service_request.pk},
    "officeservices:request_cancel": lambda s: {"pk": s.service_request.pk},
    "officeservices:request_assign": lambda s: {"pk": s.service_request.pk},
    "officeservices:request_return": lambda s: {"pk": s.service_request.pk},
    "officeservices:interview": lambda s: {"pk": s.service_request.pk},
    "officeservices:request_step": lambda s: {"pk": s.service_request.pk},
    "officeservices:document_pdf": lambda s: {"pk": s.service_request.pk, "document_pk": s.service_document.pk},
    "officeservices:agreement_file": lambda s: {"agreement_pk": s.signed_agreement.pk, "file_pk": s.id_cpmi_file.pk},
    "officeservices:draft_pdf": lambda s: {"pk": s.service_request.pk, "document_pk": s.service_document.pk},
    "jobfairs:detail": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:banner": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:organiser_logo": lambda s: {"pk": s.organiser_profile.pk},
    "jobfairs:fair_manage": lambda s: {"pk": s.draft_fair.pk},
    "jobfairs:fair_edit": lambda s: {"pk": s.draft_fair.pk},
    "jobfairs:fair_submit": lambda s: {"pk": s.draft_fair.pk},
    "jobfairs:fair_publish": lambda s: {"pk": s.draft_fair.pk},
    "jobfairs:admin_fair": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:admin_fair_csv": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:follow": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:check_in": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:attend": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:attend_apply": lambda s: {"pk": s.running_fair.pk, "vacancy_pk": s.vacancy.pk},
    "jobfairs:stand": lambda s: {"pk": s.running_fair.pk, "participation_pk": s.fair_participation.pk},
    "jobfairs:conversation_detail": lambda s: {"pk": s.conversation.pk},
    "jobfairs:conversation_messages": lambda s: {"pk": s.conversation.pk},
    "jobfairs:conversation_attachment": lambda s: {"pk": s.conversation.pk, "message_pk": s.conversation_message.pk},
    "jobfairs:conversation_new": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:company_fair": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:participation_request": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:fair_vacancy_add": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:participation_withdraw": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:fair_vacancy_remove": lambda s: {"pk": s.running_fair.pk, "entry_pk": s.fair_vacancy.pk},
    "jobfairs:fair_vacancy_create": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:fair_applicants": lambda s: {"pk": s.running_fair.pk, "entry_pk": s.fair_vacancy.pk},
    "jobfairs:faq_add": lambda s: {"pk": s.running_fair.pk},
    "jobfairs:faq_edit": lambda s: {"pk": s.running_fair.pk, "faq_pk": s.fair_faq.pk},
    "jobfairs:faq_delete": lambda s: {"pk": s.running_fair.pk, "faq_pk": s.fair_faq.pk},
    "jobfairs:faq_move": lambda s: {"pk": s.running_fair.pk, "faq_pk": s.fair_faq.pk},
    "jobfairs:participation_decide": lambda s: {
        "pk": s.running_fair.pk,
        "participation_pk": s.waiting_participation.pk,
    },
    "admin:app_list": lambda s: {"app_label": "auth"},
}
# What a POST carries, where an empty form would not reach the interesting check.
POST_DATA = {
    "vacancies:company_vacancy_status": {"action": "close"},
    "vacancies:company_application": {"action": "process"},
    "vacancies:withdraw": {"confirmed": "1"},  # the confirmation page's answer (it asks first)
    "agreements:review": {"action": "return", "reason": "Gaji belum sesuai."},
    "agencies:office_approval_decide": {"decision": "approve"},
    "cpmi:review_document": {"decision": "accept"},
    "complaints:office_detail": {"action": "answer", "answer": "Berkas sudah kami periksa ulang."},
    "officeservices:local_checklist": {
        "service": "passport_recommendation",
        "label": "Surat keterangan catatan kepolisian",
        "party": "candidate",
        "required": "on",
    },
    "documents:register_cancel": {"reason": "Nomor tidak jadi dipakai."},
    "documents:document_revoke": {"reason": "Data CPMI salah."},
    "documents:register_formats": {"document_type": "kitki", "pattern": "KITKI/{seq:05d}/{year}"},
    "officeservices:request_step": {"step": "not-the-current-step"},  # refused before any change
    "jobfairs:conversation_detail": {"body": "Halo dari pemeriksaan hak akses."},
    "jobfairs:conversation_new": {"with": "organiser"},  # the CPMI starts one; the company's exists already
    "jobfairs:faq_move": {"direction": "up"},  # the first question: nothing moves
}
# Who changes something with the POST above (an audit row is written): nobody else may.
WRITES: dict[str, set[str]] = {
    "agencies:member_transfer": {"company_owner"},
    "agencies:member_remove": {"company_owner"},
    "agencies:office_approval_decide": {"officer", "division_head", "secretary", "office_head"},
    "cpmi:review_document": {"officer", "division_head", "secretary", "office_head"},
    "vacancies:withdraw": {"cpmi"},
    "vacancies:company_vacancy_status": {"company_owner", "company_staff"},
    "vacancies:company_application": {"company_owner", "company_staff"},
    "agreements:create": {"company_owner", "company_staff"},
    "agreements:review": {"officer", "division_head", "secretary", "office_head"},
    "agreements:delegation_revoke": {"office_head"},
    "complaints:office_detail": {"officer", "division_head", "secretary", "office_head"},
    "officeservices:local_checklist": {"division_head", "office_head"},
    "officeservices:local_checklist_deactivate": {"division_head", "office_head"},
    "documents:register_cancel": {"officer", "division_head", "secretary", "office_head"},
    "documents:document_revoke": {"division_head", "office_head"},
    "documents:register_formats": {"office_head"},
    "jobfairs:fair_submit": {"organiser"},
    "jobfairs:follow": {"job_seeker"},
    "jobfairs:fair_vacancy_remove": {"company_owner", "company_staff"},  # nobody applied to it in the fair
    "jobfairs:conversation_detail": {"company_owner", "company_staff", "organiser"},
    "jobfairs:conversation_new": {"cpmi", "other_company_owner"},
    "jobfairs:faq_delete": {"company_owner", "company_staff"},
    "messaging:outbox": {"central_admin"},  # answered like a GET: its read of personal data is audited
    # Only the job seeker has an unread notice in the scenario; marking a read one again writes nothing.
    "messaging:notification_open": {"job_seeker"},
    "messaging:notifications_mark_all_read": {"job_seeker"},
}


# --- the walk --------------------------------------------------------------------------------------------------


def url_patterns(patterns=None, prefix="", namespace=None):
    """(key, route) of every URL pattern; the key is the namespaced name, or the route when it has none."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
            else:
                yield route, route


def _url(key: str, route: str, scn) -> str:
    kwargs = KWARGS.get(key, lambda s: {})(scn)
    for name in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route):
        kwargs.setdefault(name[0] or name[1], "1")  # the admin's object ids: the rule holds for any
    if key != route:
        return reverse(key, kwargs=kwargs)
    # An unnamed pattern (the admin's redirects): fill its parameters by hand.
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs.get(m.group(1), 1)), route)
    path = path.replace("^", "").replace("$", "").replace("(?P<url>.*)", "nowhere/")
    return "/" + path


def expected(key: str, route: str, method: str, persona: str) -> str | None:
    if route.startswith(ADMIN_PREFIX):
        return admin_rule(key, method, persona)
    row = EXPECTED.get(key)
    if row is None:
        return None
    letters = row[0 if method == "get" else 1].replace("|", "").replace(" ", "")
    return letters[PERSONAS.index(persona)]


LOGIN_PATHS = ("/masuk/", "/django-admin/login/")


def answer(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307):
        return "L" if urlsplit(response["Location"]).path in LOGIN_PATHS else "R"
    if 200 <= code < 300:
        return "2"
    return {400: "B", 401: "U", 403: "F", 404: "N", 405: "M"}.get(code, str(code))


def matches(want: str, got: str) -> bool:
    if want == "*":
        return not got.startswith("5")
    if want == "P":
        return got in ("2", "R")
    return want == got


def _send(client, method, url, data):
    """One request in a savepoint that is rolled back: nobody's request changes what the next one meets.
    Returns the response and whether it wrote to the audit log (every audited change does)."""
    with transaction.atomic():
        if method == "get":
            response, wrote = client.get(url), False
        else:
            before = AuditEvent.objects.count()
            response = client.post(url, data)
            wrote = AuditEvent.objects.count() != before
        transaction.set_rollback(True)
    if response.streaming:  # read to the end: the client's wrapper then closes the file
        b"".join(response.streaming_content)
    cache.clear()
    return response, wrote


def test_every_url_has_a_row():
    """A new URL fails here until its row says who may open it (the admin site has one rule for all)."""
    keys = dict(url_patterns())
    missing = [key for key, route in keys.items() if not route.startswith(ADMIN_PREFIX) and key not in EXPECTED]
    stale = sorted(set(EXPECTED) - set(keys))
    assert not missing, (
        "These URLs have no row in EXPECTED of tests/test_authorisation_sweep.py. Add one per URL, saying for "
        "GET and POST what each persona must get (run with AUTH_SWEEP_PRINT=1 to see what they get now): "
        + ", ".join(missing)
    )
    assert not stale, f"Rows for URLs that no longer exist: {stale}"
    for key, (get_row, post_row) in EXPECTED.items():
        for row in (get_row, post_row):
            letters = row.replace("|", "").replace(" ", "")
            assert len(letters) == len(PERSONAS), f"{key}: {row!r} needs one letter per persona"
            assert set(letters) <= set("2RPLFNMBU"), f"{key}: {row!r} has an unknown letter"


@pytest.fixture
def quiet_refusals():
    """Thousands of 403/404/405 answers are the point here, not news: only errors are logged."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def _as_row(letters: list[str]) -> str:
    return "|".join(
        (
            "".join(letters[:1]),
            "".join(letters[1:3]),
            "".join(letters[3:8]),
            "".join(letters[8:11]),
            "".join(letters[11:]),
        )
    )


CHUNKS = ("site, first half", "site, second half", "django-admin")


def _chunk(index: int, route: str) -> str:
    """The sweep runs in three parts that test workers share; each part meets its own copy of the scenario."""
    if route.startswith(ADMIN_PREFIX):
        return CHUNKS[2]
    return CHUNKS[index % 2]


@pytest.mark.parametrize("chunk", CHUNKS)
def test_every_persona_gets_the_expected_answer_from_every_url(chunk, quiet_refusals):
    # Given the scenario and every persona signed in once
    scn = world.build()
    clients = {}
    for persona in PERSONAS:
        client = Client(raise_request_exception=False)
        if scn.people[persona] is not None:
            client.force_login(scn.people[persona])
        clients[persona] = (client, copy.deepcopy(client.cookies))

    printing = bool(os.environ.get("AUTH_SWEEP_PRINT"))
    wrong, printed, writers = [], [], {}
    walked = [(key, route) for index, (key, route) in enumerate(url_patterns()) if _chunk(index, route) == chunk]
    assert walked
    for key, route in walked:
        url = _url(key, route, scn)
        row = {}
        for method in ("get", "post"):
            letters = []
            for persona in PERSONAS:
                client, cookies = clients[persona]
                # When the persona opens the URL
                response, wrote = _send(client, method, url, POST_DATA.get(key, {}))
                client.cookies = copy.deepcopy(cookies)
                got = answer(response)
                letters.append(got)
                if method == "post" and wrote:
                    writers.setdefault(key, set()).add(persona)
                # Then the answer is the table's
                want = expected(key, route, method, persona)
                if want is not None and not matches(want, got):
                    where = f" → {response['Location']}" if response.has_header("Location") else ""
                    wrong.append(f"{method.upper()} {url} ({key}) as {persona}: want {want}, got {got}{where}")
            row[method] = letters
        if printing and not route.startswith(ADMIN_PREFIX):
            printed.append(f'    "{key}": ("{_as_row(row["get"])}", "{_as_row(row["post"])}"),')
    if printing:
        print("\n".join(printed))
        print("WRITES =", {key: sorted(names) for key, names in writers.items()})
    for key in sorted((set(writers) | set(WRITES)) & {key for key, _route in walked}):
        if writers.get(key, set()) != WRITES.get(key, set()):
            wrong.append(f"POST {key} changed the audit log for {sorted(writers.get(key, ()))}, want {WRITES.get(key)}")
    assert not wrong, f"{len(wrong)} answers differ from the table:\n" + "\n".join(wrong)
