"""Notes slides made from one skeleton per deck, instead of from the notes master every time.

python-pptx builds each new notes slide by walking the notes master's placeholders and cloning
the slide image, body and slide number (``NotesSlide.clone_master_placeholders``), which looks
every placeholder up with xpath. What it builds depends only on the notes master, so the first
notes slide of a deck is python-pptx's own, and every later one is a copy of it as it was before
its text was written, related to the master and its slide exactly as python-pptx relates one:
the same XML, the same relationships in the same order, the same part names.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import NotesSlidePart
from pptx.shapes.placeholder import NotesSlidePlaceholder
from pptx.slide import NotesSlide, Slide
from pptx.text.text import TextFrame

NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"  # NotesSlidePart._add_notes_slide_part's


class NotesPages:
    """New notes slides for the slides of one deck."""

    def __init__(self) -> None:
        self._skeleton: Any = None  # the first notes slide's XML before any text was written
        self._body_at: int | None = None  # where the skeleton's shape tree has the notes body

    def notes_slide(self, slide: Slide) -> NotesSlide:
        """The notes slide of ``slide``, made now if it has none."""
        return self._notes(slide)[0]

    def _notes(self, slide: Slide) -> tuple[NotesSlide, bool]:
        """The notes slide, and whether it is a copy of the skeleton."""
        part = slide.part
        if part.has_notes_slide:
            return slide.notes_slide, False
        if self._skeleton is None:
            notes = slide.notes_slide  # python-pptx's own, from the notes master
            self._skeleton = deepcopy(notes._element)
            body = notes.notes_placeholder
            if body is not None:
                self._body_at = notes.shapes._spTree.index(body._element)
            return notes, False
        package = part.package
        master = package.presentation_part.notes_master_part
        notes_part = NotesSlidePart(
            package.next_partname(NOTES_PARTNAME), CT.PML_NOTES_SLIDE, package, deepcopy(self._skeleton)
        )
        notes_part.relate_to(master, RT.NOTES_MASTER)
        notes_part.relate_to(part, RT.SLIDE)
        part.relate_to(notes_part, RT.NOTES_SLIDE)
        made: NotesSlide = notes_part.notes_slide
        return made, True

    def notes_frame(self, slide: Slide) -> TextFrame:
        """The text frame of ``slide``'s notes: the body placeholder the notes master gives. On a
        copy it is where it was on the skeleton, so python-pptx's search of every placeholder
        (with xpath) is done once per deck."""
        notes, copied = self._notes(slide)
        if copied and self._body_at is not None:
            shapes = notes.shapes
            body: TextFrame = NotesSlidePlaceholder(shapes._spTree[self._body_at], shapes).text_frame
            return body
        frame = notes.notes_text_frame
        if frame is None:
            raise RuntimeError("the template's notes master has no body placeholder for the notes")
        return frame
