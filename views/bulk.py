"""Bulk quotes (一括見積り): upload a CSV or type rows, see what was quoted and refused, download for Excel."""

import pandas as pd
import streamlit as st

import ui
from sonpo import bulk
from sonpo.catalog import load_catalog
from sonpo.errors import DomainError
from sonpo.i18n import Lang

L = ui.lang()
PREVIEW_ROWS = 1_000
MAX_MB = int(st.get_option("server.maxUploadSize"))



@st.cache_resource(max_entries=2, ttl=3600, show_spinner=False)
def quote_upload(data: bytes, lang: Lang, max_bytes: int) -> bulk.Download | DomainError:
    """A large file is quoted once, not again on every click (the result holds no user session state)."""
    try:
        return bulk.quote_file(data, lang, max_bytes)
    except DomainError as e:
        return e


st.title(ui.tr("bulk.title"))
st.write(ui.tr("bulk.lead"))

with st.expander(ui.tr("bulk.guide_title"), icon=":material/view_column:"):
    st.table(pd.DataFrame(bulk.column_guide(L)).map(ui.md))
    st.caption(ui.tr("bulk.guide_note"))
st.download_button(
    ui.tr("bulk.template"), bulk.template_csv(L), file_name=ui.tr("bulk.template_file"), mime="text/csv",
    icon=":material/download:", key="bulk.template", on_click="ignore",
)

# The page's own choice (not part of the case); its translated labels need a key per language.
SOURCE, source_key = "bulk.source", f"bulk.source.{L}"
st.session_state.setdefault(SOURCE, "editor" if st.query_params.get("source") == "editor" else "upload")
st.session_state[source_key] = st.session_state[SOURCE]


def keep_source() -> None:
    if st.session_state[source_key] is not None:  # a click on the chosen one deselects it: keep it
        st.session_state[SOURCE] = st.session_state[source_key]


source = st.segmented_control(
    ui.tr("bulk.source_label"), ("upload", "editor"), key=source_key, on_change=keep_source,
    format_func=ui.labels(("upload", "editor"), lambda s: ui.tr(f"bulk.source.{s}")),
) or st.session_state[SOURCE]
outcome: bulk.Download | DomainError | None = None
if source == "editor":
    st.caption(ui.tr("bulk.editor_help"))
    version = st.session_state.setdefault("bulk.editor_version", 0)
    if st.button(ui.tr("bulk.example_button"), icon=":material/edit_note:", key="bulk.examples"):
        st.session_state["bulk.editor_base"] = pd.DataFrame(bulk.example_records(L), dtype=str)
        st.session_state["bulk.editor_version"] = version = version + 1
    base = st.session_state.setdefault("bulk.editor_base", pd.DataFrame(columns=bulk.COLUMN_IDS, dtype=str))
    edited = st.data_editor(
        base, key=f"bulk.editor.{version}", num_rows="dynamic", hide_index=True, width="stretch",
        column_config={c: st.column_config.TextColumn(ui.tr(f"bulk.column.{c}")) for c in bulk.COLUMN_IDS},
    )
    rows = edited.astype(object).where(edited.notna(), "").astype(str).values.tolist()
    table = bulk.make_table(list(edited.columns), rows)
    if table.rows:
        outcome = bulk.download(bulk.quote_table(table, L))
    else:
        st.info(ui.tr("bulk.no_rows"), icon=":material/info:")
else:
    upload = st.file_uploader(
        ui.tr("bulk.upload", max=MAX_MB, rows=f"{bulk.MAX_ROWS:,}"), type=["csv"], key="bulk.upload",
        max_upload_size=MAX_MB,
    )
    if upload is None:
        st.info(ui.tr("bulk.no_rows"), icon=":material/info:")
    else:
        outcome = quote_upload(upload.getvalue(), L, MAX_MB * 1024 * 1024)
        if isinstance(outcome, bulk.Download):
            st.caption(ui.tr("bulk.read_info", name=upload.name, encoding=outcome.result.table.encoding))

if isinstance(outcome, DomainError):
    st.error(outcome.message(L), icon=":material/error:")
elif outcome is not None:
    result = outcome.result
    if result.refused:
        st.warning(f"{result.summary()}　{ui.tr('bulk.refused_note')}", icon=":material/warning:")
    else:
        st.success(result.summary(), icon=":material/check_circle:")

    cols = st.columns(2)
    cols[0].download_button(
        ui.tr("bulk.download_utf8"), outcome.utf8, file_name=ui.tr("bulk.result_file"), mime="text/csv",
        icon=":material/download:", type="primary", key="bulk.download_utf8", on_click="ignore",
    )
    cols[1].download_button(
        ui.tr("bulk.download_cp932"), outcome.cp932 or b"", file_name=ui.tr("bulk.result_file"), mime="text/csv",
        icon=":material/download:", disabled=outcome.cp932 is None, key="bulk.download_cp932", on_click="ignore",
    )
    if outcome.cp932_error is not None:
        cols[1].error(outcome.cp932_error.message(L), icon=":material/error:")
    st.caption(ui.tr("bulk.encoding_note"))

    if result.refused:
        st.subheader(ui.tr("bulk.refused_title"))
        refused = pd.DataFrame(
            result.refused_rows()[:PREVIEW_ROWS],
            columns=[ui.tr("bulk.refused_row"), ui.tr("bulk.column.name"), ui.tr("bulk.result.error")],
        )
        error_col = {ui.tr("bulk.result.error"): st.column_config.Column(width="large")}
        st.dataframe(refused, hide_index=True, width="stretch", column_config=error_col)

    st.subheader(ui.tr("bulk.preview"))
    shown = result.rows()[:PREVIEW_ROWS]
    preview = pd.DataFrame(shown, columns=bulk.unique_header(result.header()))
    preview.index = pd.RangeIndex(1, len(shown) + 1)
    pinned = [preview.columns[i] for i, c in enumerate(result.table.columns) if c == "name"]
    pinned.append(preview.columns[len(result.table.header)])  # the result column: quoted or refused
    st.dataframe(preview, width="stretch", column_config={c: st.column_config.Column(pinned=True) for c in pinned})
    if len(result.outcomes) > PREVIEW_ROWS:
        st.caption(ui.tr("bulk.preview_more", shown=f"{PREVIEW_ROWS:,}", total=f"{len(result.outcomes):,}"))
    st.caption(ui.tr("bulk.period_note"))
    st.caption(ui.tr("bulk.injection_note"))
    st.caption(ui.tr("app.effective_date", date=ui.when(load_catalog().effective_date)))
