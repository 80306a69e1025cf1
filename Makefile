# Everyday tasks. `make ci` is exactly what CI runs (.ci/run).
.PHONY: ci test lint compat completions bench fuzz-smoke changelog wheel

ci:
	bash .ci/run

# the README's test command
test:
	cargo test --locked

lint:
	cargo fmt --check
	cargo clippy --all-targets --locked -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked -q

# the behaviour recorded from bump-my-version (../shared/compat)
compat:
	cargo build --release --locked
	bash ../shared/compat/run.sh target/release/bump

# after a CLI change: the shipped completion scripts
completions:
	cargo build --release --locked
	for s in bash zsh fish powershell elvish; do target/release/bump completions $$s > completions/bump.$$s; done

# speed against bump-my-version and tbump (~10 min on 2 idle cores)
bench:
	bash bench/run.sh

# every fuzz target for a few seconds (needs cargo-fuzz)
fuzz-smoke:
	bash fuzz/smoke.sh 5

# this project's own CHANGELOG.md: the Unreleased section from the commits since the last tag
changelog:
	cargo build --release --locked
	target/release/bump changelog --unreleased --write

# a manylinux2014 wheel of `bump` into $(WHEEL_DIR) (maturin --zig; tools from PyPI into target/ci/tools)
WHEEL_DIR ?= dist
wheel:
	bash ci/build-wheel.sh $(WHEEL_DIR)
