"""Passages kept as columns of offsets into their documents (saved as .npy arrays and
memory-mapped back), made into Passage objects only on access: a million passages cost a
few arrays, not a million objects and a copy of the text."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import numpy as np

from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document


class PassageTable(Sequence[Passage]):
    """Passages kept as arrays (offsets into the documents), made into Passage objects on
    access: a million passages cost a few arrays, not a million objects and a copy of the text."""

    def __init__(
        self,
        documents: Mapping[str, Document],
        sources: list[str],
        sections: list[str],
        columns: Mapping[str, np.ndarray],
        set_aside: int = 0,
    ) -> None:
        self._documents = documents
        self.set_aside = set_aside  # boilerplate passages left out (see boilerplate)
        self._sources = sources
        self._sections = sections
        self._columns = columns
        self._length = len(columns["start"])

    COLUMNS = ("source", "section", "start", "end", "lead_start", "lead_end", "id")
    _NUMBERS = COLUMNS[:-1]  # the integer columns, in `_passage`'s order

    @classmethod
    def from_passages(
        cls, documents: Mapping[str, Document], passages: Iterable[Passage]
    ) -> PassageTable:
        """The table of passages (read once, in one pass: a generator is welcome)."""
        source_of: dict[str, int] = {}
        section_of: dict[str, int] = {}
        numbers = {name: array("q") for name in cls._NUMBERS}
        ids: list[bytes] = []
        for p in passages:
            lead_start, lead_end = _lead_span(documents[p.source].text, p)
            row = (
                source_of.setdefault(p.source, len(source_of)),
                section_of.setdefault(p.section, len(section_of)),
                p.start,
                p.end,
                lead_start,
                lead_end,
            )
            for column, value in zip(numbers.values(), row, strict=True):
                column.append(value)
            ids.append(p.id.encode())
        columns = {name: np.frombuffer(values, dtype=np.int64) for name, values in numbers.items()}
        columns["source"] = columns["source"].astype(np.int32)
        columns["section"] = columns["section"].astype(np.int32)
        columns["id"] = np.array(ids, dtype="S16")
        return cls(documents, list(source_of), list(section_of), columns)

    def select(self, rows: np.ndarray, set_aside: int = 0) -> PassageTable:
        """The table of the passages at `rows` (in that order)."""
        columns = {name: values[rows] for name, values in self._columns.items()}
        return PassageTable(self._documents, self._sources, self._sections, columns, set_aside)

    @property
    def sources(self) -> list[str]:
        return self._sources

    @property
    def sections(self) -> list[str]:
        return self._sections

    def section_of(self, position: int) -> str:
        """The section path of the passage at `position`, without building the Passage."""
        return self._sections[int(self._columns["section"][position])]

    @property
    def columns(self) -> Mapping[str, np.ndarray]:
        return self._columns

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Passage]:
        c = self._columns
        rows = zip(
            c["id"].tolist(),
            *(c[name].tolist() for name in self._NUMBERS),
            strict=True,
        )
        for pid, *numbers in rows:
            yield self._passage(pid, *numbers)

    def _passage(
        self,
        pid: bytes,
        source: int,
        section: int,
        start: int,
        end: int,
        lead_start: int,
        lead_end: int,
    ) -> Passage:
        doc = self._documents[self._sources[source]]
        text = doc.text
        return Passage(
            pid.decode(),
            doc.source,
            doc.title,
            self._sections[section],
            start,
            end,
            text[start:end],
            text[lead_start:lead_end],
            doc.page_at(start),
        )

    @overload
    def __getitem__(self, index: int) -> Passage: ...

    @overload
    def __getitem__(self, index: slice) -> list[Passage]: ...

    def __getitem__(self, index: int | slice) -> Passage | list[Passage]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if not -self._length <= index < self._length:
            raise IndexError(f"passage {index} out of range (0–{self._length - 1})")
        c = self._columns
        return self._passage(c["id"][index], *(c[name].item(index) for name in self._NUMBERS))

    def save(self, folder: Path) -> dict[str, Any]:
        """Write the columns as .npy arrays; the meta to keep (source and section names)."""
        for name, column in self._columns.items():
            np.save(folder / f"passage_{name}.npy", column)
        return {"sources": self._sources, "sections": self._sections}

    @classmethod
    def load(
        cls, folder: Path, meta: Mapping[str, Any], documents: Mapping[str, Document]
    ) -> PassageTable:
        """The table `save` wrote (memory-mapped), over the same documents."""
        missing = set(meta["sources"]) - set(documents)
        if missing:
            raise ValueError(f"documents missing: {sorted(missing)[:3]}")
        columns = {
            name: np.load(folder / f"passage_{name}.npy", mmap_mode="r", allow_pickle=False)
            for name in cls.COLUMNS
        }
        return cls(documents, list(meta["sources"]), list(meta["sections"]), columns)


def _lead_span(text: str, passage: Passage) -> tuple[int, int]:
    """Where the passage's lead-in sentence stands in the document ((0, 0) when none)."""
    if not passage.lead:
        return 0, 0
    start = text.rfind(passage.lead, 0, passage.start)
    return (start, start + len(passage.lead)) if start >= 0 else (0, 0)
