"""Loaded by a server process started with this folder on PYTHONPATH: every name it looks up and every address
it connects or sends to goes, one JSON line each, to the file SONPO_NET_LOG names (Python's audit events, so
Streamlit's own code, requests and uvicorn are all seen; nothing is changed or blocked)."""

import json
import os
import sys

_LOG = os.environ.get("SONPO_NET_LOG")
_NAMES = {"socket.getaddrinfo": 0, "socket.gethostbyname": 0, "socket.gethostbyname_ex": 0,
          "socket.gethostbyaddr": 0, "socket.connect": 1, "socket.sendto": 1, "socket.sendmsg": 1}


def _watch(event: str, args: tuple) -> None:
    where = _NAMES.get(event)
    if where is None:
        return
    target = args[where]
    host = target[0] if isinstance(target, tuple) and target else target
    with open(_LOG, "a", encoding="utf-8") as log:  # type: ignore[arg-type]
        log.write(json.dumps({"event": event, "host": host if isinstance(host, (str, type(None))) else repr(host)})
                  + "\n")


if _LOG:
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps({"event": "watching", "host": None, "pid": os.getpid()}) + "\n")
    sys.addaudithook(_watch)
