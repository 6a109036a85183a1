INPUTS: dict[str, list[tuple]] = {
    'normalize_ws': [('  hello \t\n world  ',), ('',), ('a\xa0b\u2003c\x1cd',), ('x\r\ny',)],
    'strip_urls': [('see https://example.com/a?b=1 and HTTP://X.org)',), ('no links',), ('(https://a.b/c), http://d.e',)],
    'strip_tags': [("<p class='x'>Hi <b>there</b></p>",), ('plain',), ('a < b > c',)],
    'drop_special': [('[CLS] hello [SEP] world [PAD][PAD]',), ('[UNK] x',), ('',)],
    'mask_digits': [('card 1234567812345678 pin 12',), ('none',), ('7',)],
    'title_words': [("hello WORLD, it's me",), ('',), ('ÉCOLE école 3d',)],
    'empty_matches': [('abxd',), ('',), ('xx',), ('hi there',)],
    'iso_to_us': [('from 2023-07-14 to 2024-01-02',), ('none',), ('1999-12-31T23:59',)],
    'swap_template': [('left-right up-down', '\\g<b>-\\g<a>'), ('a-b', '[\\g<0>]\\n'), ('a-b', '\\g<c>'), ('a-b', '\\3'), ('a-b', '\\'), ('a-b', '\\q')],
}
