"""損保クラウド plan selector: the domain, free of any UI.

The core answers the business's questions: the case and its link (`case`), the catalog (`catalog`,
`names`), prices and tax (`pricing`, `packs`, `quote`, `money`), which options a plan offers (`options`),
the plans compared (`compare`), the flowcharts (`flow`), who does what (`duties`), what a document can
print (`printable`), texts (`i18n`, `display`), and the activation timeline (the `timeline` package:
business days, the schedule and its view). Around it, adapters that the core never imports:
`documents` (PDF, .ics, CSV of one case), `bulk` (many rows from a CSV) and `cli` (the command line).
tests/unit/test_layout.py holds that line; each package's `__init__` names what it offers.

The package itself imports nothing, so `python -m sonpo` starts with only what its command needs.
See docs/architecture.md for a tour and docs/rules.md for the rules the code cites."""
