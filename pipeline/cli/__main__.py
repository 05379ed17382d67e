"""``python -m pipeline.cli``: the ``kg`` command without its console script."""

from pipeline.cli import console

console()
