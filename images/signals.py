"""What the image library announces: `images_changed`, sent with `ids` when library images
were added, changed or removed, once the rows are written."""

from django.dispatch import Signal

images_changed = Signal()
