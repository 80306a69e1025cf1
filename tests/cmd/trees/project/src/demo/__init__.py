"""The demo package."""

__version__ = "1.2.3"
