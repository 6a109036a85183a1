"""Branches, loops, early exits and recursion."""


def classify_number(n: int) -> str:
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n % 2 == 0:
        return "even"
    else:
        return "odd"


def grade(score: float) -> str:
    if not 0.0 <= score <= 100.0:
        raise ValueError(f"score out of range: {score}")
    if score >= 90.0:
        return "A"
    elif score >= 80.0:
        return "B"
    elif score >= 70.0:
        return "C"
    return "F"


def first_negative(xs: list[int]) -> int | None:
    for i, x in enumerate(xs):
        if x < 0:
            return i
    return None


def find_pair_sum(xs: list[int], target: int) -> tuple[int, int] | None:
    seen = {}
    for i, x in enumerate(xs):
        j = seen.get(target - x)
        if j is not None:
            return j, i
        if x not in seen:
            seen[x] = i
    return None


def skip_comments(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if s.startswith("#"):
            continue
        if s == "__END__":
            break
        out.append(s)
    return out


def _bsearch(xs: list[int], target: int, lo: int, hi: int) -> int:
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if xs[mid] == target:
        return mid
    if xs[mid] < target:
        return _bsearch(xs, target, mid + 1, hi)
    return _bsearch(xs, target, lo, mid - 1)


def binary_search(xs: list[int], target: int) -> int:
    return _bsearch(xs, target, lo=0, hi=len(xs) - 1)


def merge_sort(xs: list[int]) -> list[int]:
    if len(xs) <= 1:
        return list(xs)
    mid = len(xs) // 2
    left = merge_sort(xs[:mid])
    right = merge_sort(xs[mid:])
    out = []
    i, j = 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def describe_count(n: int) -> str:
    """The variable x changes type from int to str in straight-line code."""
    x = n * 2 + 1
    label = "many" if x > 10 else "few"
    x = f"{label}:{x}"
    return x.upper()


def coalesce_label(label: str | None, score: float | None = None, default: str = "n/a") -> str:
    name = label if isinstance(label, str) else default
    if isinstance(score, float):
        return f"{name} ({score:.2f})"
    return name


def display_name(first: str, nick: str = "", max_len: int = 0) -> str:
    name = nick.strip() or first.strip() or "anon"
    limit = max_len and min(max_len, len(name))
    if limit:
        name = name[:limit]
    else:
        pass
    return name
