"""The one exception family. Library code raises these; ``report/exit_codes.py`` holds the exit codes they lead to."""


class ActionError(Exception):
    """An error the user can act on; its message says what happened and how to fix it."""


class ConfigError(ActionError):
    """An input is invalid (exit code 2)."""


class SourceError(ActionError):
    """A job source could not be read."""


class RenderError(ActionError):
    """The target file cannot be updated safely (markers, mode)."""


class PublishError(ActionError):
    """GitHub refused or failed a read or a write."""


class HeldError(ActionError):
    """A guard holds the list: publishing it would lose too much (min-jobs, max-drop-percent)."""
