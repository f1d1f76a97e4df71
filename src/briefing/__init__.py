"""briefing: one YAML source, an executive briefing (HTML, PDF) and a deck (PPTX)."""

__version__ = "0.1.0"
