"""zip(*rows): transposed tables, column statistics and unzipped pairs."""


def column_sums(rows: list[list[int]]) -> list[int]:
    return [sum(col) for col in zip(*rows)]


def transpose(rows: list[list[int]]) -> list[list[int]]:
    return list(map(list, zip(*rows)))


def render_table(table: list[list[str]]) -> str:
    widths = [max(map(len, col)) for col in zip(*table)]
    lines = []
    for row in table:
        lines.append(" | ".join(cell.ljust(w) for cell, w in zip(row, widths)))
    return "\n".join(lines)


def names_and_total(pairs: list[tuple[str, int]]) -> str:
    names, scores = zip(*pairs)
    return f"{', '.join(sorted(names))}: {sum(scores)} (best {max(scores)})"


def unzip_points(points: list[tuple[float, float, str]]) -> tuple[float, float, list[str]]:
    xs, ys, labels = zip(*points)
    return min(xs), max(ys), sorted(set(labels))


def column_means(rows: list[tuple[float, float]]) -> list[float]:
    return [sum(col) / len(col) for col in zip(*rows)]


def column_max_of(rows: list[list[int]]) -> list[int]:
    return list(map(max, zip(*rows)))


def column_report(header: list[str], rows: list[list[float]]) -> str:
    lines = []
    for j, col in enumerate(zip(*rows)):
        lines.append(f"{header[j]}: min={min(col)} max={max(col)} "
                     f"mean={sum(col) / len(col):.3f} first={col[0]} last={col[-1]}")
    return "\n".join(lines)


def majority_vote(preds: list[list[str]]) -> list[str]:
    out = []
    for col in zip(*preds):
        out.append(max(sorted(set(col)), key=lambda lab: sum(1 for p in col if p == lab)))
    return out


def agreeing_positions(words: list[str]) -> int:
    return sum(1 for chars in zip(*words) if all(c == chars[0] for c in chars))
