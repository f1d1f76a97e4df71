"""The look: brand tokens, the words around the content, and the fonts."""
