"""str.format and printf-style % formatting with literal format strings."""

REPORT = "{name}: {score:.2%} ({count} of {total})"
ROW = "%-10s|%6.2f|%5d"


def label_score(n: int, x: float) -> str:
    return "{}: {:.2%}".format(n, x)


def indexed(a: str, b: str) -> str:
    return "{1}-{0}-{1}".format(a, b)


def named(name: str, score: float, count: int, total: int) -> str:
    return REPORT.format(name=name, score=score, count=count, total=total)


def padded(s: str, width: int) -> str:
    return "[{:>{}}] [{:^{w}}] {{literal}}".format(s, width, s, w=width)


def reprs(s: str, x: float) -> str:
    return "{!r} {!s} {:e}".format(s, x, x)


def row(name: str, x: float, n: int) -> str:
    return ROW % (name, x, n)


def printf_numbers(x: float, n: int) -> str:
    return "%d %5.1f %-6d| %+d %05d %x %#o %e %g %%" % (x, x, n, n, n, abs(n), abs(n), x, x)


def printf_single(s: str) -> str:
    return "name=%s" % s


def printf_dict(d: dict[str, int]) -> str:
    return "%(a)s + %(b)03d" % d


def printf_repr(s: str, n: int) -> str:
    return "%r has %s chars (%.3s...)" % (s, n, s)
