"""Laying text out for terminals, logs and prompts with textwrap: wrapped
paragraphs with hanging indents, truncated previews, dedented templates and
quoted replies."""

import textwrap


def paragraph(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width)


def hanging(label: str, text: str, width: int) -> str:
    return textwrap.fill(text, width, initial_indent=label + ": ",
                         subsequent_indent=" " * (len(label) + 2))


def preview(text: str, width: int) -> str:
    return textwrap.shorten(text, width, placeholder="...")


def first_lines(text: str, width: int, n: int) -> list[str]:
    return textwrap.wrap(text, width, max_lines=n, placeholder=" (more)")


def no_hyphen_breaks(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False)


def keep_long_words(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False)


def prompt_template(body: str, question: str) -> str:
    template = textwrap.dedent(body)
    return template.strip().replace("{question}", question)


def quote_reply(text: str, width: int) -> str:
    wrapped = "\n".join(textwrap.fill(p, width) for p in text.split("\n\n"))
    return textwrap.indent(wrapped, "> ")


def column_widths(texts: list[str], width: int) -> list[int]:
    return [max((len(line) for line in textwrap.wrap(t, width)), default=0) for t in texts]
