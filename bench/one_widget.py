"""The baseline for bench/pages.py: a page with one widget and nothing else."""

import streamlit as st

n = st.number_input("n", min_value=0, key="n")
st.write(n)
