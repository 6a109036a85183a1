"""`re` at compile time: what a pattern written in the program means.

A literal pattern is parsed here by CPython's own parser (`re._parser`), so a
bad one is reported with CPython's message, and its groups are known: how many
(the type of `findall`, `groups()`), their names, and which take part in every
match (`m.group(1)` is then a `str`, not `str | None`). Patterns the runtime
(templates/runtime_optional/re.rs) cannot run faithfully are refused here.

The compiler carries what it learned in the type: `OpaqueT("Pattern", info)`
and `OpaqueT("Match", info)`, `info` being `PatternInfo.encode()` ("" when the
pattern is only known at run time).

Hooks are called as `hook(types, consts)` (stdtyping.py); they return a type,
None when the overload does not apply, an error message, or `(type, warning)`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from pycomp.types import INT, STR, CallableT, IterT, ListT, OpaqueT, OptionalT, TupleT, Type

FLAGS = {"IGNORECASE": 2, "I": 2, "MULTILINE": 8, "M": 8, "DOTALL": 16, "S": 16,
         "VERBOSE": 64, "X": 64, "ASCII": 256, "A": 256, "UNICODE": 32, "U": 32,
         "NOFLAG": 0}

IGNORECASE_WARNING = (
    "case-insensitive matching compares characters by Unicode simple case folding; "
    "CPython also equates a few characters that folding keeps apart (e.g. `i` and `İ`)")


@dataclass(frozen=True)
class PatternInfo:
    groups: int
    names: dict[str, int]
    always: frozenset[int]   # groups that take part in every match
    empty_ambiguous: bool    # may match empty and has `|` or a lazy repeat
    ignorecase: bool

    def encode(self) -> str:
        return json.dumps({"g": self.groups, "n": self.names, "a": sorted(self.always),
                           "e": self.empty_ambiguous, "i": self.ignorecase})

    @staticmethod
    def decode(text: str) -> PatternInfo | None:
        if not text:
            return None
        d = json.loads(text)
        return PatternInfo(d["g"], d["n"], frozenset(d["a"]), d["e"], d["i"])


def _walk(items: Any, always: bool, out: set[int], flags: dict[str, bool],
          casei: bool) -> None:
    """Record the groups that take part in every match (`always` on the way down);
    `casei`: IGNORECASE holds here."""
    for op, av in items:
        if op is sre_c.SUBPATTERN:
            group, add, drop, sub = av
            if group is not None and always:
                out.add(group)
            _walk(sub, always, out, flags,
                  bool(add & re.IGNORECASE) or casei and not drop & re.IGNORECASE)
        elif op is sre_c.BRANCH:
            flags["branch"] = True
            for alt in av[1]:
                _walk(alt, False, out, flags, casei)
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            if op is sre_c.MIN_REPEAT and lo == 0:
                flags["lazy"] = True
            _walk(sub, always and lo > 0, out, flags, casei)
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            _walk(av[1], always and op is sre_c.ASSERT, out, flags, casei)
        elif op is sre_c.ATOMIC_GROUP:
            _walk(av, always, out, flags, casei)
        elif op is sre_c.GROUPREF_EXISTS:
            flags["conditional"] = True
        elif op is sre_c.GROUPREF and casei:
            flags["casei_backref"] = True


def analyse(pattern: str, flags: int) -> PatternInfo | str:
    """What the pattern means, or why it cannot be compiled."""
    if flags & re.LOCALE:
        return "re.LOCALE is for bytes patterns; pycomp compiles str patterns"
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error as e:
        return f"invalid regular expression: {e} (CPython raises re.error here)"
    except (ValueError, OverflowError) as e:
        return f"invalid regular expression: {e}"
    if "\\N{" in pattern:
        return "`\\N{...}` escapes in a pattern are not compiled: write the character itself"
    always: set[int] = set()
    seen = {"branch": False, "lazy": False, "conditional": False, "casei_backref": False}
    final = parsed.state.flags
    _walk(parsed, True, always, seen, bool(final & re.IGNORECASE))
    if seen["conditional"]:
        return "conditional groups `(?(1)...|...)` are not compiled"
    if seen["casei_backref"]:
        return ("a backreference (`\\1`, `(?P=name)`) under IGNORECASE is not compiled: "
                "CPython compares it case-insensitively, the engine exactly")
    if final & re.ASCII and final & re.IGNORECASE:
        return "re.IGNORECASE together with re.ASCII is not compiled (CPython folds ASCII only)"
    return PatternInfo(
        groups=parsed.state.groups - 1,
        names=dict(parsed.state.groupdict),
        always=frozenset(always),
        empty_ambiguous=parsed.getwidth()[0] == 0 and (seen["branch"] or seen["lazy"]),
        ignorecase=bool(final & re.IGNORECASE),
    )


Result = Type | str | None | tuple[Type, str]
Hook = Callable[[dict[str, Type], dict[str, object]], Result]


def _info_of(types: dict[str, Type], consts: dict[str, object]) -> PatternInfo | str | None:
    """The pattern of a call: the `self` Pattern's info, or the literal `pattern` argument
    (None when it is only known at run time)."""
    recv = types.get("self")
    if isinstance(recv, OpaqueT):
        return PatternInfo.decode(recv.detail)
    pattern = consts.get("pattern")
    if not isinstance(pattern, str):
        return None
    flags = consts.get("flags", 0)
    if "flags" in types and "flags" not in consts:
        return None  # flags only known at run time
    if not isinstance(flags, int):
        return None
    return analyse(pattern, flags)


def callback_type(t: Type, types: dict[str, Type], consts: dict[str, object]) -> Type:
    """The `Callable[[Match], str]` of a `sub`/`subn` replacement function, its match
    typed by the call's pattern when that is known at compile time."""
    info = _info_of(types, consts)
    if not isinstance(t, CallableT) or not isinstance(info, PatternInfo):
        return t
    return CallableT(tuple(_match_type(info) if p == OpaqueT("Match", "") else p
                           for p in t.params), t.ret)


def _with_warning(t: Type, info: PatternInfo | None) -> Result:
    if info is not None and info.ignorecase:
        return (t, IGNORECASE_WARNING)
    return t


def _pattern(types: dict[str, Type], consts: dict[str, object], iterating: bool = False
             ) -> PatternInfo | None | str:
    """The call's pattern info; an error when the pattern is bad or, for an op that walks
    every match (`iterating`), when the engine could choose other matches than CPython."""
    info = _info_of(types, consts)
    if iterating and isinstance(info, PatternInfo) and info.empty_ambiguous:
        return ("this pattern can match the empty string and has `|` or a lazy repeat: after "
                "an empty match CPython 3.7+ retries for a non-empty one at the same place, "
                "which the compiled engine cannot reproduce")
    return info


def _match_type(info: PatternInfo | None) -> Type:
    return OpaqueT("Match", info.encode() if info else "")


def _typed(make: Callable[[PatternInfo | None], Type], iterating: bool = False) -> Hook:
    """A hook whose result type is made from the pattern's info."""
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Result:
        info = _pattern(types, consts, iterating)
        if isinstance(info, str):
            return info
        return _with_warning(make(info), info)
    return hook


compile_pattern = _typed(lambda i: OpaqueT("Pattern", i.encode() if i else ""))
one_match = _typed(lambda i: OptionalT(_match_type(i)))  # search / match / fullmatch
all_matches = _typed(lambda i: IterT(_match_type(i)), iterating=True)  # finditer


def iterating(t: Type) -> Hook:
    """sub / subn over all matches: the op's own result type."""
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Result:
        info = _pattern(types, consts, iterating=True)
        if isinstance(info, str):
            return info
        repl = consts.get("repl")
        if isinstance(repl, str) and info is not None:
            err = _template_error(repl, info)
            if err:
                return err
        return _with_warning(t, info)
    return hook


sub_str = iterating(STR)
subn_str = iterating(TupleT((STR, INT)))


def _template_error(repl: str, info: PatternInfo) -> str | None:
    """CPython's error for a bad `sub` template, checked against a pattern with the
    same groups."""
    names = {g: n for n, g in info.names.items()}
    shape = "".join(f"(?P<{names[g]}>)" if g in names else "()"
                    for g in range(1, info.groups + 1))
    try:
        sre_parse.parse_template(repl, re.compile(shape))
    except (re.error, IndexError) as e:
        return f"invalid replacement template: {e} (CPython raises {type(e).__name__} here)"
    return None


def split_plain(types: dict[str, Type], consts: dict[str, object]) -> Result:
    """split of a pattern whose groups (if any) take part in every match: `list[str]`."""
    info = _pattern(types, consts, iterating=True)
    if isinstance(info, str):
        return info
    if info is None or len(info.always) < info.groups:
        return None
    return _with_warning(ListT(STR), info)


def split_optional(types: dict[str, Type], consts: dict[str, object]) -> Result:
    info = _pattern(types, consts, iterating=True)
    if isinstance(info, str):
        return info
    return _with_warning(ListT(OptionalT(STR)), info)


def _findall(arity: int) -> Hook:
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Result:
        info = _pattern(types, consts, iterating=True)
        if isinstance(info, str):
            return info
        if info is None:
            return ("the pattern of `findall` must be known at compile time (a literal or a "
                    "module constant): its number of groups decides the result's type")
        n = info.groups
        if arity == 1 and n <= 1:
            return _with_warning(ListT(STR), info)
        if arity > 1 and n == arity:
            return _with_warning(ListT(TupleT((STR,) * arity)), info)
        if arity == 4 and n > 4:
            return "`findall` of a pattern with more than 4 groups is not compiled: use finditer"
        return None
    return hook


findall_1 = _findall(1)
findall_2 = _findall(2)
findall_3 = _findall(3)
findall_4 = _findall(4)


def _group_of(info: PatternInfo | None, g: object) -> int | None:
    if info is None:
        return None
    if isinstance(g, bool):
        return None
    if isinstance(g, int):
        return g
    if isinstance(g, str):
        return info.names.get(g)
    return None


def _always(types: dict[str, Type], consts: dict[str, object], key: str) -> bool:
    recv = types.get("self")
    info = PatternInfo.decode(recv.detail) if isinstance(recv, OpaqueT) else None
    if key not in consts:
        return False
    if consts[key] == 0 and type(consts[key]) is int:
        return True
    g = _group_of(info, consts[key])
    return g is not None and (g == 0 or g in (info.always if info else ()))


def group_str(types: dict[str, Type], consts: dict[str, object]) -> Result:
    """`m.group(g)` of a group that takes part in every match of a known pattern: `str`."""
    return STR if _always(types, consts, "group") else None


def _groups(arity: int, optional: bool) -> Hook:
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Result:
        recv = types.get("self")
        info = PatternInfo.decode(recv.detail) if isinstance(recv, OpaqueT) else None
        if info is None:
            if arity == 1 and optional:
                return ("`m.groups()` needs the pattern at compile time (a literal or a module "
                        "constant): its number of groups decides the tuple's length")
            return None
        if info.groups != arity:
            if arity == 1 and optional and not 1 <= info.groups <= 4:
                return (f"`m.groups()` is compiled for patterns of 1 to 4 groups (this one "
                        f"has {info.groups}): read each group by its number, `m.group(1)`")
            return None
        every = len(info.always) >= info.groups
        if every == optional:
            return None
        item: Type = OptionalT(STR) if optional else STR
        return TupleT((item,) * arity)
    return hook


groups_1 = _groups(1, False)
groups_2 = _groups(2, False)
groups_3 = _groups(3, False)
groups_4 = _groups(4, False)
groups_opt_1 = _groups(1, True)
groups_opt_2 = _groups(2, True)
groups_opt_3 = _groups(3, True)
groups_opt_4 = _groups(4, True)
