"""briefing: one YAML source, an executive briefing (HTML, PDF) and a deck (PPTX)."""

__version__ = "0.1.0"

# -- the outputs a build makes, in the order they are built, listed and verified --
FORMATS = ("html", "pdf", "pptx")
