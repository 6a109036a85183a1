"""Digests and base64 as cache keys, fingerprints and payload encodings:
hashlib's md5/sha1/sha256/sha512 objects (update, copy, digest, hexdigest) and
base64 encoding and decoding with CPython's binascii.Error messages."""

import base64
import hashlib


def cache_key(prompt: str, model: str, temperature: float) -> str:
    h = hashlib.sha256()
    h.update(model.encode("utf-8"))
    h.update(b"\x00")
    h.update(prompt.encode("utf-8"))
    h.update(repr(temperature).encode("ascii"))
    return h.hexdigest()


def fingerprints(texts: list[str]) -> list[str]:
    return [hashlib.md5(t.encode("utf-8")).hexdigest()[:8] for t in texts]


def dedupe_by_digest(texts: list[str]) -> list[str]:
    seen: set[bytes] = set()
    out = []
    for t in texts:
        d = hashlib.sha1(t.strip().lower().encode("utf-8")).digest()
        if d not in seen:
            seen.add(d)
            out.append(t)
    return out


def running_digests(chunks: list[bytes]) -> list[str]:
    h = hashlib.sha256()
    out = []
    for c in chunks:
        h.update(c)
        snapshot = h.copy()
        snapshot.update(b"!")
        out.append(h.hexdigest()[:12] + ":" + snapshot.hexdigest()[:12])
    return out


def digest_info(data: bytes, algo: str) -> tuple[str, int, int, int]:
    if algo == "md5":
        h = hashlib.md5(data)
    elif algo == "sha1":
        h = hashlib.sha1(data)
    elif algo == "sha512":
        h = hashlib.sha512(data)
    else:
        raise ValueError(f"unknown algorithm: {algo}")
    return (h.name, h.digest_size, h.block_size, len(h.digest()))


def shard_of(key: str, shards: int) -> int:
    d = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(d[:4], "big") % shards


def encode_payload(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode_payload(payload: str) -> str:
    return base64.b64decode(payload).decode("utf-8")


def url_token(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def parse_url_token(token: str) -> bytes:
    padded = token + "=" * (-len(token) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))
