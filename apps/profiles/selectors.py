def profile_progress(user):
    return {}
