"""Points held as tuples, as geometry and box code keeps them: `math.dist` of two
tuples of a fixed length, and tuples built from other points."""

import math


def path_length(points: list[tuple[float, float]]) -> float:
    """math.dist of points held as tuples, as geometry code keeps them."""
    total = 0.0
    for a, b in zip(points, points[1:]):
        total += math.dist(a, b)
    return total


def grid_distance(p: tuple[int, int, int], q: tuple[int, int, int]) -> float:
    return math.dist(p, q)


def from_origin(p: tuple[float, float]) -> float:
    return math.dist(p, (0.0, 0.0))


def nearest(points: list[tuple[float, float]], target: tuple[float, float]) -> int:
    if not points:
        raise ValueError("no points")
    return min(range(len(points)), key=lambda i: math.dist(points[i], target))


def perimeter(box: tuple[float, float, float, float]) -> float:
    x0, y0, x1, y1 = box
    if x1 < x0 or y1 < y0:
        raise ValueError(f"not a box: {box}")
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return sum(math.dist(a, b) for a, b in zip(corners, corners[1:] + corners[:1]))
