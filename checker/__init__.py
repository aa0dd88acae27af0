"""recoupe's engine: corpus loading, claims, the rule registry, extraction, comparison, outputs."""

from recoupe import __version__

__all__ = ["__version__"]
