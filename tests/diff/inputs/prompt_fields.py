INPUTS: dict[str, list[tuple]] = {
    "alpaca": [({"instruction": "Sum these", "input": "1 2"},),
               ({"instruction": "Say hi", "input": "", "output": "unused"},),
               ({"instruction": "x"},)],
    "greeting": [({"user": "Ana", "place": "Zürich"},), ({"user": "", "place": "{x}"},),
                 ({"place": "here"},)],
    "report_row": [({"loss": 0.12345, "acc": 0.8712},), ({"loss": -1e-9, "acc": 1.0, "n": 3.0},),
                   ({"acc": 0.5},)],
    "padded": [({"v": 255, "w": 6},), ({"v": -3, "w": 0},), ({"v": 1},), ({"w": 4, "v": 10},)],
    "from_json": [('{"id": 7, "label": "pos", "score": 0.25}',),
                  ('{"id": "a", "label": null, "score": [1, 2.5]}',),
                  ('{"id": 1, "label": "x"}',), ('{"id": true, "label": {"k": "v"}, "score": 1e20}',)],
    "sign_aligned": [(-1.5, -42), (2.25, 0), (0.0, 7), (float("-inf"), -1)],
}
