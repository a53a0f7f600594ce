class ProjectError(Exception):
    """A refusal in Chinese; `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
