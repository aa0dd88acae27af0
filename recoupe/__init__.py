"""recoupe: cross-check the numbers, dates and roles that a story's articles state.

The engine is :mod:`recoupe.checker`, the rule modules are :mod:`recoupe.rules`
(in the repository: ``checker/`` and ``rules/``).
"""

__version__ = "0.1.0"
