"""Elbe 1945: a text adventure of the link-up at the Elbe, April 1945."""

__version__ = "0.1.0"
