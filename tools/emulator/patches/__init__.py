"""Fidelity patches: where moto differs from AWS, we restore AWS's behaviour here.

Each module in this package fixes one difference. Its docstring names the AWS behaviour it restores and the
moto version it was seen in; ``apply()`` installs it; ``tests/emulator/test_patches.py`` proves it over HTTP.
The collection never knows any of this: it sends exactly what it would send to AWS.
"""

import importlib
import pkgutil


def names():
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def apply_all():
    applied = []
    for name in names():
        module = importlib.import_module(f"{__name__}.{name}")
        module.apply()
        applied.append(name)
    return applied
