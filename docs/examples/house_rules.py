"""Weather alert levels: a house rule that extracts the alert colour of a département.

A newsroom's own rule, loaded with ``extra-rules = ["house_rules.py"]``. It shows
the shape every rule module has: a docstring with Flags / Does not flag examples,
module metadata, and one pure function.

Flags:
- [fr] Le Var est placé en vigilance rouge.

Does not flag:
- [fr] Le Var est placé sous surveillance.
"""
import re

CODE = "X01"
NAME = "house.alert-level"
TYPE = "extractor"
KINDS = ("alert",)
LANGUAGES = ("fr",)

ALERT_RE = re.compile(r"\bvigilance (rouge|orange|jaune|verte)\b", re.I)


def extract(ctx):
    for m in ALERT_RE.finditer(ctx.text):
        yield {"start": m.start(), "end": m.end(), "kind": "alert", "value": m.group(1).lower(),
               "unit": "vigilance", "subject": "vigilance météo"}
