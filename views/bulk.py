"""Bulk quotes (一括見積り): upload a CSV or type rows, see what was quoted and refused, download for Excel."""

import pandas as pd
import streamlit as st

import ui
from sonpo import bulk
from sonpo.catalog import load_catalog
from sonpo.errors import DomainError
from sonpo.i18n import Lang
from ui.glossary import explain

L = ui.lang()
PREVIEW_ROWS = 1_000



@st.cache_resource(max_entries=1, ttl=3600, show_spinner=False)
def quote_upload(data: bytes, lang: Lang) -> tuple[bulk.BulkResult, DomainError | None] | DomainError:
    """The last upload, quoted once rather than on every click; one result is kept, not one per file.
    The rows stay in the uploaded bytes and are built only where they are shown or downloaded."""
    try:
        result = bulk.quote_file(data, lang, bulk.MAX_BYTES)
    except DomainError as e:
        return e
    return result, bulk.cp932_error(result)


st.title(ui.tr("bulk.title"), anchor=False)
st.write(ui.tr("bulk.lead"))

with st.expander(ui.tr("bulk.guide_title"), icon=":material/view_column:"):
    guide = pd.DataFrame(bulk.column_guide(L))
    st.table(guide.map(ui.md))
    explain(*(str(v) for v in guide.to_numpy().ravel()), *(str(c) for c in guide.columns), boxed=False)
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
outcome: tuple[bulk.BulkResult, DomainError | None] | DomainError | None = None
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
    try:
        table = bulk.make_table(list(edited.columns), rows)
    except DomainError as e:
        outcome = e
    else:
        if table.rows:
            typed = bulk.quote_table(table, L)
            outcome = (typed, bulk.cp932_error(typed))
        else:
            st.info(ui.tr("bulk.no_rows"), icon=":material/info:")
else:
    # One limit: the browser refuses what the engine would (bulk.MAX_BYTES); any file type is let through,
    # so that a workbook or an image gets the engine's message in the user's language, not the browser's.
    upload = st.file_uploader(
        ui.tr("bulk.upload", max=bulk.MAX_UPLOAD_MB, rows=f"{bulk.MAX_ROWS:,}"), key="bulk.upload",
        max_upload_size=bulk.MAX_UPLOAD_MB,
    )
    if upload is None:
        st.info(
            "  \n".join([
                ui.tr("bulk.no_rows"),
                ui.tr("bulk.upload_rules.limit", max=bulk.MAX_UPLOAD_MB, bytes=f"{bulk.MAX_BYTES:,}",
                      rows=f"{bulk.MAX_ROWS:,}"),
                ui.tr("bulk.upload_rules.refused"),
            ]),
            icon=":material/info:",
        )
    else:
        outcome = quote_upload(upload.getvalue(), L)
        if not isinstance(outcome, DomainError):
            encoding = ui.tr(f"bulk.encoding_name.{outcome[0].table.encoding.replace('-', '_')}")  # cp932: Shift_JIS
            st.caption(ui.tr("bulk.read_info", name=ui.md(upload.name), encoding=encoding))

if isinstance(outcome, DomainError):
    st.error(ui.md(outcome.message(L)), icon=":material/error:")  # it may quote the file's header
elif outcome is not None:
    result, cp932_error = outcome
    if result.refused:
        st.warning(f"{result.summary()}　{ui.tr('bulk.refused_note')}", icon=":material/warning:")
    else:
        st.success(result.summary(), icon=":material/check_circle:")

    cols = st.columns(2)
    # The files are written when a button is clicked (deferred data), not on every rerun
    cols[0].download_button(
        ui.tr("bulk.download_utf8"), lambda: bulk.to_bytes(result, "utf-8-sig"), file_name=ui.tr("bulk.result_file"),
        mime="text/csv", icon=":material/download:", type="primary", key="bulk.download_utf8", on_click="ignore",
    )
    cols[1].download_button(
        ui.tr("bulk.download_cp932"), (lambda: bulk.to_bytes(result, "cp932")) if cp932_error is None else b"",
        file_name=ui.tr("bulk.result_file"), mime="text/csv", icon=":material/download:",
        disabled=cp932_error is not None, key="bulk.download_cp932", on_click="ignore",
    )
    if cp932_error is not None:
        cols[1].error(ui.md(cp932_error.message(L)), icon=":material/error:")  # it quotes a cell's character
    st.caption(ui.tr("bulk.encoding_note"))

    if result.refused:
        st.subheader(ui.tr("bulk.refused_title"), anchor=False)
        refused = pd.DataFrame(
            result.refused_rows(PREVIEW_ROWS),
            columns=[ui.tr("bulk.refused_row"), ui.tr("bulk.column.name"), ui.tr("bulk.result.error")],
        )
        refused_cols = {ui.tr("bulk.result.error"): st.column_config.Column(width="large")}
        if source == "upload":  # a file's rows are named as Excel shows them; typed rows by their place
            refused_cols[ui.tr("bulk.refused_row")] = st.column_config.Column(help=ui.tr("bulk.refused_row_help"))
        st.dataframe(refused, hide_index=True, width="stretch", column_config=refused_cols)

    st.subheader(ui.tr("bulk.preview"), anchor=False)
    shown = result.rows(PREVIEW_ROWS)
    preview = pd.DataFrame(shown, columns=bulk.unique_header(result.header()))
    preview.index = pd.Index([result.row_number(i) for i in range(len(shown))])  # the rows the refused list names
    pinned = [preview.columns[i] for i, c in enumerate(result.table.columns) if c == "name"]
    pinned.append(preview.columns[len(result.table.header)])  # the result column: quoted or refused
    # a refused row's amounts are empty, as in the result file (Streamlit would write "None")
    st.dataframe(preview, width="stretch", column_config={c: st.column_config.Column(pinned=True) for c in pinned},
                 placeholder="")
    if len(result.outcomes) > PREVIEW_ROWS:
        st.caption(ui.tr("bulk.preview_more", shown=f"{PREVIEW_ROWS:,}", total=f"{len(result.outcomes):,}"))
    st.caption(ui.tr("bulk.period_note"))
    st.caption(ui.tr("bulk.injection_note"))
    st.caption(ui.tr("app.effective_date", date=ui.when(load_catalog().effective_date)))
