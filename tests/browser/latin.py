"""How much of a page a Chinese reader would meet in Latin letters.

Registry numbers, drug codes, score names, reference codes and addresses are written in Latin
letters in Chinese too; they are taken out before counting. What remains in Latin letters is
counted against what is in Chinese characters.
"""

import re

ALLOWED = re.compile(
    r"https?://\S+"  # the sign-up address under a QR code
    r"|[\w-]+(?:\.[\w-]+)+(?::\d+)?/\S*"  # a short link printed without its scheme
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)*"  # e-mail addresses (privacy@localhost too)
    # Chinese characters are word characters too: \b finds no edge in "JAK抑制剂", so the edges
    # are "no Latin letter or digit next to it".
    r"|(?<![A-Za-z0-9])(?:"
    r"NCT\d{8}"  # registry numbers
    r"|[A-Z]{1,5}-?\d[A-Za-z0-9-]*"  # drug codes: CTP-543, SHR0302, PF-06651600
    r"|[A-Z0-9]{4}-[A-Z0-9]{4}"  # reference codes
    r"|\d{4}-\d{2}-v\d+|v-[0-9a-f]{10}"  # consent text versions (dated, then digests)
    r"|F-VASI|T-VASI|VASI|SALT|BSA|AA-IGA|JAK|DPCP|SADBE|NB-UVB|HIV"  # score, drug-class and method names
    r")(?![A-Za-z0-9])"
)
LATIN = re.compile(r"[A-Za-z]")
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def latin_share(text: str) -> float:
    """Latin letters / (Latin letters + Chinese characters), after the allowed names are removed."""
    rest = ALLOWED.sub(" ", text)
    latin, chinese = len(LATIN.findall(rest)), len(CHINESE.findall(rest))
    return latin / (latin + chinese) if latin + chinese else 0.0


def latin_words(text: str) -> list[str]:
    """The Latin words left once the allowed names are removed: what a failing test shows."""
    return re.findall(r"[A-Za-z][A-Za-z'-]*", ALLOWED.sub(" ", text))
