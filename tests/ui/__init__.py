"""Tests of the Textual front end."""
