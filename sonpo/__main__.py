"""`python -m sonpo`: the command line."""

from sonpo.cli import main

raise SystemExit(main())
