INPUTS: dict[str, list[tuple]] = {
    'tokenize': [("Hello, World! It's 2024.",), ('naïve café déjà-vu',), ('',), ('été x² ١٢',)],
    'word_spans': [('héllo wörld  ok',), ('',), ('  a_b  9 ',)],
    'open_tags': [('<div><span>x</span><br/></div>',), ('',), ("<a href='x'>y</a><img src=1>",)],
    'line_starts': [('first line\nsecond one\n\nthird',), ('',), (' indented\nok\n',)],
    'last_word': [('hello world!!\n',), ('...',), ('trailing\n\n',)],
    'ascii_words': [('naïve café',), ('abc_12 é',), ('',)],
    'repeated_words': [('this is is a test test ok',), ('no repeats',), ('the the',)],
    'escape_and_find': [('c++', 'I like C++ and c++!'), ('a.b', 'a.b axb A.B'), ('', 'ab')],
    'count_pattern': [('\\d', 'a1b22'), ('(a)(b)', 'abab'), ('\\q', 'x'), ('a{2,1}', 'aa'), ('', 'abc'), ('x*', 'axb')],
    'is_identifier': [('abc_1',), ('1abc',), ('',), ('héllo',), ('a-b',), ('abc\n',)],
}
