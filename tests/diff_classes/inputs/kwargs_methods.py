INPUTS: dict[str, list[tuple]] = {
    'tokenizer_from': [({'max_len': 3}, 'CAB'), ({'lower': 0}, 'Cab'), ({'vocab': 1}, 'a'), ({'pad': 1, 'max_len': 2}, 'abc'), ({'size': 2}, 'a')],
    'encoded': [('ab', {'pad': 7}), ('ab', {'bos': 1, 'eos': 2}), ('ab', {'text': 1}), ('abcdef', {})],
    'encoded_text': [({'pad': 1},), ({'text': 1},), ({'eos': 5},), ({'self': 1},)],
    'statics': [({'a': 'x'},), ({'a': 'x', 'b': 'y', 'sep': '+'},), ({'b': 'y'},), ({'a': 'x', 'c': 'z'},)],
    'sampling': [({'top_k': 5},), ({'seed': 1, 'top_k': 2},), ({'temperature': 1},), ({'beam': 2},), ({},)],
    'sampling_all': [({'temperature': 1, 'top_k': 2, 'z': 0},), ({'top_k': 1},), ({},), ({'temperature': 2, 'beam': 2},)],
    'dispatched': [(True, {'x': 3}), (False, {'x': 3, 'scale': 2}), (True, {'scale': 2}),
                   (False, {'scale': 2}), (True, {'x': 1, 'bias': 1})],
}
