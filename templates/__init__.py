"""The default look: templates and theme tokens, shipped in the package as briefing.default_templates.

This folder is mapped into the package by pyproject.toml; the file only makes it a package
that an editable install can find too.
"""
