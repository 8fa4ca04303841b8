"""Reading the job-seeker profile: its progress over the seven steps, and the data for the summary page."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse

from apps.profiles.models import (
    Certification,
    Education,
    JobSeekerProfile,
    Skill,
    Training,
    WorkExperience,
)
from apps.profiles.steps import STEPS

LIST_MODELS = {
    "experience": WorkExperience,
    "training": Training,
    "education": Education,
    "certification": Certification,
    "skills": Skill,
}


@dataclass
class StepStatus:
    number: int
    key: str
    label: str
    url: str
    done: bool
    skipped: bool
    skippable: bool

    @property
    def finished(self) -> bool:
        return self.done or self.skipped


@dataclass
class ProfileProgress:
    steps: list[StepStatus] = field(default_factory=list)
    percent: int = 0
    is_complete: bool = False
    next_url: str | None = None


def _profile_with_flags(user) -> JobSeekerProfile | None:
    if not getattr(user, "pk", None):
        return None
    flags = {f"has_{key}": Exists(model.objects.filter(profile=OuterRef("pk"))) for key, model in LIST_MODELS.items()}
    return JobSeekerProfile.objects.filter(user_id=user.pk).annotate(**flags).first()


def _data_present(profile: JobSeekerProfile, key: str) -> bool:
    if key == "photo":
        return bool(profile.photo)
    if key == "personal":
        return profile.personal_saved_at is not None
    return bool(getattr(profile, f"has_{key}"))


def profile_progress(user) -> ProfileProgress:
    """Where the user stands in the seven steps. One query; a user without a profile yet is at 0%.

    A step is done when it was completed and its data is still there (deleting the last skill undoes
    "skills"); an optional step may instead be skipped.
    """
    profile = _profile_with_flags(user)
    completed = set(profile.completed_steps) if profile else set()
    skipped = set(profile.skipped_steps) if profile else set()
    statuses = []
    for number, step in enumerate(STEPS, start=1):
        done = profile is not None and step.key in completed and _data_present(profile, step.key)
        statuses.append(
            StepStatus(
                number=number,
                key=step.key,
                label=str(step.label),
                url=reverse("profiles:step", args=[step.key]),
                done=done,
                skipped=not done and step.skippable and step.key in skipped,
                skippable=step.skippable,
            )
        )
    finished = [status for status in statuses if status.finished]
    required_done = all(status.done for status in statuses if not status.skippable)
    next_step = next((status for status in statuses if not status.finished), None)
    return ProfileProgress(
        steps=statuses,
        percent=len(finished) * 100 // len(statuses),
        is_complete=len(finished) == len(statuses) and required_done,
        next_url=next_step.url if next_step else None,
    )


def profile_for_overview(user) -> JobSeekerProfile | None:
    """The profile with everything the summary page shows, in a fixed number of queries."""
    return (
        JobSeekerProfile.objects.filter(user_id=user.pk)
        .select_related("domicile_village__parent__parent__parent")
        .prefetch_related("experiences", "trainings", "educations", "certifications", "skills")
        .first()
    )


def profile_items(user, key: str):
    """The items of a list step (experience … skills) belonging to the user, in display order."""
    return LIST_MODELS[key].objects.filter(profile__user_id=user.pk)


def applicant_profile(user) -> JobSeekerProfile | None:
    """The profile a company reads on an application page (photo, education, experience, training, skills,
    certificates), in a fixed number of queries; None when the person has none."""
    return (
        JobSeekerProfile.objects.filter(user_id=user.pk)
        .prefetch_related("experiences", "trainings", "educations", "certifications", "skills")
        .first()
    )


def age_on(birth_date, today=None) -> int | None:
    """Full years since `birth_date` (None when unknown)."""
    if birth_date is None:
        return None
    from django.utils import timezone

    today = today or timezone.localdate()
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
