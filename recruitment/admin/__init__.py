from recruitment.admin import applications, audit, notifications, users  # noqa: F401 - registers the admins
