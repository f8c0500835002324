"""`python -m sonpo`: the command line.

A command runs once and exits, so the cyclic garbage collector is off from the first import: reference
counting frees what a command makes, and the collector's passes over the objects of every imported module
(pydantic's above all) were about a tenth of the start-up (bench/bulk.py). The bulk engine runs without
it anyway (sonpo.bulk.engine._batch)."""

import gc

gc.disable()

from sonpo.cli import main  # noqa: E402 (after the collector is off)

raise SystemExit(main())
