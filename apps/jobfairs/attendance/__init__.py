"""A job seeker at a job fair: follow, check in, the fair room, apply, the portfolio."""
