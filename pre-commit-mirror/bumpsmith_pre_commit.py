"""The pre-commit mirror of bumpsmith: nothing to import; its hooks run `bump`, which the
bumpsmith wheel (this package's one dependency) puts on PATH."""
