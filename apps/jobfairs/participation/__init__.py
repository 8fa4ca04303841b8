"""Companies in job fairs: joining, vacancies in the fair, applicants, the stand's FAQ."""
