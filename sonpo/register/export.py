"""The register's list as CSV that Japanese Excel opens safely: UTF-8 with BOM or CP932, text cells neutralised
against formula injection with the bulk writer's rule (sonpo.bulk.write.neutralise)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Literal
from urllib.parse import urlencode

from sonpo.bulk.write import neutralise
from sonpo.i18n import Lang, t
from sonpo.printable import addressee_line
from sonpo.register.model import Issued, RegisterError

COLUMNS = ("number", "revision", "issued", "valid_until", "addressee", "plan", "months", "monthly_excl",
           "monthly_incl", "one_time_excl", "one_time_incl", "total_excl", "total_incl", "issuer_company",
           "issuer_person", "issued_by", "effective_date", "link")
Cell = str | int


def header(lang: Lang) -> list[Cell]:
    return [t(f"register.csv.{c}", lang) for c in COLUMNS]


def row(i: Issued, lang: Lang) -> list[Cell]:
    text = [
        i.number, i.issued.isoformat(), i.valid_until.isoformat(),
        addressee_line(i.addressee, i.honorific, lang), t(f"plan.{i.plan}.name", lang),
    ]
    amounts = [i.months, i.monthly.excl_tax, i.monthly.incl_tax, i.one_time.excl_tax, i.one_time.incl_tax,
               i.total.excl_tax, i.total.incl_tax]
    more = [i.issuer.company, i.issuer.person, i.issued_by, i.effective_date.isoformat(), urlencode(i.query)]
    number, *rest = (neutralise(c) for c in text)
    return [number, i.revision, *rest, *amounts, *(neutralise(c) for c in more)]


def to_csv(rows: Sequence[Issued], encoding: Literal["utf-8-sig", "cp932"], lang: Lang) -> bytes:
    """A header and one row per quotation. A character CP932 cannot hold is refused naming the quotation."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header(lang))
    for i in rows:
        cells = row(i, lang)
        if encoding == "cp932":
            for cell in cells:
                try:
                    str(cell).encode("cp932")
                except UnicodeEncodeError as e:
                    char = str(cell)[e.start]
                    raise RegisterError("unencodable", number=i.number, char=char,
                                        codepoint=f"U+{ord(char):04X}") from None
        w.writerow(cells)
    return buf.getvalue().encode(encoding)
