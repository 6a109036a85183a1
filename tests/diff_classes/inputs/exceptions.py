INPUTS: dict[str, list[tuple]] = {
    "parse_port": [({"port": "8080"},), ({},), ({"port": "80a"},), ({"port": "70000"},)],
    "config_report": [([{"port": "1"}, {}, {"port": "x"}, {"port": "0"}],), ([],),
                      ([{"port": "65535"}, {"port": "99999"}],)],
    "label_ids": [(["pos", "neg"],), (["pos", "bad"],), ([],)],
    "label_ids_or_report": [(["neu"],), (["x"],), (["pos", "neutral"],)],
    "validate_scores": [([0.1, 0.9], 0.0, 1.0), ([], 0.0, 1.0), ([0.5, 2.0], 0.0, 1.0)],
    "clamp_or_reraise": [([0.5, 1.5], False), ([0.5, 1.5], True), ([], False), ([0.2], True)],
    "chained": [({"retries": "3"},), ({},), ({"retries": "three"},)],
    "with_retries": [(0, 3), (2, 3), (3, 3), (1, 1)],
    "classify": [(["a", "", "-1", "busy", "b"],), ([],), (["busy", "busy"],)],
}
