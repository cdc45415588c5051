"""Streamlit-only helpers of the app: the cached store and results, texts, shared widgets.

The library (``kb``) never imports this package; pages read widgets, call ``kb`` through
``ui.state`` and draw.
"""
