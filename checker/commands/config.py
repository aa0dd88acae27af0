"""``recoupe config [PATH]``: the effective configuration and where each value comes from."""
from __future__ import annotations

import argparse
import json

from ..errors import EXIT_OK
from .session import settings_for, write


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    out = {"file": settings.path, "root": settings.root, "settings": settings.public(),
           "origins": {k.replace("_", "-"): v for k, v in settings.origins.items()}}
    write(json.dumps(out, ensure_ascii=False, indent=2) + "\n", None)
    return EXIT_OK
