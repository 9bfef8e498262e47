"""The type of words shown in the reader's language: a plain string, or a lazy translation that
becomes one when it is read (gettext_lazy)."""

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    Label: TypeAlias = str | StrPromise
else:
    Label = str
