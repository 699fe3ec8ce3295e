"""A seeded, bounded mutation fuzzer over deckgen's inputs: briefs, the dataset, the article, the
template (its zip bytes and its XML parts) and a template profile.

Each case is made from ``(seed, index)`` alone, so any case can be made again: a base project (an
example brief or a small test case, with copies of the sources, dataset, picture and template)
with one file mutated. It runs ``deckgen.api.check`` in a worker process, and ``deckgen.api.build``
for a sample of those that pass. The outcome must be success, or a ``DeckgenError`` whose every
diagnostic is located (``runner.unlocated``); anything else (another exception, a case over its
time budget, a worker that dies) is a finding, shrunk and saved under ``tests/cases/fuzz/``.

``python -m tests.fuzz --help`` runs it; ``docs/fuzzing.md`` explains it.
"""
