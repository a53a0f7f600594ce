from .application import ApplicationForm, BasicsForm
from .post import to_post
from .section import SectionForm

__all__ = ["ApplicationForm", "BasicsForm", "SectionForm", "to_post"]
