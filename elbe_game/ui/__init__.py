"""The Textual front end. Build it with ``elbe_game.ui.app.make_app``; nothing is
imported here so that ``import elbe_game.ui`` stays free."""
