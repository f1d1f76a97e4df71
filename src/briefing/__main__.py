"""``python -m briefing``: the command line."""

try:
    from briefing.cli import main
except KeyboardInterrupt:  # -- Ctrl-C while the program is still starting --
    raise SystemExit(130) from None

raise SystemExit(main())
