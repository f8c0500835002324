"""Serving the app under its own name (serve.py): security headers on every response, the websocket refused to
a foreign Origin before Streamlit reads it, the operator's endpoints closed to the public, and the app's own
not-found page. Plain ASGI middleware for Streamlit's `st.App`; no Streamlit internals."""

from serving.gate import Gate
from serving.not_found import not_found_page
from serving.policy import SecurityHeaders, content_security_policy, security_headers

__all__ = ["Gate", "SecurityHeaders", "content_security_policy", "not_found_page", "security_headers"]
