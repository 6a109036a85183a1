import sys
from pathlib import Path

from pyref import load_module

# the topic's own module (the one the harness compares with): arguments are its objects
_NAME = "pycomp_diff_classes_cases_families"
_cases = sys.modules.get(_NAME) or load_module(
    Path(__file__).resolve().parents[1] / "cases" / "families.py", _NAME)
Shape, Circle, Square, Tile = _cases.Shape, _cases.Circle, _cases.Square, _cases.Tile
Scene, Click, Purchase = _cases.Scene, _cases.Click, _cases.Purchase

_MIXED = [Circle("c", 1.0), Square("s", 2.0), Tile("t", 1.5, "red"), Shape("p")]

INPUTS: dict[str, list[tuple]] = {
    "classify": [("c:wheel:2",), ("s:box:1.5",), ("t:floor:3:red",), ("t:floor:0.5",),
                 ("p:dot",), ("x:what:1",)],
    "parse_shapes": [("c:a:1,s:b:2,t:c:3,p:d",), ("",), ("s:b:2,,c:a:0.5",),
                     ("c:a:one",)],
    "largest": [("c:a:1,s:b:2,t:c:3",), ("c:z:0",), ("p:x,p:y",), ("c:a:-1,s:b:1",)],
    "scene": [("kitchen", "t:floor:2:white,c:plate:0.5"), ("empty", ""),
              ("hall", "s:rug:3,p:mark"), ("bad", "q:x:1")],
    "by_name": [("c:a:1,s:b:2,c:a:3",), ("",), ("t:x:1.25:red,p:y",), ("c:a:-2",),
                ("s:b",)],
    "tile": [("a", 2.0), ("b", 0.5), ("c", -1.0)],
    "events": [(["click 1 2", "buy 3.5", "click 0 0"],), ([],), (["buy 1"],),
               (["click x 1"],)],
    "describe": [(Circle("c", 2.0),), (Tile("t", 1.5, "red"),), (Shape("p"),),
                 (Square("s", 0.5),), (Circle("neg", -1.0),)],
    "scene_report": [(Scene("all", _MIXED), 1.0), (Scene("none", []), 0.0),
                     (Scene("tiles", [Tile("t", 2.0), Tile("u", 1.0, "blue")]), 2.0),
                     (Scene("neg", [Square("s", 1.0), Circle("c", -2.0)]), 0.5)],
    "heaviest": [([Click(0, 1, 2), Purchase(1, 2.5), Click(2, 3, 4)],), ([],),
                 ([Click(0, 5, 5)],), ([Purchase(0, 1.0), Purchase(1, 1.0)],)],
}
