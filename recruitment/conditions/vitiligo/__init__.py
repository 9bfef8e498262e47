"""Vitiligo (白癜风): its score (the self-reported body surface and VASI, `score.py`), its kinds
of criterion (`kinds.py`), its answers (`models.py`, `answers.py`), its questionnaire section
(`questions.py`), templates (`templates/conditions/vitiligo/`) and script (`static/`)."""
