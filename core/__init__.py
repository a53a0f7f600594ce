"""Cross-cutting pieces every app may import (and which import none of the apps): the one domain
error, the view helper that turns it into a message."""
