"""The activation timeline page (開通スケジュール), driven with AppTest as a user would. Expected dates are
docs/rules.md §4's worked examples or counted by hand from the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import open_app

PAGE = "views/timeline.py"


def open_timeline(**params: str) -> AppTest:
    at = open_app(PAGE, **params)
    assert at.title[0].value in ("開通スケジュール", "Activation timeline")
    return at


def order(at: AppTest, day: dt.date) -> AppTest:
    at.date_input(key="timeline.order_date.ja").set_value(day).run()
    assert not at.exception, at.exception
    return at


def plan(at: AppTest, plan_id: str) -> AppTest:
    at.radio(key="timeline.plan.ja").set_value(plan_id).run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize(
    ("day", "activation"),
    [
        (dt.date(2026, 11, 30), "2026年12月10日(木)"),  # docs/rules.md §4
        (dt.date(2026, 4, 28), "2026年5月14日(木)"),  # Golden Week
        (dt.date(2026, 12, 25), "2027年1月13日(水)"),  # year-end break, then 成人の日 2027-01-11
    ],
)
def test_common_plan_worked_examples(day: dt.date, activation: str) -> None:
    at = order(open_timeline(), day)
    assert metrics(at) == [activation, "8営業日"]
    assert "開通予定日は「申込受付完了メール」を必ずご確認ください" in captions(at)
    assert len(at.get("vega_lite_chart")) == 1


def test_individual_takes_23_and_hybrid_24_business_days() -> None:
    at = order(open_timeline(), dt.date(2026, 11, 30))
    # from Tue 12/1: Dec 1-4, 7-11, 14-18, 21-25, 28 = 20; break 12/29-1/3; Jan 4, 5, 6 = 23, Jan 7 = 24
    assert metrics(plan(at, "individual")) == ["2027年1月6日(水)", "23営業日"]
    assert metrics(plan(at, "hybrid")) == ["2027年1月7日(木)", "24営業日"]
    assert "※DNS情報取得のための所要日数を除く" in captions(at)
    assert "お申込み時点でドメイン移管が完了していることが前提" in captions(at)


def test_hybrid_with_dns_zone_support_counts_d_plus_24() -> None:
    at = plan(order(open_timeline(), dt.date(2026, 11, 30)), "hybrid")
    at.toggle(key="timeline.dns_support.ja").set_value(True).run()
    assert at.number_input(key="timeline.dns_days.ja").value == 10  # the default D
    # 10 + 24 = 34th business day after 11/30: Jan 18-22 are the 30th-34th → Fri 2027-01-22
    assert metrics(at) == ["2027年1月22日(金)", "34営業日"]
    assert "DNS情報収集10営業日＋24営業日" in captions(at)
    assert any("開通予定日が変動することがあります" in w.value for w in at.warning)
    at.number_input(key="timeline.dns_days.ja").set_value(5).run()
    # 5 + 24 = 29th business day: Jan 12-15 are the 26th-29th → Fri 2027-01-15
    assert metrics(at) == ["2027年1月15日(金)", "29営業日"]


def test_individual_steps_differ_by_domain() -> None:
    at = plan(order(open_timeline(), dt.date(2026, 11, 30)), "individual")
    todo = at.table[0].value
    own = ["ドメイン所有確認", "ユーザー登録", "セキュリティポリシー設定", "DNSレコード設定・MX切替"]
    assert list(todo["作業"]) == own
    at.radio(key="timeline.domain.ja").set_value("sub").run()
    assert list(at.table[0].value["作業"]) == ["ユーザー登録", "セキュリティポリシー設定"]
    assert metrics(at)[1] == "23営業日"


def test_customer_todo_list_with_dates() -> None:
    at = order(open_timeline(), dt.date(2026, 11, 30))
    todo = at.table[0].value
    # activation Thu 12/10, then one business day each: Fri 12/11, Mon 12/14
    assert todo.loc["2026年12月11日(金)", "作業"] == "パソコン初期設定"
    assert todo.loc["2026年12月14日(月)", "作業"] == "仮パスワード変更・多要素認証設定"
    hybrid = plan(at, "hybrid").table[0].value
    assert "お申込み前（2026年11月30日(月)まで）" in hybrid.index
    assert "ドメイン登録事業者をNTTコミュニケーションズへ移管（または新規登録）" in list(hybrid["作業"])


def test_the_three_plans_are_compared_for_the_same_order_date() -> None:
    at = order(open_timeline(), dt.date(2026, 11, 30))
    table = at.table[2].value
    assert list(table.index) == ["共通ルールプラン", "個別ルールプラン", "ハイブリッドプラン"]
    assert list(table["開通予定日"]) == ["2026年12月10日(木)", "2027年1月6日(水)", "2027年1月7日(木)"]
    assert list(table["選択中との差"]) == ["選択中", f"{23 - 8}営業日遅い", f"{24 - 8}営業日遅い"]


def test_a_weekend_order_date_is_allowed_and_explained() -> None:
    at = order(open_timeline(), dt.date(2026, 12, 26))
    notes = [i.value for i in at.info]
    assert any("2026年12月26日(土)は営業日ではありません" in n and "2026年12月28日(月)" in n for n in notes)
    # counting starts after Sat 12/26: Mon 12/28 (1), break, Jan 4-8 (2-6), Jan 12-13 (7-8) → Wed 2027-01-13
    assert metrics(at)[0] == "2027年1月13日(水)"


def test_a_shared_link_reopens_the_same_schedule() -> None:
    at = open_timeline(plan="hybrid", order_date="2026-11-30")
    assert at.radio(key="timeline.plan.ja").value == "hybrid"
    assert at.date_input(key="timeline.order_date.ja").value == dt.date(2026, 11, 30)
    assert metrics(at) == ["2027年1月7日(木)", "24営業日"]
    assert not at.warning


def test_the_url_follows_the_widgets() -> None:
    at = plan(order(open_timeline(), dt.date(2026, 12, 25)), "hybrid")
    at.toggle(key="timeline.dns_support.ja").set_value(True).run()
    at.number_input(key="timeline.dns_days.ja").set_value(12).run()
    assert at.query_params["plan"] == "hybrid"
    assert at.query_params["order_date"] == "2026-12-25"
    assert at.query_params["dns_support"] == "1"
    assert at.query_params["dns_days"] == "12"
    again = open_timeline(**dict(at.query_params))
    assert metrics(again) == metrics(at)


@pytest.fixture
def sunday(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Today in Japan is Sunday 2026-12-06 (the page reads the date through sonpo.timeline.view.today_in_japan)."""
    day = dt.date(2026, 12, 6)
    monkeypatch.setattr("sonpo.timeline.view.today_in_japan", lambda now=None: day)
    monkeypatch.setattr("ui.case.today_in_japan", lambda now=None: day)
    return day


def test_the_order_date_stays_in_the_link_even_when_it_is_today() -> None:
    at = open_timeline()
    assert "order_date" in at.query_params  # a link sent today must not move when opened tomorrow


def test_on_a_sunday_the_order_date_starts_as_monday(sunday: dt.date) -> None:
    """An order cannot complete on a Sunday: the page starts from Monday 12-07, and common's 8 business days
    end on Thursday 12-17 (Dec 8-11, 14-17)."""
    at = open_timeline()
    assert at.date_input(key="timeline.order_date.ja").value == dt.date(2026, 12, 7)
    assert at.query_params["order_date"] == "2026-12-07"
    assert metrics(at) == ["2026年12月17日(木)", "8営業日"]
    assert not any("営業日ではありません" in i.value for i in at.info)  # no "not a business day" notice
    assert "今日以降で最初の営業日" in captions(at)  # the field says where its first date comes from


def test_in_the_year_end_break_the_order_date_starts_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sonpo.timeline.view.today_in_japan", lambda now=None: dt.date(2026, 12, 29))
    monkeypatch.setattr("ui.case.today_in_japan", lambda now=None: dt.date(2026, 12, 29))
    at = open_timeline()
    assert at.date_input(key="timeline.order_date.ja").value == dt.date(2027, 1, 4)  # 12/29-1/3 closed


def test_a_tampered_date_falls_back_to_the_default_with_a_notice_and_keeps_the_plan(sunday: dt.date) -> None:
    at = open_timeline(plan="hybrid", order_date="2026-02-30")
    assert any("オーダー完了日" in w.value for w in at.warning)
    assert at.radio(key="timeline.plan.ja").value == "hybrid"
    assert at.date_input(key="timeline.order_date.ja").value == dt.date(2026, 12, 7)  # Monday, not the Sunday
    assert metrics(at)[1] == "24営業日"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"plan": "premium"}, "プラン"),
        ({"dns_days": "999"}, "DNS情報収集の営業日数"),
        ({"dns_support": "yes"}, "DNSゾーン情報サポート"),
        ({"domain": "evil"}, "ドメイン"),
        ({"order_date": "1999-12-31"}, "オーダー完了日"),
    ],
)
def test_every_bad_field_of_a_link_is_named_and_the_rest_kept(params: dict[str, str], field: str) -> None:
    at = open_timeline(**({"plan": "hybrid", "order_date": "2026-11-30"} | params))
    assert any(field in w.value for w in at.warning)
    if "order_date" not in params:
        assert at.date_input(key="timeline.order_date.ja").value == dt.date(2026, 11, 30)
    if "plan" not in params:
        assert at.radio(key="timeline.plan.ja").value == "hybrid"


def test_english_writes_dates_the_english_way() -> None:
    at = open_timeline(lang="en", order_date="2026-11-30")
    assert at.title[0].value == "Activation timeline"
    assert metrics(at) == ["Thu 10 Dec 2026", "8 business days"]
    assert list(at.table[2].value["Activation date"]) == ["Thu 10 Dec 2026", "Wed 6 Jan 2027", "Thu 7 Jan 2027"]
    text = captions(at) + "".join(t.value.to_string() for t in at.table)
    assert "営業日" not in text and "開通" not in text


def test_the_choices_survive_a_visit_to_another_page() -> None:
    at = plan(order(open_timeline(), dt.date(2026, 12, 25)), "individual")
    at.switch_page("views/overview.py").run()
    at.switch_page(PAGE).run()
    assert at.radio(key="timeline.plan.ja").value == "individual"
    assert at.date_input(key="timeline.order_date.ja").value == dt.date(2026, 12, 25)
