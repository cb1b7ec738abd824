"""Running Newsroom's production shape on one machine: `make cluster` (ops/cluster.py).

Not part of the site: the commands and configuration an operator starts it with, and
what the cluster tests (tests/cluster/) start before they look.
"""
