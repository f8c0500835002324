"""Bulk quotes (一括見積り): one quote per row of a CSV that Japanese Excel saved, and a result CSV it
opens. Reading (`read`), cells (`cells`), pricing (`price`) and writing (`write`) are one file each;
`engine` joins them for the /bulk page and `python -m sonpo bulk`."""

from sonpo.bulk.engine import (
    COLUMN_IDS,
    MAX_BYTES,
    MAX_ROWS,
    MAX_UPLOAD_MB,
    BulkFileError,
    BulkResult,
    column_guide,
    cp932_error,
    example_records,
    make_table,
    quote_file,
    quote_table,
    run,
    stream,
    template_csv,
    to_bytes,
    unique_header,
)

__all__ = [
    "COLUMN_IDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "MAX_UPLOAD_MB",
    "BulkFileError",
    "BulkResult",
    "column_guide",
    "cp932_error",
    "example_records",
    "make_table",
    "quote_file",
    "quote_table",
    "run",
    "stream",
    "template_csv",
    "to_bytes",
    "unique_header",
]
