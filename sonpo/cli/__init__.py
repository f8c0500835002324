"""The command line (`python -m sonpo quote|schedule|recommend|bulk|document`): flags read into the
same values the pages build, answered by the same core, printed as tables, JSON or CSV."""

from sonpo.cli.main import main

__all__ = ["main"]
