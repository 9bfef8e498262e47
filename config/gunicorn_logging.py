"""gunicorn's access log without what identifies a patient or opens their data (config.redact)."""

from gunicorn.glogging import Logger

from config.redact import redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):  # request line, path, referrer
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        if atoms.get("q"):  # the query string, without its "?"
            atoms["q"] = redact(f"?{atoms['q']}")[1:]
        return atoms
