"""`with open(...)` and context managers (issue 10): label and vocabulary files read
as inference code reads them (paths relative to the working directory), files
written and read back, OS errors with CPython's classes and messages, and classes
defining `__enter__`/`__exit__`."""

import io


def load_labels(path: str) -> list[str]:
    labels: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                labels.append(line)
    return labels


def load_vocab(path: str) -> dict[str, int]:
    vocab: dict[str, int] = {}
    with open(path, "r", encoding="utf-8") as f:
        for i, token in enumerate(f):
            vocab[token.rstrip("\n")] = i
    return vocab


def count_lines(path: str) -> tuple[int, int]:
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    return len(lines), sum(len(line) for line in lines)


def first_line_and_rest(path: str) -> tuple[str, int]:
    with open(path, encoding="utf-8") as f:
        head = f.readline()
        rest = f.read()
    return head, len(rest.splitlines())


def write_and_read(path: str, rows: list[str]) -> str:
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(row + "\n" for row in rows)
    with open(path, "a", encoding="utf-8") as out:
        n = out.write("end\n")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return f"{n}:{text}"


def newline_modes(path: str) -> list[str]:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("a\r\nb\rc\nd")
    out: list[str] = []
    with open(path, encoding="utf-8") as f:
        out.extend(repr(line) for line in f)
    with open(path, encoding="utf-8", newline="") as f:
        out.extend(repr(line) for line in f)
    return out


def decode_error(path: str, text: str) -> str:
    with open(path, "w", encoding="latin-1") as f:
        f.write(text)
    with open(path, encoding="utf-8") as f:
        return f.read()


def closed_file(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    return first + f.read()


def not_writable(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        return f.write("x")


def read_or_default(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as f:
            return [line.strip() for line in f]
    except FileNotFoundError:
        return ["<missing>"]
    except io.UnsupportedOperation:
        return ["<unsupported>"]


class Recorder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.events: list[str] = []

    def __enter__(self) -> "Recorder":  # noqa: PYI034 - compiled classes name themselves
        self.events.append(f"enter {self.name}")
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.events.append(f"exit {self.name}")


class Ignoring:
    def __init__(self) -> None:
        self.count = 0

    def __enter__(self) -> int:
        self.count += 1
        return self.count

    def __exit__(self, *args: object) -> bool:
        return True


def recorded(values: list[int]) -> list[str]:
    rec = Recorder("outer")
    try:
        with rec as r, Recorder("inner") as inner:
            r.events.append("body")
            for v in values:
                r.events.append(str(10 // v))
            inner.events.append("ok")
        rec.events.append("after")
    except ZeroDivisionError as e:
        rec.events.append(f"caught {e}")
    return rec.events


def ignored(values: list[str]) -> tuple[int, list[int]]:
    guard = Ignoring()
    out: list[int] = []
    for v in values:
        with guard as n:
            out.append(int(v) * n)
    return guard.count, out


def write_until_bad(path: str, rows: list[str]) -> str:
    out = open(path, "w", encoding="utf-8")  # noqa: SIM115 - `with out:` below closes it
    try:
        with out:
            for row in rows:
                n = int(row)
                out.write(f"{n:>4}\n")
    except ValueError as e:
        print("stopped:", e)
    with open(path, encoding="utf-8") as f:
        return f.read()


def write_report(path: str, rows: list[tuple[str, float]]) -> str:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        print("name,score", file=f)
        for name, score in rows:
            print(name, f"{score:.2f}", sep=",", file=f, flush=score > 1)
        print("rows:", len(rows), end="", file=f)
    with open(path, encoding="utf-8") as f:
        header = f.readline()
        rest = [line.rstrip("\n") for line in f]
    return header + "|".join(rest)


def print_to_reader(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        print("x", file=f)
    return "unreachable"
