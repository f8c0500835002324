"""Two kinds of visitor (docs/rules.md §9, §11), driven with AppTest: the public gets a 概算 and types no issuer;
staff (AppTest.user: Streamlit's public way to be signed in, as st.login leaves a user) issue the 御見積書 through the
register, find it on the staff page, reissue and reprint it, and keep their issuer profile."""

from __future__ import annotations

import datetime as dt
import socket
import time

import pytest
from streamlit.testing.v1 import AppTest

from sonpo.register import Register
from tests.inert import read
from tests.pages.apptest import APP
from ui import staff


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])

AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "app",
        "client_secret": "s", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
SECRETS = {"auth": AUTH, "sonpo": {"staff": {"email_domains": ["agency.example"], "emails": ["boss@other.example"]}}}
STAFF = {"is_logged_in": True, "email": "rep@agency.example", "email_verified": True}


def visit(page: str | None = None, *, secrets: dict[str, object] | None = None, user: dict[str, object] | None = None,
          **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    if secrets:
        at.secrets = dict(secrets)
    if user is not None:
        at.user = dict(user)
    for key, value in params.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(page)
    return run(at)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.success, *at.warning, *at.error)]
    return "\n".join(read(str(p)) for p in parts)  # what a person reads (ui.md's escapes undone)


def downloads(at: AppTest) -> list[str]:
    return [b.label for b in at.get("download_button")]


def open_documents(at: AppTest) -> AppTest:
    at.button(key="estimate.documents").click()
    return run(at)


# ---- the public ----------------------------------------------------------------------------


def test_a_public_visitor_types_no_issuer_and_gets_an_estimate_not_a_quotation() -> None:
    at = visit("views/estimate.py", plan="common", ids="10")
    assert not [w for w in at.text_input if str(w.key).startswith(("issuer.", "staff."))]
    assert "発行元" not in shown(at)
    assert not [b for b in at.button if str(b.key).startswith("staff.")]  # no sign-in without configuration
    open_documents(at)
    assert downloads(at)[:2] == ["概算お見積り（PDF）", "提案書（PDF）"]
    assert "御見積書（PDF）" not in downloads(at)
    assert not [b for b in at.button if b.key == "docs.issue"]
    text = shown(at)
    assert "正式なお見積りではなく、見積番号・有効期限はありません" in text and "見積番号：" not in text


def test_the_staff_path_shows_a_public_visitor_nothing_of_the_register(register: Register) -> None:
    register.issue(visit().session_state["case"], issuer=staff.load_issuer(), issued_by="rep@agency.example",
                   issued=dt.date(2026, 12, 7), lang="ja")
    for secrets, user in ((None, None), (SECRETS, {"is_logged_in": False}),
                          (SECRETS, {"is_logged_in": True, "email": "someone@gmail.example"})):
        at = visit("views/staff.py", secrets=secrets, user=user)
        assert "スタッフ専用" in at.info[0].value
        assert not at.dataframe and not at.get("download_button") and not at.text_input
        assert not [link for link in at.get("page_link") if "staff" in str(link.proto.page)]


def test_sign_in_is_offered_once_configured_and_a_non_staff_account_is_told_so() -> None:
    at = visit("views/estimate.py", secrets=SECRETS, user={"is_logged_in": False}, plan="common", ids="10")
    assert at.sidebar.button(key="staff.login").label == "スタッフログイン"
    at = visit("views/estimate.py", secrets=SECRETS, user={"is_logged_in": True, "email": "rep@agency.example.net"},
               plan="common", ids="10")
    assert "スタッフとして登録されていないため、一般のお客様と同じ画面です" in shown(at)
    assert at.sidebar.button(key="staff.logout").label == "ログアウト"
    assert "概算お見積り（PDF）" in downloads(open_documents(at))  # still the public's document


def test_a_staff_session_ends_after_the_configured_hours(register: Register) -> None:
    signed_in = time.time() - 9 * 3600  # the default is 8 hours
    at = visit("views/staff.py", secrets=SECRETS, user={**STAFF, "iat": signed_in})
    assert "8時間が過ぎました" in at.info[0].value and not at.dataframe
    assert at.button(key="staff.page_login").label == "スタッフログイン"
    longer = {**SECRETS, "sonpo": {"staff": {"emails": ["rep@agency.example"], "session_hours": 12}}}
    at = visit("views/staff.py", secrets=longer, user={**STAFF, "iat": signed_in})
    assert "スタッフ専用" not in shown(at) and "スタッフとしてログイン中：rep@agency.example" in shown(at)


# ---- staff ------------------------------------------------------------------------------------


def test_staff_are_offered_to_issue_the_quotation_instead_of_the_estimate(register: Register) -> None:
    at = visit("views/estimate.py", secrets=SECRETS, user=STAFF, plan="common", ids="10")
    assert "スタッフとしてログイン中：rep@agency.example" in shown(at)
    assert any("staff" in str(link.proto.page) for link in at.get("page_link"))
    open_documents(at)
    assert "概算お見積り（PDF）" not in downloads(at) and "提案書（PDF）" in downloads(at)
    assert at.button(key="docs.issue").label == "御見積書を発行"
    at.button(key="docs.issue").click()
    run(at)  # (in the browser the click reruns only the dialog, which AppTest does not do: tests/e2e/test_staff.py)
    [issued], total = register.search(register_query(), limit=10)
    assert total == 1 and issued.revision == 1 and issued.issued_by == "rep@agency.example"
    assert issued.monthly.incl_tax == 16500  # brochure: 1,500円 × 10 IDs, with 10% tax


def test_staff_find_the_quotation_reissue_it_and_keep_revision_one(register: Register) -> None:
    from sonpo.case import Case

    register.issue(Case(plan="common", ids=10, addressee="サンプル保険代理店"), issuer=staff.load_issuer(),
                   issued_by="rep@agency.example", issued=dt.date(2026, 12, 7), lang="ja")
    [issued] = register.search(register_query(), limit=10)[0]

    at = visit("views/staff.py", secrets=SECRETS, user=STAFF)
    table = at.dataframe[0].value
    assert list(table["number"]) == [issued.number] and list(table["addressee"]) == ["サンプル保険代理店"]
    [link] = table["case"]
    assert link.startswith("estimate?") and "addressee=" in link
    assert downloads(at)[-1] == "第1版を再印刷（PDF）"
    at.button(key=f"staff.reissue.{issued.number}").click()
    run(at)
    assert f"見積番号 {issued.number} の第2版を発行しました" in shown(at)
    assert [r.revision for r in register.revisions(issued.number)] == [1, 2]
    assert [label for label in downloads(at) if "再印刷" in label] == ["第2版を再印刷（PDF）", "第1版を再印刷（PDF）"]


def register_query() -> object:
    from sonpo.register import Query

    return Query()


def test_the_search_narrows_the_list_and_pages_it(register: Register) -> None:
    from sonpo.case import Case

    for i in range(60):
        register.issue(Case(plan="hybrid" if i % 3 == 0 else "common", ids=5, addressee=f"代理店{i:02d}"),
                       issuer=staff.load_issuer(), issued_by="rep@agency.example", issued=dt.date(2026, 12, 7),
                       lang="ja")
    at = visit("views/staff.py", secrets=SECRETS, user=STAFF)
    assert "60件中 1〜50件目" in shown(at) and len(at.dataframe[0].value) == 50
    at.number_input(key="staff.page").set_value(2)
    run(at)
    assert "60件中 51〜60件目" in shown(at) and len(at.dataframe[0].value) == 10
    at.selectbox(key="staff.q.plan").set_value("hybrid")
    at.text_input(key="staff.q.addressee").set_value("代理店1")
    at.button(key="FormSubmitter:staff.search-検索").click()
    run(at)
    assert list(at.dataframe[0].value["addressee"]) == ["代理店18", "代理店15", "代理店12"]  # 10–19, every third


def test_the_issuer_profile_is_saved_and_a_bad_field_is_named_under_it_and_kept(register: Register) -> None:
    at = visit("views/staff.py", secrets=SECRETS, user=STAFF)
    at.text_input(key="staff.profile.company").set_value("ABC保険サービス😀")
    at.text_input(key="staff.profile.registration_number").set_value("T7010001065143")  # last digit mistyped
    at.button(key="FormSubmitter:staff.profile-プロフィールを保存").click()
    run(at)
    assert [e.value for e in at.error] == [
        "発行元の会社名の「😀」は見積書・提案書のフォントにない文字のため印刷できません（空白の四角になります）。"
        "別の文字に置き換えてください（例：つちよしの「𠮷」は「吉」に、絵文字は削除）。",
        "発行元の登録番号（インボイス）「T7010001065143」は番号に誤りがあります（先頭の検査用数字が残りの12桁と合いません）。"
        "登録通知書の番号をご確認ください。"]
    assert at.text_input(key="staff.profile.registration_number").value == "T7010001065143"  # kept, to correct
    assert register.profile("rep@agency.example") is None  # nothing saved while a field is wrong
    assert at.text_input(key="staff.profile.company").value == "ABC保険サービス😀"
    at.text_input(key="staff.profile.company").set_value("ABC保険サービス")
    at.text_input(key="staff.profile.registration_number").set_value("Ｔ７０１０００１０６５１４２")  # full width: fine
    at.text_input(key="staff.profile.phone").set_value("03-1111-2222")
    at.button(key="FormSubmitter:staff.profile-プロフィールを保存").click()
    run(at)
    assert not at.error and "発行元プロフィールを保存しました" in shown(at)
    saved = register.profile("rep@agency.example")
    assert saved is not None and (saved.company, saved.phone, saved.registration_number) == (
        "ABC保険サービス", "03-1111-2222", "T7010001065142")
    again = visit("views/estimate.py", secrets=SECRETS, user=STAFF, plan="common", ids="5")  # a new session
    assert "03-1111-2222" in shown(again)  # the next step names the rep's own contact


def test_a_register_that_cannot_be_reached_is_said_so_and_the_rest_of_the_app_works(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = _free_port()  # nobody listens there
    monkeypatch.setenv("SONPO_REGISTER_URL", f"postgresql+psycopg://sonpo@127.0.0.1:{closed}/sonpo?connect_timeout=2")
    staff.register.clear()
    try:
        at = visit("views/estimate.py", secrets=SECRETS, user=STAFF, plan="common", ids="10")
        assert "月額合計（税抜）" in {m.label for m in at.metric}  # the estimate as ever
        at = visit("views/staff.py", secrets=SECRETS, user=STAFF)
        [error] = at.error
        assert error.value.startswith("見積台帳のデータベースに接続できません")
    finally:
        staff.register.clear()
