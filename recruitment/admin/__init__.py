from recruitment.admin import applications, audit, notifications  # noqa: F401 - registers the admins
