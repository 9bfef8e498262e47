"""Why a criterion came out as it did, kept so that each reader sees it in their own language."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reason:
    """Why a criterion came out as it did: an English template marked for translation, and its
    values. An evaluation stores both, so that each reader (the patient, a coordinator, an e-mail)
    sees the same stored reason in their own language (`recruitment.screening.wording`).

    Values under `CODED_ARGS` names are codes (treatments, diagnoses...) that the reader's language
    names; the English text stored beside the template keeps the codes, as coordinators' exports do.
    """

    template: str
    args: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template % {k: _plain(k, v) for k, v in self.args.items()} if self.args else self.template

    def then(self, template: str) -> Reason:
        """This reason followed by another clause: `template` holds `%(first)s` for this one."""
        return Reason(template, {"first": self.as_dict()})

    def as_dict(self) -> dict:
        return {"template": self.template, "args": self.args}


def _plain(name, value):
    """A value as the stored English words show it: codes as they are, sex in lower case."""
    if isinstance(value, dict) and "template" in value:  # a nested reason
        return str(Reason(value["template"], value.get("args", {})))
    if name == "sex":
        return value.lower()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def reason(template: str, **args) -> Reason:
    return Reason(template, args)
