//! The `textwrap` module as CPython 3.11 runs it: `TextWrapper`'s chunking with
//! its own word-separator patterns (run by the `re` module's engine, which agrees
//! with CPython's on them), its greedy line filling, long-word breaking and
//! `max_lines` truncation; `dedent` and `indent` line by line.

use super::{PyErr, PyResult, char_isspace, re_compile, str_expandtabs, str_splitlines};

/// `TextWrapper.wordsep_re`: whitespace runs, em-dashes, words split after
/// hyphens inside compound words (re.VERBOSE).
const WORDSEP: &str = "\n        ( # any whitespace\n          [\\\t\\\n\\\u{b}\\\u{c}\\\r\\ ]+\n        | # em-dash between words\n          (?<=[\\w!\"\\'&.,?]) -{2,} (?=\\w)\n        | # word, possibly hyphenated\n          [^\\\t\\\n\\\u{b}\\\u{c}\\\r\\ ]+? (?:\n            # hyphenated word\n              -(?: (?<=[^\\d\\W]{2}-) | (?<=[^\\d\\W]-[^\\d\\W]-))\n              (?= [^\\d\\W] -? [^\\d\\W])\n            | # end of word\n              (?=[\\\t\\\n\\\u{b}\\\u{c}\\\r\\ ]|\\Z)\n            | # em-dash\n              (?<=[\\w!\"\\'&.,?]) (?=-{2,}\\w)\n            )\n        )";

/// `TextWrapper.wordsep_simple_re` (break_on_hyphens=False).
const WORDSEP_SIMPLE: &str = "([\\\t\\\n\\\u{b}\\\u{c}\\\r\\ ]+)";
const RE_VERBOSE: i64 = 64;

/// The options of `textwrap.wrap`/`fill`/`shorten` that compiled code takes.
pub struct Wrapper<'a> {
    pub width: i64,
    pub initial_indent: &'a str,
    pub subsequent_indent: &'a str,
    pub break_long_words: bool,
    pub break_on_hyphens: bool,
    pub drop_whitespace: bool,
    pub max_lines: Option<i64>,
    pub placeholder: &'a str,
}

fn len(s: &str) -> i64 {
    s.chars().count() as i64
}

fn is_blank(s: &str) -> bool {
    s.chars().all(char_isspace)
}

/// `s[:n]` and `s[n:]` by code points.
fn split_at_chars(s: &str, n: i64) -> (String, String) {
    let at = s
        .char_indices()
        .nth(n.max(0) as usize)
        .map_or(s.len(), |(i, _)| i);
    (s[..at].to_string(), s[at..].to_string())
}

impl Wrapper<'_> {
    /// `_munge_whitespace` then `_split`: the text's chunks.
    fn chunks(&self, text: &str) -> PyResult<Vec<String>> {
        let expanded = str_expandtabs(text, 8)?;
        let munged: String = expanded
            .chars()
            .map(|c| if "\t\n\x0b\x0c\r".contains(c) { ' ' } else { c })
            .collect();
        let pattern = if self.break_on_hyphens {
            re_compile(WORDSEP, RE_VERBOSE)?
        } else {
            re_compile(WORDSEP_SIMPLE, 0)?
        };
        Ok(pattern
            .split_groups(&munged, 0)?
            .into_iter()
            .flatten()
            .filter(|c| !c.is_empty())
            .collect())
    }

    /// `_handle_long_word`: break the next chunk to fill the line, or (not
    /// breaking long words) take it whole onto an empty line.
    fn handle_long_word(
        &self,
        rev: &mut Vec<String>,
        line: &mut Vec<String>,
        cur: i64,
        width: i64,
    ) {
        let space_left = if width < 1 { 1 } else { width - cur };
        if self.break_long_words {
            let mut end = space_left;
            let Some(chunk) = rev.last_mut() else {
                return;
            };
            if self.break_on_hyphens && len(chunk) > space_left {
                // after the last hyphen before space_left, with a non-hyphen before it
                let chars: Vec<char> = chunk.chars().collect();
                let limit = space_left.clamp(0, chars.len() as i64) as usize;
                if let Some(h) = chars[..limit].iter().rposition(|&c| c == '-')
                    && h > 0
                    && chars[..h].iter().any(|&c| c != '-')
                {
                    end = h as i64 + 1;
                }
            }
            let (head, tail) = split_at_chars(chunk, end);
            line.push(head);
            *chunk = tail;
        } else if line.is_empty()
            && let Some(chunk) = rev.pop()
        {
            line.push(chunk);
        }
    }

    /// `TextWrapper.wrap(text)`.
    pub fn wrap(&self, text: &str) -> PyResult<Vec<String>> {
        let mut rev = self.chunks(text)?;
        rev.reverse();
        self.wrap_chunks(rev)
    }

    /// `_wrap_chunks`, the chunks given last first.
    fn wrap_chunks(&self, mut rev: Vec<String>) -> PyResult<Vec<String>> {
        let mut lines: Vec<String> = Vec::new();
        if self.width <= 0 {
            return Err(PyErr::value_error(format!(
                "invalid width {} (must be > 0)",
                self.width
            )));
        }
        if let Some(max_lines) = self.max_lines {
            let indent = if max_lines > 1 {
                self.subsequent_indent
            } else {
                self.initial_indent
            };
            if len(indent) + len(self.placeholder.trim_start_matches(char_isspace)) > self.width {
                return Err(PyErr::value_error("placeholder too large for max width"));
            }
        }
        while !rev.is_empty() {
            let mut line: Vec<String> = Vec::new();
            let mut cur: i64 = 0;
            let indent = if lines.is_empty() {
                self.initial_indent
            } else {
                self.subsequent_indent
            };
            let width = self.width - len(indent);
            if self.drop_whitespace && !lines.is_empty() && rev.last().is_some_and(|c| is_blank(c))
            {
                rev.pop();
            }
            while let Some(next) = rev.last() {
                let l = len(next);
                if cur + l <= width {
                    line.push(rev.pop().unwrap_or_default());
                    cur += l;
                } else {
                    break;
                }
            }
            if rev.last().is_some_and(|c| len(c) > width) {
                self.handle_long_word(&mut rev, &mut line, cur, width);
                cur = line.iter().map(|c| len(c)).sum();
            }
            if self.drop_whitespace && line.last().is_some_and(|c| is_blank(c)) {
                cur -= line.last().map_or(0, |c| len(c));
                line.pop();
            }
            if line.is_empty() {
                continue;
            }
            let fits = match self.max_lines {
                None => true,
                Some(max_lines) => {
                    (lines.len() as i64) + 1 < max_lines
                        || (rev.is_empty()
                            || self.drop_whitespace && rev.len() == 1 && is_blank(&rev[0]))
                            && cur <= width
                }
            };
            if fits {
                lines.push(format!("{indent}{}", line.concat()));
                continue;
            }
            let placeholder_len = len(self.placeholder);
            loop {
                match line.last() {
                    Some(last) => {
                        if !is_blank(last) && cur + placeholder_len <= width {
                            line.push(self.placeholder.to_string());
                            lines.push(format!("{indent}{}", line.concat()));
                            break;
                        }
                        cur -= len(last);
                        line.pop();
                    }
                    None => {
                        if let Some(prev) = lines.last_mut() {
                            let prev_line = prev.trim_end_matches(char_isspace).to_string();
                            if len(&prev_line) + placeholder_len <= self.width {
                                *prev = format!("{prev_line}{}", self.placeholder);
                                break;
                            }
                        }
                        lines.push(format!(
                            "{indent}{}",
                            self.placeholder.trim_start_matches(char_isspace)
                        ));
                        break;
                    }
                }
            }
            break;
        }
        Ok(lines)
    }
}

/// `textwrap.shorten(text, width, placeholder=...)`: the words joined by single
/// spaces, truncated to one line.
pub fn textwrap_shorten(text: &str, width: i64, placeholder: &str) -> PyResult<String> {
    let words: Vec<&str> = text.split(char_isspace).filter(|w| !w.is_empty()).collect();
    let w = Wrapper {
        width,
        initial_indent: "",
        subsequent_indent: "",
        break_long_words: true,
        break_on_hyphens: true,
        drop_whitespace: true,
        max_lines: Some(1),
        placeholder,
    };
    Ok(w.wrap(&words.join(" "))?.join("\n"))
}

/// `textwrap.dedent(text)`: lines of only blanks and tabs emptied, then the
/// longest run of blanks and tabs every other line starts with removed.
pub fn textwrap_dedent(text: &str) -> String {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| {
            if !l.is_empty() && l.chars().all(|c| c == ' ' || c == '\t') {
                ""
            } else {
                l
            }
        })
        .collect();
    let mut margin: Option<&str> = None;
    for l in &lines {
        let body = l.trim_start_matches([' ', '\t']);
        if body.is_empty() {
            continue;
        }
        let indent = &l[..l.len() - body.len()];
        margin = Some(match margin {
            None => indent,
            Some(m) if indent.starts_with(m) => m,
            Some(m) if m.starts_with(indent) => indent,
            Some(m) => {
                let common = m
                    .bytes()
                    .zip(indent.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                &m[..common]
            }
        });
    }
    let margin = margin.unwrap_or("");
    lines
        .iter()
        .map(|l| l.strip_prefix(margin).unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `textwrap.indent(text, prefix)`: the prefix before every line that holds
/// more than whitespace (lines as `str.splitlines(True)` gives them).
pub fn textwrap_indent(text: &str, prefix: &str) -> String {
    str_splitlines(text, true)
        .into_iter()
        .map(|line| {
            if is_blank(&line) {
                line
            } else {
                format!("{prefix}{line}")
            }
        })
        .collect()
}

/// `textwrap.wrap(text, width, ...)`: the lines.
#[allow(clippy::too_many_arguments)]
pub fn textwrap_wrap(
    text: &str,
    width: i64,
    initial_indent: &str,
    subsequent_indent: &str,
    break_long_words: bool,
    break_on_hyphens: bool,
    drop_whitespace: bool,
    max_lines: Option<i64>,
    placeholder: &str,
) -> PyResult<Vec<String>> {
    Wrapper {
        width,
        initial_indent,
        subsequent_indent,
        break_long_words,
        break_on_hyphens,
        drop_whitespace,
        max_lines,
        placeholder,
    }
    .wrap(text)
}

/// `textwrap.fill(text, width, ...)`: the lines joined by newlines.
#[allow(clippy::too_many_arguments)]
pub fn textwrap_fill(
    text: &str,
    width: i64,
    initial_indent: &str,
    subsequent_indent: &str,
    break_long_words: bool,
    break_on_hyphens: bool,
    drop_whitespace: bool,
    max_lines: Option<i64>,
    placeholder: &str,
) -> PyResult<String> {
    Ok(textwrap_wrap(
        text,
        width,
        initial_indent,
        subsequent_indent,
        break_long_words,
        break_on_hyphens,
        drop_whitespace,
        max_lines,
        placeholder,
    )?
    .join("\n"))
}
