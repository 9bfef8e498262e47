"""Which applications this browser sent in the last 30 minutes, and the "my application" it
opened with a one-time code: kept in the server-side session.

Phones and clinic tablets are shared. A submission's answers are shown again (its confirmation
page, its answers reused for another trial) only to the browser that sent it, and only for a
short while; the cookie holds an opaque session key, nothing that identifies anyone, and it ends
when the browser closes. "Finish" (`forget`) ends the session at once: the next person on the
same phone finds nothing of the previous one.
"""

import time

from django.middleware.csrf import rotate_token

SENT = "sent"
OPENED = "my_application"
# Applications this browser holds because a reminder's code opened them, not because it sent
# them: their answers are reused, never who the patient is (`sent_here`).
REOPENED = "reopened"
# Set in the fresh session after an erasure here, so that this browser's way back to "my
# application" says the data is deleted rather than "closed on this device"; it names nothing,
# and goes as soon as this browser sends or opens another application.
ERASED = "erased_here"
WINDOW_SECONDS = 30 * 60
OPENED_SECONDS = 20 * 60  # "my application" stays open this long after the code, without a new one
KEEP = 10


def _fresh(entries, window):
    now = time.time()
    return [(ref, at) for ref, at in entries if now - at < window]


def recent_applications(request) -> list[int]:
    """Ids of the applications sent from this browser within the window, newest first. Ids, not
    reference codes: once an application is erased its id names only an anonymous log entry."""
    return [pk for pk, _at in _fresh(request.session.get(SENT, []), WINDOW_SECONDS)]


def keep_until_browser_closes(request):
    if not request.user.is_authenticated:
        request.session.set_expiry(0)


def _new_key(request):
    """A session that now names an application gets a key (and a CSRF token) nobody saw before:
    whoever copied this browser's cookie earlier (the last user of a clinic tablet) holds nothing."""
    request.session.cycle_key()
    rotate_token(request)


def remember_sent(request, response, application_id: int):
    kept = [(pk, at) for pk, at in _fresh(request.session.get(SENT, []), WINDOW_SECONDS) if pk != application_id]
    _new_key(request)
    request.session[SENT] = [(application_id, time.time()), *kept][:KEEP]
    request.session.pop(ERASED, None)
    keep_until_browser_closes(request)
    return response


def remember_reopened(request, response, application_id: int):
    """A reminder's code opened the application on this browser, which may be anyone's."""
    remember_sent(request, response, application_id)
    # Without repeats: reopening one's own application again and again must not push another's
    # out of this list while it is still among those sent (sent_here would then be true of it).
    others = [pk for pk in request.session.get(REOPENED, []) if pk != application_id]
    request.session[REOPENED] = [application_id, *others][:KEEP]
    return response


def sent_here(request, application_id: int) -> bool:
    """Whether this browser sent the application itself (not only opened it with a code)."""
    return application_id not in request.session.get(REOPENED, [])


def remember_opened(request, application_id: int) -> None:
    """The patient proved with a one-time code that the application is theirs."""
    _new_key(request)
    request.session[OPENED] = (application_id, time.time())
    request.session.pop(ERASED, None)
    keep_until_browser_closes(request)


def opened_application_id(request) -> int | None:
    opened = request.session.get(OPENED)
    if not opened or time.time() - opened[1] >= OPENED_SECONDS:
        return None
    return opened[0]


def forget(request) -> None:
    """Nothing of the patient is left on this device: the session's data and its key go."""
    request.session.flush()


def forget_erased(request) -> None:
    """After an erasure here: nothing is left, and the browser is told it was deleted."""
    forget(request)
    request.session[ERASED] = True
    keep_until_browser_closes(request)


def erased_here(request) -> bool:
    return bool(request.session.get(ERASED))
