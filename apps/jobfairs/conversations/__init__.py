"""Conversations (Percakapan) between the organiser, companies and job seekers of a job fair."""
