"""The document stage: the model rendered into HTML (markup, pictures, charts, web fonts)."""
