"""Errors a user can cause; each carries a Chinese message fit to show as is."""


class UserError(Exception):
    """A mistake or refusal the user can act on; `str()` is the Chinese message."""


class NotFound(UserError):
    pass


class ValidationError(UserError):
    pass


class PermissionDenied(UserError):
    pass


class ConflictError(UserError):
    """Someone else changed or created the same record first."""


class NotAvailable(UserError):
    """A feature that a later release brings."""
