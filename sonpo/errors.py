"""Domain errors: a machine-readable code, the field concerned, and a message in each language."""

from __future__ import annotations

from collections.abc import Sequence

from sonpo.i18n import Lang, listing, t


def _localised(params: dict[str, object], lang: Lang) -> dict[str, object]:
    """Ids of plans, options and domains in params, replaced by their names in `lang`."""
    out = dict(params)
    for key, prefix, suffix in (("plan", "plan.", ".name"), ("option", "option.", ".name"), ("domain", "domain.", "")):
        if isinstance(out.get(key), str):
            out[key] = t(f"{prefix}{out[key]}{suffix}", lang)
    if isinstance(out.get("plans"), str):
        out["plans"] = listing((t(f"plan.{p}.name", lang) for p in str(out["plans"]).split(",") if p), lang)
    return out


class DomainError(Exception):
    """A rule of the brochure refused the input. `code` keys the message under `error.<code>`."""

    def __init__(self, code: str, field: str, **params: object) -> None:
        self.code = code
        self.field = field
        self.params = params
        # The English text is made when the error is shown (str), not here: a bulk file can refuse
        # thousands of rows, and most errors are only ever shown in the user's language.
        super().__init__(code, field)

    def __str__(self) -> str:
        return f"{self.field}: {self.message('en')}"

    def message(self, lang: Lang = "ja") -> str:
        """The message in `lang`; a template may name the field as {field} (its label in `lang`)."""
        return t(f"error.{self.code}", lang, field=self.field_label(lang), **_localised(self.params, lang))

    def field_label(self, lang: Lang = "ja") -> str:
        return t(f"field.{self.field}", lang)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, DomainError)
            and (self.code, self.field, self.params) == (other.code, other.field, other.params)
        )

    def __hash__(self) -> int:
        return hash((self.code, self.field))


class InvalidSelection(DomainError):
    """One or more rules refused a selection; `errors` holds every one, first one first."""

    def __init__(self, errors: Sequence[DomainError]) -> None:
        if not errors:
            raise ValueError("InvalidSelection needs at least one error")
        self.errors = tuple(errors)
        first = self.errors[0]
        super().__init__(first.code, first.field, **first.params)

    def by_field(self) -> dict[str, DomainError]:
        """The first error of each field, for showing beside the widget."""
        out: dict[str, DomainError] = {}
        for e in self.errors:
            out.setdefault(e.field, e)
        return out
