"""Statements of the function model: `del` of a name."""


def release_early(xs: list[int]) -> int:
    hidden = [x * x for x in xs]
    total = sum(hidden)
    del hidden
    return total


def pop_key(d: dict[str, int], k: str) -> tuple[int, int]:
    d = dict(d)
    value, size = d[k], len(d)
    del value, d[k]
    return size, len(d)


def del_in_branch(flag: bool, xs: list[str]) -> str:
    joined = "-".join(xs)
    if flag:
        del joined
        return "deleted"
    return "kept"
