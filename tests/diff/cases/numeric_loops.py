"""Integer and float loops with Python arithmetic semantics."""
import math


def factorial(n: int) -> int:
    if n < 0:
        raise ValueError("factorial() not defined for negative values")
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def fibonacci(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def power_table(base: int, n: int) -> list[int]:
    return [base ** i for i in range(n)]


def collatz_steps(n: int) -> int:
    if n <= 0:
        raise ValueError(f"n must be positive, got {n}")
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def floor_div_mod_table(values: list[int], d: int) -> list[tuple[int, int]]:
    return [(v // d, v % d) for v in values]


def normalize_angle(deg: float, full_turn: float = 360.0) -> tuple[float, float]:
    """(turns, angle in [0, full_turn)) with float floor division and modulo."""
    return deg // full_turn, deg % full_turn


def gcd_list(xs: list[int]) -> int:
    g = 0
    for x in xs:
        g = math.gcd(g, x)
    return g


def primes_below(n: int) -> list[int]:
    sieve = [True for _ in range(n)]
    primes = []
    for i in range(2, n):
        if not sieve[i]:
            continue
        primes.append(i)
        j = i * i
        while j < n:
            sieve[j] = False
            j += i
    return primes


def digit_sum(n: int) -> int:
    n = abs(n)
    if n < 10:
        return n
    return n % 10 + digit_sum(n // 10)


def string_hash(s: str, base: int = 31, mod: int = 1_000_000_007) -> int:
    h = 0
    for ch in s:
        h = (h * base + ord(ch)) % mod
    return h
