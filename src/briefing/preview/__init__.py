"""The preview: a local web server that shows a briefing's outputs and refreshes on save.

``source -> http://127.0.0.1:PORT/``: :mod:`.rebuild` builds on every change of an input,
the web page first, then the PDF and the deck, then the slides as pictures
(:mod:`.slides`); :mod:`.server` serves them and tells the browser what changed.
"""
