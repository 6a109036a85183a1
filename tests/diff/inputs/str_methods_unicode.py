INPUTS: dict[str, list[tuple]] = {
    "classes": [
        (["", "abc", "_x1", "1abc", "été", "ℌello", "a b", "x\u00a0", "\t"],),
        (["٣٤", "²", "½", "Ⅻ", "一二", "ǅungla", "ß", "ﬁ", "İstanbul", "ΣΑΣ"],),
        (["don't", "x\u200b", "\x7f", "AbC", "a\u0301", "𝔘𝔫𝔦", "١٢٣", "𝟗", "class", "a·b"],),
    ],
    "valid_fields": [
        (["name", "été", "_private", "ℕ"],),
        (["ok", "2nd", "a-b"],),
        ([],),
    ],
    "padded": [
        ("-42", 6, "*"),
        ("+7", 5, "0"),
        ("é", 4, "é"),
        ("abc", 2, "·"),
        ("x", 5, "ab"),
        ("x", 5, ""),
    ],
    "case_maps": [
        ("ǅungla ǆ straße",),
        ("İstanbul ΣΑΣ ﬁne",),
        ("hello wORLD 3rd don't",),
        ("",),
    ],
    "split_key": [
        ("a=b=c", "="),
        ("ключ→значение", "→"),
        ("abc", "="),
        ("a", ""),
    ],
    "trimmed": [
        ("«quoted»", "«", "»"),
        ("ééé", "é", "é"),
        ("", "x", ""),
    ],
    "lines": [
        ("a\nb\r\nc\rd\x0be\x1cf\u2028g\x85h\n",),
        ("",),
        ("\n\n",),
        ("no break",),
    ],
    "tabbed": [
        ("a\tbc\tdef", 4),
        ("é\tx\r\n\ty", 3),
        ("\t", 0),
        ("x\ty", -1),
    ],
    "stripped_accents": [
        ("café crème à la façon",),
        ("e\u0301t\u0301e",),
        ("",),
    ],
    "digit_values": [
        ("a1b٢c३",),
        ("²½Ⅻ",),
        ("",),
    ],
}
