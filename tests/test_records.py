"""Instances of compiled classes across the Python boundary: results are dataclasses
with the class's name, fields and repr; arguments may be any object with the class's
attributes (docs/abi.md, "record")."""

from __future__ import annotations

import dataclasses
import types
from pathlib import Path
from typing import Any

import pycomp
import pytest
from pyref import load_module

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "examples" / "text" / "spans.py"
TEXT = "John Smith lives in New York"
TAGS = ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC"]


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> pycomp.Library:
    return pycomp.load(pycomp.build(SRC, tmp_path_factory.mktemp("records") / "spans"))


def test_results_are_dataclasses_with_cpython_repr(lib: pycomp.Library) -> None:
    want = load_module(SRC, "pycomp_example_spans").bio_spans(TEXT, TAGS)
    got = lib.bio_spans(TEXT, TAGS)
    assert [repr(s) for s in got] == [repr(s) for s in want]
    assert all(dataclasses.is_dataclass(s) and type(s).__name__ == "Span" for s in got)
    assert [dataclasses.astuple(s) for s in got] == [dataclasses.astuple(s) for s in want]


def test_results_are_laid_out_as_their_class_makes_them(lib: pycomp.Library,
                                                        fam: pycomp.Library) -> None:
    """The loader makes a record's instance itself (`object.__new__` and one setattr per
    field, what the dataclass's `__init__` does): same attributes in the same order, and
    CPython's shared-key values rather than a dict per instance (gc referents: the
    field values and the class, no dict). A class that is not such a dataclass (here
    one given `__post_init__`) is called."""
    import gc

    got = lib.bio_spans(TEXT, TAGS)[0]
    made = type(got)(*dataclasses.astuple(got))
    assert [type(x) for x in gc.get_referents(got)] == [type(x) for x in gc.get_referents(made)]
    assert dict not in map(type, gc.get_referents(got))
    assert list(vars(got).items()) == list(vars(made).items()) and got == made
    _, tile, _ = fam.parse_shapes("c:a:1,t:b:2:red,p:c")
    assert dict not in map(type, gc.get_referents(tile))  # before vars() makes one
    assert list(vars(tile)) == ["name", "side", "color"]

    other = pycomp.load(lib.path)  # its own classes, not decoded into yet
    seen: list[object] = []
    span = other.records.classes["Span"]
    fields = [f.name for f in dataclasses.fields(span)]
    other.records.classes["Span"] = dataclasses.make_dataclass(
        "Span", fields, namespace={"__post_init__": lambda self: seen.append(self)})
    spans = other.bio_spans(TEXT, TAGS)
    assert [repr(s) for s in spans] == [repr(s) for s in lib.bio_spans(TEXT, TAGS)]
    assert seen == spans


def test_manifest_describes_the_record(lib: pycomp.Library) -> None:
    (fn,) = [f for f in lib.manifest["functions"] if f["name"] == "longest"]
    span = fn["returns"]
    assert span["kind"] == "record" and span["name"] == "Span"
    assert [(f["name"], f["type"]["kind"]) for f in span["fields"]] == [
        ("label", "str"), ("start", "int"), ("end", "int"), ("text", "str")]
    assert fn["params"][0]["type"] == {"kind": "list", "item": span}


def test_any_object_with_the_attributes_is_accepted(lib: pycomp.Library) -> None:
    ref = load_module(SRC, "pycomp_example_spans")
    spans = [types.SimpleNamespace(label="A", start=0, end=2, text="ab"),
             ref.Span("B", 3, 19, "cdefghijklmnopqr"), lib.bio_spans(TEXT, TAGS)[1]]
    got = lib.longest(spans)
    assert repr(got) == "Span(label='B', start=3, end=19, text='cdefghijklmnopqr')"
    with pytest.raises(ValueError, match="no spans") as e:
        lib.longest([])
    assert type(e.value) is lib.NoSpans  # the module's class, a ValueError subclass


def test_an_object_missing_an_attribute_is_a_type_error(lib: pycomp.Library) -> None:
    with pytest.raises(TypeError, match=r"longest\(\) argument 'spans'\[0\] must be a Span "
                                        r"\(an object with the attribute 'end'\)"):
        lib.longest([types.SimpleNamespace(label="A", start=0, text="")])
    with pytest.raises(TypeError):
        lib.longest([types.SimpleNamespace(label="A", start="0", end=1, text="")])


FAMILIES = ROOT / "tests" / "diff_classes" / "cases" / "families.py"


@pytest.fixture(scope="module")
def fam(tmp_path_factory: pytest.TempPathFactory) -> pycomp.Library:
    return pycomp.load(pycomp.build(FAMILIES, tmp_path_factory.mktemp("records") / "families"))


def test_family_results_derive_as_the_compiled_classes(fam: pycomp.Library) -> None:
    """An object of a family comes back as the dataclass of its own class, deriving from
    the loader's dataclasses of its bases (docs/abi.md, "Families")."""
    circle, tile, dot = fam.parse_shapes("c:a:1,t:b:2:red,p:c")
    shape = type(dot)
    assert [c.__name__ for c in type(tile).__mro__] == ["Tile", "Square", "Shape", "object"]
    assert isinstance(circle, shape) and isinstance(tile, type(fam.classify("s:x:1")))
    assert type(fam.tile("t", 2.0)) is type(tile)  # one class per name, per bundle
    assert repr(tile) == "Tile(name='b', side=2.0, color='red')"
    (fn,) = [f for f in fam.manifest["functions"] if f["name"] == "classify"]
    assert fn["returns"]["kind"] == "family" and fn["returns"]["name"] == "Shape"
    assert [(c["name"], c["bases"]) for c in fn["returns"]["classes"]] == [
        ("Shape", []), ("Circle", ["Shape"]), ("Square", ["Shape"]), ("Tile", ["Square"])]


def test_family_arguments_by_their_class(fam: pycomp.Library) -> None:
    """An argument is encoded by the nearest class of the family in its MRO: the loader's
    objects, the module's own classes, a subclass of either; anything else is a
    TypeError naming the parameter."""
    ref = load_module(FAMILIES, "pycomp_records_families")

    class Big(ref.Circle):  # a caller's subclass: crosses as a Circle
        pass

    assert fam.describe(fam.classify("c:w:2")) == ref.describe(ref.Circle("w", 2.0))
    assert fam.describe(ref.Tile("t", 1.5, "red")) == "red tile t: 2.25"
    assert fam.describe(Big("b", 1.0)) == ref.describe(ref.Circle("b", 1.0))
    with pytest.raises(TypeError, match=r"describe\(\) argument 's' must be a Shape "
                                        r"\(Shape, Circle, Square, Tile\), not SimpleNamespace"):
        fam.describe(types.SimpleNamespace(name="x", r=1.0))
    with pytest.raises(TypeError, match=r"heaviest\(\) argument 'evs'\[1\] must be a Event "):
        fam.heaviest([ref.Click(0, 1, 2), ref.Circle("c", 1.0)])
    with pytest.raises(TypeError, match=r"argument 'sc'.shapes\[0\] must be a Shape"):
        fam.scene_report(ref.Scene("s", [3]), 0.0)  # type: ignore[list-item]


def test_wrong_fields_give_the_messages_of_the_wire_form(lib: pycomp.Library,
                                                         fam: pycomp.Library) -> None:
    """The loader converts records and family objects itself (no Python pass over the
    value first): a missing attribute, a field of the wrong type, an int too large, a
    value of another class are reported with the same words as ever."""
    ns = types.SimpleNamespace
    ref = load_module(FAMILIES, "pycomp_records_families")
    cases: list[tuple[Any, tuple[Any, ...], type[Exception], str]] = [
        (lib.longest, ([ns(label="A", start="0", end=1, text="")],), TypeError,
         ("longest() argument 'spans' must be list[tuple[str, int, int, str]], but "
         "spans[0][1] is str, not int")),
        (lib.longest, ([ns(label="A", start=2**70, end=1, text="")],), OverflowError,
         ("longest() argument 'spans': spans[0][1] is an int too large to convert to a "
         "64-bit int")),
        (lib.longest, (5,), TypeError,
         "longest() argument 'spans' must be list[tuple[str, int, int, str]], not int"),
        (lib.longest, ([None],), TypeError,
         ("longest() argument 'spans'[0] must be a Span (an object with the attribute "
         "'label'), not NoneType")),
        (fam.describe, (ref.Circle("x", "bad"),), TypeError,
         "describe() argument 's' must be Shape, but s[1] is str, not float"),
        (fam.describe, (ref.Tile("x", 1.0, 5),), TypeError,
         "describe() argument 's' must be Shape, but s[2] is int, not str"),
        (fam.heaviest, ([ref.Click(0, 1, 2), ref.Circle("c", 1.0)],), TypeError,
         "heaviest() argument 'evs'[1] must be a Event (Event, Click, Purchase), not Circle"),
        (fam.scene_report, (ref.Scene("s", [3]), 0.0), TypeError,
         ("scene_report() argument 'sc'.shapes[0] must be a Shape (Shape, Circle, Square, "
         "Tile), not int")),
        (fam.scene_report, (ref.Scene("s", [ref.Circle("c", 1.0)]), "x"), TypeError,
         "scene_report() argument 'min_area' must be float, not str"),
        (fam.scene_report, (types.SimpleNamespace(name="s"), 0.0), TypeError,
         ("scene_report() argument 'sc' must be a Scene (an object with the attribute "
         "'title'), not SimpleNamespace")),
    ]
    for fn, args, cls, message in cases:
        with pytest.raises(cls) as e:
            fn(*args)
        assert str(e.value) == message


def test_attributes_are_read_as_python_reads_them(lib: pycomp.Library) -> None:
    """Any object with the attributes: a property, a class attribute, `__getattr__`; an
    error other than AttributeError while reading one is passed on as it is."""

    class Lazy:
        label = "L"
        start = 1

        @property
        def end(self) -> int:
            return 4

        def __getattr__(self, name: str) -> str:
            if name == "text":
                return "abc"
            raise AttributeError(name)

    class Broken(Lazy):
        @property
        def end(self) -> int:
            raise KeyError("end")

    assert repr(lib.longest([Lazy()])) == "Span(label='L', start=1, end=4, text='abc')"
    with pytest.raises(KeyError, match="end"):
        lib.longest([Broken()])
    # a tuple of objects is a list[Span] as a tuple of ints is a list[int]
    assert lib.longest((Lazy(),)).end == 4
