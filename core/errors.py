"""The one domain error: every refused action of every app raises it."""


class DomainError(Exception):
    """A refused action. `message` is shown to the user as is (Chinese); `field` names the form
    field it belongs to, if any; `problems` lists what blocks it (each a Chinese sentence)."""

    def __init__(self, message: object = "", problems=(), *, field: str | None = None):
        message = str(message)
        super().__init__(message)
        self.message = message
        self.field = field
        self.problems = list(problems or ())

    def __str__(self) -> str:
        return self.message
