"""The dependency audit of CI: pip-audit over the locked, hash-checked dependencies.

Fails on any known vulnerability. When the advisory source cannot be reached from this machine
(every package comes back unaudited), it says so plainly and passes: no audit ran, and the log
says that rather than showing a clean result. Any other partial answer fails.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def main() -> int:
    command = [
        str(BIN / "pip-audit"),
        "--disable-pip",
        "--require-hashes",
        "-r",
        "requirements/dev.txt",
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout, result.stderr, sep="\n")
        print("dependency audit: pip-audit gave no report (see above)")
        return 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    unaudited = [d for d in dependencies if d.get("skip_reason")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release"
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        print(f"dependency audit: {len(vulnerable)} locked packages have known vulnerabilities")
        return 1
    if dependencies and len(unaudited) == len(dependencies):
        print(
            f"dependency audit NOT RUN: the advisory source answered for none of the {len(dependencies)} locked "
            f"packages from this machine (first reason: {unaudited[0]['skip_reason']}). "
            "Run `make audit` where it can be reached."
        )
        return 0
    if unaudited:
        for dependency in unaudited:
            print(f"UNAUDITED {dependency['name']} {dependency['version']}: {dependency['skip_reason']}")
        print(f"dependency audit: {len(unaudited)} of {len(dependencies)} packages could not be audited")
        return 1
    print(f"dependency audit: {len(dependencies)} locked packages, no known vulnerability")
    return 0


if __name__ == "__main__":
    sys.exit(main())
