"""Article images: safe decoding, responsive variants, thumbnails, share cards, a cache.

Pure Pillow; no MkDocs import. hooks/portal.py connects it to the build, scripts/images.py
to the editors' command line.
"""
