"""Lists of lambdas without an annotation (issue 10): `[lambda x, f=f: x * f for f in
factors]` or a list display of lambdas, typed by the first call of their items
(`[fn(2.0) for fn in fns]`, `for fn in fns: fn(x)`), and function-valued loop variables
called in list, set and dict comprehensions and generator expressions."""


def scaled(factors: list[float]) -> list[float]:
    fns = [lambda x, f=f: x * f for f in factors]
    return [fn(2.0) for fn in fns]


def divided(divisors: list[float], x: float) -> list[float]:
    fns = [lambda v, d=d: v / d for d in divisors]
    out = []
    for fn in fns:
        out.append(fn(x))
    return out


def shifted_total(offsets: list[int], x: int) -> int:
    fns = [lambda v, o=o: v + o for o in offsets]
    return sum(fn(x) for fn in fns)


def labelled(names: list[str]) -> dict[str, str]:
    fns = [lambda s, n=n: n + "=" + s for n in names]
    return {fn("key"): fn("value") for fn in fns}


def distinct_remainders(mods: list[int], x: int) -> list[int]:
    fns = [lambda v, m=m: v % m for m in mods]
    return sorted({fn(x) for fn in fns})


def steps(x: int) -> list[int]:
    fns = [lambda v: v + 1, lambda v: v * 2, lambda v: 100 // v]
    return [fn(x) for fn in fns]
