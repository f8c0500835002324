"""The customer's documents of a case: the 見積書 and 提案書 as PDF (reportlab, the Japanese font
embedded), the activation calendar (.ics) and the quote's line items as CSV. The only part of sonpo
that loads reportlab: the core never imports this package."""

from sonpo.documents.export import quote_csv
from sonpo.documents.ics import calendar_ics
from sonpo.documents.proposal import ProposalInput, proposal_pdf
from sonpo.documents.quotation import quote_number, quote_pdf

__all__ = ["ProposalInput", "calendar_ics", "proposal_pdf", "quote_csv", "quote_number", "quote_pdf"]
