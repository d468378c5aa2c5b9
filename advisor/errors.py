"""Errors that carry a message for the user rather than a bug report."""


class InputError(Exception):
    """Bad input (a file, a figure, an argument): reported as one clear line, exit code 2."""
