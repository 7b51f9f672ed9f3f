"""The synthetic directories of Greater Montréal: one generator, shared by the demo (`demo.py`, which writes
app/demo/data/) and the benchmark (`bench/generate.py`), with its words in `words/*.yaml`.

Layers, each using only those before it: `models` and `words` (the word files, validated), `text` and
`hours` (bilingual text), `geography` (the one Montréal geography), `package` and `rows` (what is written,
and how), then the demo's `organizations`, `services` and `demo`, and the benchmark's `scaled`.
`check_demo` checks a written demo.
"""
