"""Presentation without Streamlit: labels, number formats, tables, readings and the chart theme, shared by pages, charts and
reports (ui/ keeps only the Streamlit glue)."""
