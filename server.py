"""What `make run` serves: the dashboard (dashboard.py) with the login's cookie routes beside it (access/routes.py).

`streamlit run server.py` finds `app` and serves it with uvicorn, as `streamlit run dashboard.py` would serve the
dashboard alone (without the routes a login cannot survive a reload).
"""

import streamlit as st

from access.routes import ROUTES

app = st.App("dashboard.py", routes=ROUTES)
