"""The host: Textual-free, print-free services that every front end shares.

    dirs      where the bundled story, the saves and the settings are
    files     the one atomic write, and one sentence for a failed read or write
    saves     the save store: slots, autosave and backups, quick save, listing, loading
    profile   endings and codex found over every game, stored and in this run
    settings  the player's settings file
    writer    save jobs in order, in the background when the front end wants that
    reload    live reload of an edited story (play --dev)
    game      the game session: the one object the Textual game and plain text drive

Nothing is imported here, so that ``from elbe_game.host.dirs import ...`` costs the
command line nothing more than that module.
"""
