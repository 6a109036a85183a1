INPUTS: dict[str, list[tuple]] = {
    'split_sentences': [('Hi there. How are you? Fine!  Bye.',), ('',), ('one',)],
    'split_keep': [('a,b;c',), ('',), (',',)],
    'split_optional_group': [('a|b-|c',), ('|',), ('x',)],
    'split_n': [('a , b,c ,d', 2), ('a,b', 0), ('a,b', -1)],
    'user_split': [('[,;]', 'a,b;c'), ('(,)', 'a,b'), ('[', 'a'), ('(?P<n>x)(?P=n)', 'axxb'), ('\\d+', 'no digits')],
    'normalize_ws': [('  hello \t\n world  ',), ('',), ('a\xa0b\u2003c\x1cd',), ('x\r\ny',)],
    'squeeze_repeats': [('soooo goooood!!!', 2), ('aaa bbbb', 0), ('', 1), ('xxx', -1), ('ééé', 1)],
    'round_amounts': [('paid 12.345 and 7, then 0.05', ), ('', ), ('1.x 2.', ), ('3.999', )],
}
