"""Ward Portal's content model and site logic, free of any static-site generator.

hooks/portal.py connects it to MkDocs; scripts/ use it directly. Nothing here imports MkDocs.
"""
