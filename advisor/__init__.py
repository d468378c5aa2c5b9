"""Retention Advisor: a workshop tool that helps small businesses keep their customers."""

__version__ = "0.1.0"
APP_NAME = "Retention Advisor"
