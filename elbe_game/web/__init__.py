"""The game in a web browser: ``elbe-game serve`` (the ``web`` extra, textual-serve).

    server     the web server: one game process per browser connection, the visitor
               cookie, each visitor's own folders
    page.html  the page a browser opens: the terminal, and a note for screen readers

The game itself is not imported here: the server runs ``python -m elbe_game play`` for
each connection, and that process draws the Textual game through Textual's web driver.
"""
