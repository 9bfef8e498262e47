"""Alopecia areata (斑秃): its score (the self-reported SALT, `score.py`), its kinds of criterion
(`kinds.py`), its answers (`models.py`, `answers.py`), its questionnaire section (`questions.py`)
and templates (`templates/conditions/alopecia_areata/`)."""
