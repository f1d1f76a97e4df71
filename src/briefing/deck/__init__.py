"""Write the deck: slide description (HTML) -> fitted slides -> native PowerPoint package."""
