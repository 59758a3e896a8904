"""Selections kept in the page's URL (?code=…&district=…&as_of=…), so a leader can share the exact view."""

from __future__ import annotations

import streamlit as st


def from_url(param: str, options: list, default=None):
    """The option a shared link names (?param=…); else `default` when it is an option; else the first option."""
    wanted = st.query_params.get(param)
    if wanted in options:
        return wanted
    return default if default in options else (options[0] if options else None)


def to_url(param: str, value) -> None:
    """Write the current choice back into the URL (removed when there is none)."""
    if value is None:
        st.query_params.pop(param, None)
    elif st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)
