"""損保クラウド plan selector: the domain core (catalog, quotes, timeline, flowcharts), free of any UI."""

from sonpo.catalog import Catalog, load_catalog
from sonpo.errors import DomainError, InvalidSelection
from sonpo.i18n import Lang, t

__all__ = ["Catalog", "DomainError", "InvalidSelection", "Lang", "load_catalog", "t"]
