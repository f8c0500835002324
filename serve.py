"""損保クラウド plan selector as served: `streamlit run serve.py` (what `make run` does) serves app.py through
Streamlit's st.App with our middleware in front (serving/):

- security headers on every response (serving/policy.py): a Content-Security-Policy naming no other host,
  framing refused, no MIME sniffing, no Referer;
- the websocket refused to a foreign Origin before Streamlit reads it, the operator's endpoints
  (/_stcore/metrics, the agent API) open to this machine only, and the app's own not-found page
  (serving/gate.py).

The public name is Streamlit's configuration: `browser.serverAddress` (and `server.allowedHosts`), in
.streamlit/config.toml or as STREAMLIT_BROWSER_SERVER_ADDRESS / STREAMLIT_SERVER_ALLOWED_HOSTS; see the README's
"Serving" section. AppTest and the page tests keep running app.py itself.
"""

import streamlit as st
from starlette.middleware import Middleware

from serving import Gate, SecurityHeaders
from ui.pages import url_paths

app = st.App(
    "app.py",
    middleware=[
        Middleware(SecurityHeaders),  # outermost: the gate's own answers carry the headers too
        Middleware(Gate, pages=url_paths(), server_address=st.get_option("browser.serverAddress")),
    ],
)
