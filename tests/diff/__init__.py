"""Differential tests: the corpus in cases/ compiled by pycomp against CPython.

See README.md in this folder for the layout, the input file format and the
table of which function covers which feature of the compiled subset.
"""
