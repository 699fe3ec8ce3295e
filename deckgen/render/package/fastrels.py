"""Relating each new slide to the presentation, and numbering its slide id, in O(1) during a render.

Why this exists: after part naming (partnames.py), python-pptx 1.0.2 still does two things per new
slide whose cost grows with the number of slides already in the deck:

- ``PresentationPart.add_slide`` relates the slide with ``relate_to`` → ``_Relationships.get_or_add``
  → ``_get_matching``, which reads ``_rels_by_reltype``: a dict rebuilt over every relationship of
  the presentation part (one per slide) on each call. ``part_with_reltype`` reads it too.
- ``Slides.add_slide`` then calls ``CT_SlideIdList.add_sldId``, whose ``_next_id`` runs an xpath
  over every ``p:sldId`` to find the highest id.

What it does, only for one presentation and only while ``fast_partnames`` is active:

- ``RelsIndex`` shadows the presentation part's ``_Relationships`` methods that read or change the
  relationships and keeps, as they change, what ``_rels_by_reltype`` would rebuild: the
  relationships per type in insertion order, and the first rId per (type, external, target), which
  is the one ``_get_matching`` returns. New rIds still come from python-pptx's own ``_next_rId``,
  which is not O(N) per slide: it counts down from ``len + 1`` to the highest free rId, so with
  contiguous numbering it stops at the first candidate, and each gap the template leaves (its sample
  slides removed) costs one scan, once.
- ``SlideIds`` shadows ``add_sldId`` on the presentation's ``p:sldIdLst`` element and keeps the
  highest slide id, so the next one is ``max + 1`` as python-pptx computes it (its own search for a
  free id still runs past the 2**31 - 1 ceiling). ``FastSlides.add_slide``, shadowing the
  presentation part's ``add_slide``, puts it in place on the first new slide: a deck opened from
  python-pptx's default template has no slide list until then.

What it assumes about python-pptx internals (checked by ``tests/render/test_partnames.py``):

- The shadowed names are plain methods on their classes, called on the instance, and every
  mutation of ``_Relationships._rels`` goes through ``_add_relationship``, ``pop`` or
  ``load_from_xml``. A change of size behind the index's back still makes it rebuild.
- lxml hands back the same proxy for an element while a reference to it lives (``SlideIds`` holds
  one), so an attribute set on the ``p:sldIdLst`` proxy shadows ``add_sldId`` for this deck alone.
- New ``p:sldId`` elements go at the end of the list; the list's last child and the sldId with the
  highest id are checked, in O(1), before each new id, and a mismatch recounts.

Leaving the block compares the index with one built afresh and looks for two slides with one id,
and raises if either is off, rather than write a deck that differs from python-pptx's or is corrupt.
"""

from __future__ import annotations

from typing import Any

from pptx.opc.oxml import CT_Relationships
from pptx.opc.package import Part, _Relationship, _Relationships
from pptx.opc.packuri import PackURI
from pptx.oxml.presentation import CT_SlideId, CT_SlideIdList
from pptx.parts.presentation import PresentationPart
from pptx.slide import Slide, SlideLayout

# The methods shadowed on one instance each while a block is active.
RELS_PATCHED = ("_get_matching", "part_with_reltype", "_add_relationship", "pop", "load_from_xml")
PART_PATCHED = ("add_slide",)
SLIDE_IDS_PATCHED = ("add_sldId",)
MIN_SLIDE_ID, MAX_SLIDE_ID = 256, 2147483647  # CT_SlideIdList._next_id's bounds

_MISSING = object()
MatchKey = tuple[str, bool, Part | str]  # (reltype, is_external, target part or target ref)


class Shadows:
    """Instance attributes that shadow class methods, and how to put things back as they were."""

    def __init__(self) -> None:
        self._saved: list[tuple[dict[str, Any], str, object]] = []

    def set(self, obj: object, name: str, value: object) -> None:
        own: dict[str, Any] = vars(obj)
        self._saved.append((own, name, own.get(name, _MISSING)))
        own[name] = value

    def restore(self) -> None:
        for own, name, old in reversed(self._saved):
            if old is _MISSING:
                own.pop(name, None)
            else:
                own[name] = old
        self._saved.clear()


class RelsIndex:
    """``_rels_by_reltype`` for one ``_Relationships``, kept current instead of rebuilt per call."""

    def __init__(self, rels: _Relationships) -> None:
        self._rels = rels
        self._by_reltype: dict[str, list[_Relationship]] = {}
        self._first: dict[MatchKey, str] = {}
        self._size = -1  # relationships indexed; -1 until built or after a removal (rebuilt on use)

    def _get_matching(self, reltype: str, target: Part | str, is_external: bool = False) -> str | None:
        """The first rId of ``reltype`` to ``target``, in python-pptx's order; None if there is none."""
        self._current()
        # Parts compare by identity and refs as strings, as python-pptx's ``==`` does; a part never
        # equals a ref, so keying each kind by its own target finds what its scan would find.
        return self._first.get((reltype, is_external, target))

    def part_with_reltype(self, reltype: str) -> Part:
        """``_Relationships.part_with_reltype``, with its errors and messages."""
        self._current()
        rels = self._by_reltype.get(reltype, [])
        if len(rels) == 0:
            raise KeyError(f"no relationship of type '{reltype}' in collection")
        if len(rels) > 1:
            raise ValueError(f"multiple relationships of type '{reltype}' in collection")
        return rels[0].target_part

    def _add_relationship(self, reltype: str, target: Part | str, is_external: bool = False) -> str:
        """python-pptx adds the relationship, rId and all; the index takes note of it."""
        self._current()
        rId: str = _Relationships._add_relationship(self._rels, reltype, target, is_external)
        self._add(self._rels._rels[rId])
        return rId

    def pop(self, rId: str) -> _Relationship:
        # The rel may have been the first match for its target, with a later twin to take its place:
        # rebuild on next use rather than search. Slides are not removed in a render's loop.
        self._size = -1
        return _Relationships.pop(self._rels, rId)

    def load_from_xml(self, base_uri: str, xml_rels: CT_Relationships, parts: dict[PackURI, Part]) -> None:
        self._size = -1
        _Relationships.load_from_xml(self._rels, base_uri, xml_rels, parts)

    def check(self) -> None:
        """Raise if the index, believed current, differs from one built afresh."""
        if self._size != len(self._rels._rels):
            return  # stale, so never read since: nothing was answered from it
        fresh = RelsIndex(self._rels)
        fresh._current()
        if fresh._by_reltype != self._by_reltype or fresh._first != self._first:
            raise RuntimeError(
                "the presentation's relationship index went stale, so a slide may have been related "
                "differently from python-pptx; if python-pptx was upgraded, see "
                "deckgen/render/package/fastrels.py"
            )

    def _current(self) -> None:
        store = self._rels._rels
        if len(store) != self._size:  # first use, a removal, or a change made behind our back
            self._by_reltype, self._first, self._size = {}, {}, 0
            for rel in store.values():  # dict order: the order _rels_by_reltype lists them in
                self._add(rel)

    def _add(self, rel: _Relationship) -> None:
        self._by_reltype.setdefault(rel.reltype, []).append(rel)
        target: Part | str = rel.target_ref if rel.is_external else rel.target_part
        self._first.setdefault((rel.reltype, rel.is_external, target), rel.rId)  # the first one wins
        self._size += 1


class SlideIds:
    """``CT_SlideIdList.add_sldId`` for one slide list, numbering from a running maximum."""

    def __init__(self, id_list: CT_SlideIdList) -> None:
        self.id_list = id_list  # also keeps lxml's proxy, and the attribute set on it, alive
        self._max = MIN_SLIDE_ID - 1
        self._holder: CT_SlideId | None = None  # the sldId holding the highest id, if any
        self._tail: object = _MISSING  # the list's last child after our last count or addition

    def add_sldId(self, rId: str) -> CT_SlideId:
        """A new ``p:sldId`` at the end of the list, with the id python-pptx's ``_next_id`` gives."""
        if not self._in_step():
            self._recount()
        next_id = self._max + 1
        if next_id > MAX_SLIDE_ID:
            next_id = self.id_list._next_id  # python-pptx's search for a free id below the ceiling
        sld_id = self.id_list._add_sldId(id=next_id, rId=rId)
        if next_id > self._max:
            self._max, self._holder = next_id, sld_id
        self._tail = sld_id
        return sld_id

    def check(self) -> None:
        """Raise if two slides share an id: PowerPoint would call the deck corrupt."""
        ids = [sld_id.id for sld_id in self.id_list.sldId_lst]
        if len(ids) != len(set(ids)):
            raise RuntimeError(
                "two slides share a slide id, so the deck would be corrupt; if python-pptx was "
                "upgraded, see deckgen/render/package/fastrels.py"
            )

    def _in_step(self) -> bool:
        """Nothing appended or removed behind our back: the tail and the maximum's holder are ours."""
        holder_attached = self._holder is None or self._holder.getparent() is self.id_list
        return holder_attached and self._last_child() is self._tail

    def _last_child(self) -> object:
        try:
            child: object = self.id_list[-1]  # lxml finds it from the end: O(1)
        except IndexError:
            return None
        return child

    def _recount(self) -> None:
        """The one walk: the highest id, as ``_next_id`` reads the ids (``int`` of each ``@id``)."""
        self._max, self._holder = MIN_SLIDE_ID - 1, None
        for sld_id in self.id_list.sldId_lst:
            if sld_id.id > self._max:
                self._max, self._holder = sld_id.id, sld_id
        self._tail = self._last_child()


class FastSlides:
    """Installs ``RelsIndex`` and ``SlideIds`` on one presentation part, and removes them again."""

    def __init__(self, part: PresentationPart) -> None:
        self._part = part
        self.rels = RelsIndex(part._rels)
        self.slide_ids: SlideIds | None = None  # on the first new slide: a deck may have no list yet
        self._shadows = Shadows()

    def install(self) -> None:
        for name in RELS_PATCHED:
            self._shadows.set(self.rels._rels, name, getattr(self.rels, name))
        for name in PART_PATCHED:
            self._shadows.set(self._part, name, getattr(self, name))

    def add_slide(self, slide_layout: SlideLayout) -> tuple[str, Slide]:
        """``PresentationPart.add_slide``, after making sure the slide list numbers in O(1)."""
        # python-pptx's add_slide creates the list if missing; creating it first changes nothing.
        id_list = self._part._element.get_or_add_sldIdLst()
        if self.slide_ids is None or self.slide_ids.id_list is not id_list:
            self.slide_ids = SlideIds(id_list)
            for name in SLIDE_IDS_PATCHED:
                self._shadows.set(id_list, name, getattr(self.slide_ids, name))
        added: tuple[str, Slide] = PresentationPart.add_slide(self._part, slide_layout)
        return added

    def check(self) -> None:
        self.rels.check()
        if self.slide_ids is not None:
            self.slide_ids.check()

    def restore(self) -> None:
        self._shadows.restore()
