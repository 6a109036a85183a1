"""Parsing small text formats: lists, key/value pairs, durations, CSV rows."""

UNITS = {"h": 3600, "m": 60, "s": 1}
TRUE_WORDS = ["true", "yes", "1", "on"]
FALSE_WORDS = ["false", "no", "0", "off"]
NULLS = ["null", "none", "n/a", "-"]


def parse_int_list(text: str, sep: str = ",") -> list[int]:
    return [int(p) for p in text.split(sep) if p.strip()]


def parse_kv(line: str) -> dict[str, str]:
    out = {}
    for part in line.split(";"):
        if not part.strip():
            continue
        eq = part.find("=")
        if eq < 0:
            raise ValueError(f"missing '=' in '{part.strip()}'")
        out[part[:eq].strip()] = part[eq + 1:].strip()
    return out


def parse_duration(text: str) -> int:
    """'1h30m15s' -> 5415 seconds."""
    total = 0
    num = ""
    for ch in text.strip():
        if ch.isdigit():
            num += ch
        elif ch in UNITS:
            if not num:
                raise ValueError(f"missing number before '{ch}'")
            total += int(num) * UNITS[ch]
            num = ""
        else:
            raise ValueError(f"unexpected character '{ch}'")
    if num:
        raise ValueError(f"trailing number without unit: {num}")
    return total


def parse_csv_row(line: str, delim: str = ",") -> list[str]:
    fields = []
    cur = ""
    in_quotes = False
    i = 0
    while i < len(line):
        ch = line[i]
        if in_quotes:
            if ch == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    cur += '"'
                    i += 1
                else:
                    in_quotes = False
            else:
                cur += ch
        elif ch == '"':
            in_quotes = True
        elif ch == delim:
            fields.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    if in_quotes:
        raise ValueError("unterminated quote")
    fields.append(cur)
    return fields


def parse_version(text: str) -> tuple[int, int, int]:
    parts = text.strip().lstrip("vV").split(".")
    if len(parts) > 3:
        raise ValueError(f"too many components in {text}")
    nums = [int(p) for p in parts]
    while len(nums) < 3:
        nums.append(0)
    return nums[0], nums[1], nums[2]


def parse_bool(text: str) -> bool:
    t = text.strip().lower()
    if t in TRUE_WORDS:
        return True
    if t in FALSE_WORDS:
        return False
    raise ValueError(f"not a boolean: '{text}'")


def parse_float_or_none(text: str) -> float | None:
    t = text.strip()
    if t == "" or t.lower() in NULLS:
        return None
    return float(t)


def parse_query(query: str) -> dict[str, list[str]]:
    out = {}
    q = query.removeprefix("?")
    for pair in q.split("&"):
        if not pair:
            continue
        eq = pair.find("=")
        key = pair if eq < 0 else pair[:eq]
        value = "" if eq < 0 else pair[eq + 1:]
        out.setdefault(key, []).append(value.replace("+", " "))
    return out


def convert_record(fields: list[str]) -> tuple[int, float, str, bool, int]:
    """int/float/str/bool conversions of one CSV record."""
    count = int(fields[0])
    price = float(fields[1])
    name = str(fields[2]).strip().title()
    active = bool(fields[3].strip())
    cents = int(price * 100.0)
    return count, price, name, active, cents


def parse_command(line: str, max_args: int = -1) -> tuple[str, list[str]]:
    parts = line.split(maxsplit=1)
    command = parts[0].lower()
    args = parts[1].split(",", max_args) if len(parts) > 1 else []
    return command, [a.strip() for a in args]
