"""A grid of questions asked part by part of the body: a row per region, a column per question
(how much of it, how strong...). The one home of the rules such grids share: the fields and their
names, the rows a template shows, a row half answered, an empty grid, and the answers on screen a
live estimate may use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from django import forms

from recruitment.conditions.section import QuestionSection
from recruitment.labels import Label


class Region(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def label(self) -> Label: ...


def filled(value: Any) -> bool:
    """An answer given: an empty field, and a zero where the grid has no zero step, are none."""
    return value not in (None, "", 0)


@dataclass(frozen=True)
class GridColumn:
    name: str  # a region's field is named "<name>_<region code>"
    field: Callable[[Any], forms.Field]  # the field asked of a region (not required)
    missing: Label  # said on this field of a row with other answers and not this one
    given: Callable[[Any], bool] = filled

    def field_name(self, region: Region) -> str:
        return f"{self.name}_{region.code}"


class RegionGrid(QuestionSection):
    """A section with a grid: the class's `grid_regions` × `grid_columns`, made into fields by
    `with_grid`. A row is answered whole or not at all; an empty grid gets `grid_empty`."""

    grid_regions: ClassVar[Sequence[Region]]
    grid_columns: ClassVar[Sequence[GridColumn]]
    grid_empty: ClassVar[Label]  # a patient applying has the condition somewhere

    def grid_rows(self) -> list[tuple[Region, list[forms.BoundField]]]:
        """(region, its bound fields in the columns' order), in the order shown."""
        return [
            (region, [self[column.field_name(region)] for column in self.grid_columns]) for region in self.grid_regions
        ]

    def _grid_names(self) -> set[str]:
        return {column.field_name(region) for region in self.grid_regions for column in self.grid_columns}

    def clean_grid(self) -> dict[str, dict[str, Any]]:
        """{region code: {column name: value}} for each region answered whole; an error on each
        missing answer of a row begun, or on the first field when no row is."""
        data, rows = self.cleaned_data, {}
        for region in self.grid_regions:
            names = {column.name: column.field_name(region) for column in self.grid_columns}
            if any(name in self.errors for name in names.values()):
                continue
            values = {column.name: data.get(names[column.name]) for column in self.grid_columns}
            given = [column for column in self.grid_columns if column.given(values[column.name])]
            if len(given) == len(self.grid_columns):
                rows[region.code] = values
            elif given:
                for column in self.grid_columns:
                    if column not in given:
                        self.add_error(names[column.name], column.missing)
        if not rows and not self._grid_names() & set(self.errors):
            # An empty grid is not "nothing anywhere": it would score 0 and turn a patient away.
            self.add_error(self.grid_columns[0].field_name(self.grid_regions[0]), self.grid_empty)
        return rows

    def grid_on_screen(self) -> dict[str, dict[str, Any]] | None:
        """The rows on screen (typed, or kept across a language switch) as the fields clean them,
        when every row is valid and whole or empty and one at least is whole; else None. What a
        live estimate shows without JavaScript."""
        answers = self.data if self.is_bound else self.initial
        rows = {}
        for region in self.grid_regions:
            values = {}
            for column in self.grid_columns:
                name = column.field_name(region)
                try:
                    values[column.name] = self.fields[name].clean(answers.get(name))
                except forms.ValidationError:
                    return None
            given = [column for column in self.grid_columns if column.given(values[column.name])]
            if given and len(given) < len(self.grid_columns):
                return None  # half a row: the form asks for the rest
            if given:
                rows[region.code] = values
        return rows or None


def with_grid(section: type[RegionGrid]) -> type[RegionGrid]:
    """The section with its grid's fields, a subclass of the same name (a form's fields are
    collected when its class is made, so they are made with it)."""
    fields = {
        column.field_name(region): column.field(region)
        for region in section.grid_regions
        for column in section.grid_columns
    }
    name = section.__name__.lstrip("_")
    return type(name, (section,), {"__module__": section.__module__, "__qualname__": name, **fields})
