"""Companies in a job fair, made through the real services (for tests and the authorisation sweep)."""

from apps.agencies.selectors import agency_of
from apps.jobfairs.participation import services as participation


def accepted(fair, company_user, organiser):
    """`company_user`'s company asks to join `fair` and the organiser accepts it."""
    asked = participation.participation_request(fair=fair, actor=company_user)
    return participation.participation_accept(participation=asked, actor=organiser)


def sweep_objects(*, fair, organiser, company_user, other_company_user, vacancy) -> dict:
    """The company accepted in the running fair with `vacancy` (and its applicant) published there and one FAQ;
    the other company's request waiting for the organiser."""
    mine = accepted(fair, company_user, organiser)
    entry = participation.fair_vacancy_add(fair=fair, actor=company_user, vacancy=vacancy)
    faq = participation.faq_add(
        fair=fair, actor=company_user, question="Apakah ada biaya?", answer="Tidak ada biaya penempatan."
    )
    waiting = participation.participation_request(fair=fair, actor=other_company_user)
    assert agency_of(other_company_user) != agency_of(company_user)
    return {"participation": mine, "fair_vacancy": entry, "fair_faq": faq, "waiting_participation": waiting}
