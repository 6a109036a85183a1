"""str.encode / bytes.decode with CPython's codec errors (UTF-8, ASCII, Latin-1; strict,
replace, ignore, backslashreplace, xmlcharrefreplace), bytes repr and f-strings, header
parsing."""

SEP = b"\r\n"
QUOTES = b"it's \"quoted\"\t\x00"


def utf8_roundtrip(text: str) -> tuple[int, str]:
    data = text.encode("utf-8")
    return len(data), data.decode()


def decode_strict(data: bytes, encoding: str) -> str:
    return data.decode(encoding)


def decode_lenient(data: bytes, errors: str) -> str:
    return data.decode("utf-8", errors=errors)


def encode_to(text: str, encoding: str, errors: str) -> bytes:
    return text.encode(encoding, errors)


def header_lines(raw: bytes) -> list[str]:
    out: list[str] = []
    for line in raw.split(SEP):
        line = line.strip()
        if not line or b":" not in line:
            continue
        key, value = line.split(b":", 1)
        out.append(f"{key.lower().decode('ascii')}={value.strip().decode('utf-8', 'replace')}")
    return out


def clean_tokens(raw: bytes) -> list[str]:
    out = []
    for tok in raw.replace(b",", b" ").split():
        tok = tok.strip(b".!?").lower()
        if tok and tok.find(b"\xff") == -1:
            out.append(tok.decode("ascii", errors="ignore"))
    return out


def describe(data: bytes) -> str:
    return f"{data!r} {data} len={len(data)} {str(data)} {repr(QUOTES)}"
