"""Genoptræningsguiden's domain package: knowledge, municipalities, deadlines and answers.

Imported by the Rasa actions, the web API and the staff tools alike, so that each idea lives in
one place. Nothing heavy happens at import time.
"""

from pathlib import Path

#: The repository root (this package lives directly under it).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
