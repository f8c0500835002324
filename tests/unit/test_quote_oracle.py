"""The one pricing function equals the engine it replaced, for every selection hypothesis draws (issue 9).

The old engine (pydantic results, commit e1f2f07) lives on verbatim in `old_quote_oracle.py` as the
oracle: same lines, totals, period, packs and JSON for a valid selection, the same errors in the
same order for an invalid one.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sonpo.errors import InvalidSelection
from sonpo.quote import Selection, check, price, quote
from tests.unit.old_quote_oracle import old_check, old_quote

counts = st.one_of(st.integers(-3, 3), st.integers(0, 400), st.integers(-(10**6), 10**6))
selections = st.builds(
    Selection,
    plan=st.sampled_from(["common", "individual", "hybrid"]),
    ids=st.one_of(st.integers(-2, 60), st.integers(0, 400)),
    domain=st.sampled_from([None, "designated", "own", "sub"]),
    domains=st.one_of(st.none(), st.integers(-2, 120)),
    msb_licences=st.one_of(st.integers(-2, 300), st.integers(0, 10_100)),
    mail_archive_ids=counts,
    iijid_ids=counts,
    dns_zone_support=st.booleans(),
    months=st.integers(-1, 130),
)


@settings(max_examples=600, deadline=None)
@given(selections)
def test_new_pricing_equals_the_old_engine(sel: Selection) -> None:
    assert check(sel) == old_check(sel)
    try:
        want = old_quote(sel)
    except InvalidSelection as e:
        try:
            quote(sel)
        except InvalidSelection as got:
            assert got.errors == e.errors
        else:
            raise AssertionError("the new engine priced what the old one refused") from None
        return
    got = quote(sel)
    assert [(x.item, x.unit_price, x.quantity, x.amount, x.kind) for x in got.lines] == [
        (x.item, x.unit_price, x.quantity, x.amount, x.kind) for x in want.lines
    ]
    for name in ("monthly", "initial", "period"):
        assert getattr(got, name).as_json() == getattr(want, name).model_dump()
    assert dict(got.msb_packs.counts) == want.msb_packs.counts
    assert (got.msb_packs.licences, got.msb_packs.monthly) == (want.msb_packs.licences, want.msb_packs.monthly)
    assert got.selection == want.selection
    assert got.as_json() == want.as_json()
    # the plain-integer entry point is the same function
    s = want.selection
    assert price(s.plan, s.ids, s.domain, s.domains, s.msb_licences, s.mail_archive_ids, s.iijid_ids,
                 s.dns_zone_support, s.months) == got
