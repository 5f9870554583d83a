"""Widgets of the play screen. They render what a screen hands them and keep no game
state of their own."""
