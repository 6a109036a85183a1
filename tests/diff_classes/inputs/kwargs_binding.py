INPUTS: dict[str, list[tuple]] = {
    'render_fields': [({'a': '1', 'b': '2'},), ({'template': '{[]}', 'x': 'y'},), ({'sep': '; ', 'a': '1', 'b': '2'},), ({},)],
    'render_with_template': [({'a': '1'},), ({'template': '{[]}'},), ({'sep': '|', 'q': 'r'},)],
    'scaled': [([1.0, 2.0], {}), ([1.0], {'factor': 0.5, 'offset': 1.0}), ([1.0], {'x': 3.0}), ([1.0], {'scale': 2.0}), ([], {'offset': 1.0})],
    'scaled_factor': [(1.0, {'offset': 1.0}), (1.0, {'factor': 2.0}), (2.0, {'x': 1.0}), (2.0, {'x': 1.0, 'factor': 1.0})],
    'windowed': [({'step': 2},), ({'start': 1},), ({'stop': 1, 'start': 2},), ({'z': 9, 'step': 3},), ({},)],
    'top_scores': [([0.5, 0.9, 0.1], 2, {}), ([0.5, 0.9, 0.1], 5, {'threshold': 0.4}), ([0.5], 1, {'k': 2.0}), ([0.5], 1, {'limit': 0.2})],
    'merged_options': [({'template': '[]'}, {'a': '1'}), ({'sep': '-'}, {'a': '1', 'b': '2'}), ({}, {'template': 'x[]x', 'q': 'w'})],
    'forwarded': [({'template': '[]!', 'a': 'b'},), ({'a': 'b'},), ({'template': '<[]>', 'sep': '+'},)],
    'counted': [({'step': 2},), ({'start': 3},), ({'x': 5},), ({'stop': 1},), ({},)],
    'logged': [(['a', 'b'], {'k': 'v'}), ([], {}), (['x', 'y'], {'sep': '+'}), (['x'], {'head': 'h'})],
}
