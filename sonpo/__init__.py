"""損保クラウド plan selector: the domain core (catalog, quotes, timeline, flowcharts), free of any UI.

Import what you use from its modules (sonpo.catalog, sonpo.quote, ...): the package itself imports
nothing, so `python -m sonpo` can start before any of them is loaded (see sonpo/__main__.py)."""
