INPUTS: dict[str, list[tuple]] = {
    'parse_date': [('released 2023-07-14 (beta)',), ('no date here',), ('2024-1-1',), ('١٢٣٤-01-02',)],
    'parse_config': [('name = bob; level=3;mode=  fast ',), ('',), ('x=;y=1',)],
    'config_dicts': [('a=1;b=two',), ('nothing',), ('k=v;;z=',)],
    'prices': [('$3.50 and $12 or $7.5',), ('free',), ('$0.99, $1000.00.',)],
    'leading_number': [('  42 apples',), ('-7',), ('x1',), ('',)],
    'dotall_block': [('x BEGIN\nbody\nEND y',), ('BEGIN no end',), ('BEGINEND',)],
    'group_bounds': [('xab',), ('xb',), ('zzz',)],
    'bad_group': [('me@host', 1), ('me@host', 2), ('me@host', 3), ('me@host', -1), ('none', 1)],
    'catch_error': [('(a',), ('a)',), ('*',), ('ok+',), ('[a-',)],
    'compile_groups': [('a{3,1}',), ('(?P<1>x)',), ('\\',), ('(?<=a+)b',), ('a\n(',), ('(a)(?:b)(?P<c>d)',)],
}
