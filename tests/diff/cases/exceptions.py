"""try/except/else/finally, raise and assert."""


def safe_div(a: float, b: float, default: float = 0.0) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        return default


def safe_lookup(table: dict[str, int], keys: list[str]) -> tuple[int, list[str]]:
    total = 0
    log = []
    for k in keys:
        try:
            v = table[k]
        except KeyError as e:
            log.append("missing " + str(e))
            continue
        else:
            total += v
        finally:
            log.append("done " + k)
    return total, log


def parse_all(items: list[str]) -> tuple[list[int], list[str]]:
    good = []
    errors = []
    for s in items:
        try:
            v = int(s)
        except ValueError as e:
            errors.append(str(e))
        else:
            good.append(v)
    return good, errors


def get_nested(data: dict[str, list[int]], key: str, index: int) -> str:
    try:
        value = data[key][index]
    except (KeyError, IndexError) as e:
        return "error: " + str(e)
    return f"ok: {value}"


def checked_mean(xs: list[float]) -> float:
    assert len(xs) > 0, "mean of empty list"
    return sum(xs) / len(xs)


def validate_user(name: str, age: int, email: str) -> None:
    if not name.strip():
        raise ValueError("name must not be blank")
    if not all(ch.isalpha() or ch == " " for ch in name):
        raise ValueError(f"name has invalid characters: {name}")
    if not 0 <= age < 150:
        raise ValueError(f"age out of range: {age}")
    if email.count("@") != 1:
        raise ValueError(f"invalid email: {email}")


def retry_parse(text: str, fallbacks: list[str]) -> float:
    candidates = [text]
    candidates.extend(fallbacks)
    last = ""
    for c in candidates:
        try:
            return float(c)
        except ValueError as e:
            last = str(e)
    raise ValueError(f"all candidates failed; last error: {last}")


def ratios_with_log(values: list[int], divisor: int) -> list[str]:
    log = []
    for v in values:
        try:
            log.append(f"{v}->{v // divisor}")
        except ZeroDivisionError as e:
            log.append("error " + str(e))
            break
        finally:
            log.append("end")
    return log


def lookup_code(codes: dict[str, int], name: str) -> int:
    try:
        return codes[name.lower()]
    except KeyError:
        raise ValueError(f"unknown code name: {name}")


def first_item_or(rows: list[list[str]], default: str = "") -> list[str]:
    out = []
    for row in rows:
        try:
            out.append(row[0])
        except LookupError as e:
            out.append(default or str(e))
    return out
