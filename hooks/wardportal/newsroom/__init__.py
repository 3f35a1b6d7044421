"""The newsroom: Decap CMS configured from the portal's own registry and settings.

`settings` reads `extra.ward.editor`, `config` turns registry + settings into Decap's
config.yml, `bundle` publishes the pinned Decap bundle and the portal's editor page into a
folder (the build's `site/quan-tri/`, or scripts/editor.py's own folder). No MkDocs import.
"""
