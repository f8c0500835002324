"""損保クラウド plan selector: the domain, free of any UI.

The core (this folder's modules) answers the business's questions: the case and its link (`case`), the
catalog (`catalog`, `names`), prices and tax (`pricing`, `packs`, `quote`, `money`), which options a plan
offers (`options`), the plans compared (`compare`), the flowcharts (`flow`), who does what around an
order (`duties`), texts (`i18n`, `display`).
Around it, feature packages that the core never imports: `timeline` (business days and the activation
schedule), `documents` (PDF, .ics, CSV of one case), `bulk` (many rows from a CSV) and `cli` (the
command line). Each package's `__init__` names what it offers.

The package itself imports nothing, so `python -m sonpo` starts with only what its command needs."""
