"""MkDocs-specific helpers of hooks/portal.py, kept out of the pure wardportal package.

Everything that touches MkDocs' objects (Page, File, Files, the Jinja environment) lives
in hooks/: portal.py's event handlers, and these modules they call.
"""
