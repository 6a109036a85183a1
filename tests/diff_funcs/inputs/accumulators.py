TREE = {"name": "root", "children": [
    {"name": "a", "children": [{"name": "a1"}, {"name": "a2", "children": []}]},
    {"name": "b"}]}
DEEP = {"name": 0, "children": [{"name": 1, "children": [{"name": 2, "children": [
    {"name": 3, "children": [{"name": 4}]}]}]}]}
GRAPH = {1: [2, 3], 2: [4, 1], 3: [4], 4: [2]}

INPUTS: dict[str, list[tuple]] = {
    "collect_all": [([["Ab", "c", "DEF"], ["ghij"]], 2), ([], 1), ([["x"], []], 3)],
    "outline": [(TREE,), (DEEP,), ({"name": "lone"},), ({"children": []},)],
    "dfs_order": [(GRAPH, 1), (GRAPH, 3), ({1: []}, 1), (GRAPH, 9)],
    "word_counts": [(["the cat", "the dog the end"],), ([],), (["  ", "a a"],)],
    "doubled_partial": [([1, 2, -3, 4],), ([1, 2],), ([],), ([-1],)],
    "doubled_raises": [([1, 2, -3, 4],), ([5],)],
    "grouped": [(["a", "bb", "cc", "d", "eee"],), ([],)],
    "fill_rows": [(3, 0), (3, 3), (2, -1), (0, 0)],
    "drained": [([1, 2, 3], 5), ([1, 2, 3], 2), ([], 0)],
    "prefixed": [(["x", "y"], "p:"), ([], "q")],
    "halvings": [([1, 5, 8],), ([],), ([0, 3],)],
    "dedupe": [(["A", "a ", "b", "B", "c"],), ([],)],
    "sizes_before": [(3,), (0,)],
    "worklist": [([1, 2], 10), ([], 3), ([20], 5)],
    "reshaped": [([3, 1, 2],), ([3],), ([],)],
    "emitted": [([3, 4],), ([],), ([1, -2, 3],)],
    "flattened": [([[1, 2], [3]],), ([[5]],), ([],)],
}
