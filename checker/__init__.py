"""recoupe: cross-check the numbers, dates and roles that a story's articles state."""

__version__ = "0.1.0"
