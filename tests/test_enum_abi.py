"""Enums across the Python boundary (docs/abi.md, "enum"): a member crosses as its value;
the loader gives Python a member of an equivalent enum (same name, members, values and
repr) and accepts a member of any enum with the same names and values."""

from __future__ import annotations

import enum
from pathlib import Path

import pycomp
import pytest
from pyref import load_module

SRC = Path(__file__).resolve().parent / "fixtures" / "enums_abi.py"


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> pycomp.Library:
    return pycomp.load(pycomp.build(SRC, tmp_path_factory.mktemp("enums") / "enums_abi"))


@pytest.fixture(scope="module")
def ref() -> object:
    return load_module(SRC, "pycomp_fixture_enums_abi")


def test_a_dataclass_with_enum_fields_has_cpython_repr(lib: pycomp.Library, ref: object) -> None:
    for logits, angry in [([0.1, 0.7, 0.2], True), ([2.0], False), ([0.0, 0.0, 3.0], False)]:
        want = ref.predict(logits, angry)  # type: ignore[attr-defined]
        got = lib.predict(logits, angry)
        assert repr(got) == repr(want)
        assert isinstance(got.label, enum.Enum) and got.label.name == want.label.name
        assert got.label.value == want.label.value and got.tone.value == want.tone.value
    with pytest.raises(ValueError, match="no logits"):
        lib.predict([], True)


def test_enum_results_and_arguments(lib: pycomp.Library, ref: object) -> None:
    label = ref.Label  # type: ignore[attr-defined]
    for member in label:
        got = lib.flip(member)
        assert repr(got) == repr(ref.flip(member))  # type: ignore[attr-defined]
        assert lib.flip(got) is type(got)[member.name]  # the loader's own members come back
    assert [repr(t) for t in lib.tones(["calm", "angry"])] == ["<Tone.CALM: 'calm'>",
                                                               "<Tone.ANGRY: 'angry'>"]
    with pytest.raises(ValueError, match="'x' is not a valid Tone"):
        lib.tones(["calm", "x"])
    preds = [ref.predict([0.9, 0.1], False), lib.predict([0.1, 0.9], True)]  # type: ignore[attr-defined]
    assert lib.summary(preds) == ref.summary(preds)  # type: ignore[attr-defined]


def test_int_enum_members_stay_ints(lib: pycomp.Library, ref: object) -> None:
    levels = list(ref.Priority)  # type: ignore[attr-defined]
    assert lib.urgent(levels) == ref.urgent(levels) == [False, True]  # type: ignore[attr-defined]
    (fn,) = [f for f in lib.manifest["functions"] if f["name"] == "urgent"]
    assert fn["params"][0]["type"]["item"] == {
        "kind": "enum", "name": "Priority", "base": "IntEnum", "value_type": "int",
        "members": [{"name": "LOW", "value": 1}, {"name": "HIGH", "value": 2}]}


def test_str_enum_members_stay_strs(lib: pycomp.Library, ref: object) -> None:
    """A `(str, Enum)` and a `StrEnum` come back as members of such a class: strs equal to
    their values, printed as CPython prints them."""
    role, color = ref.Role, ref.Color  # type: ignore[attr-defined]
    got = lib.reply_role(role.USER)
    assert got == "assistant" and isinstance(got, str) and repr(got) == "<Role.ASSISTANT: 'assistant'>"
    assert str(got) == str(ref.reply_role(role.USER))  # type: ignore[attr-defined]
    mixed = lib.mix([color.RED, color.BLUE])
    assert [str(c) for c in mixed] == ["blue", "red"] == [str(c) for c in ref.mix(  # type: ignore[attr-defined]
        [color.RED, color.BLUE])]
    assert all(isinstance(c, str) for c in mixed)
    (fn,) = [f for f in lib.manifest["functions"] if f["name"] == "reply_role"]
    assert fn["params"][0]["type"]["base"] == "str, Enum"


def test_a_non_member_is_a_type_error(lib: pycomp.Library, ref: object) -> None:
    with pytest.raises(TypeError, match=r"flip\(\) argument 'label' must be a Label member, "
                                        r"not int"):
        lib.flip(1)
    other = enum.Enum("Label", [("NEGATIVE", 5)])
    with pytest.raises(TypeError, match="must be a Label member"):
        lib.flip(other.NEGATIVE)
    with pytest.raises(TypeError, match="must be a Priority member, not int"):
        lib.urgent([2])
