#!/usr/bin/env bash
# Builds the Debian package: the release binary, then the man pages and
# shell completions that binary generates from its own command definition
# (so they cannot go stale), then `cargo deb --no-build`, which packs them
# with the files listed in Cargo.toml's [package.metadata.deb].
# Needs cargo-deb: cargo install cargo-deb --locked
# Prints the path of the .deb (target/debian/shipshape_VERSION-1_ARCH.deb).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v cargo-deb >/dev/null ||
  { echo "error: cargo-deb is needed: cargo install cargo-deb --locked" >&2; exit 1; }

cargo build --release --locked
# Where cargo put the binary (CARGO_TARGET_DIR, .cargo/config.toml…);
# cargo deb maps Cargo.toml's `target/release/` paths to the same place.
target=$(cargo metadata --format-version 1 --no-deps |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
release="$target/release"
generated="$release/packaging"
rm -rf "$generated"
mkdir -p "$generated/completions"
"$release/shipshape" man "$generated/man"
gzip -9 --no-name "$generated"/man/*.1 # Debian policy; -n: no time stamp
"$release/shipshape" completions bash >"$generated/completions/shipshape.bash"
"$release/shipshape" completions zsh >"$generated/completions/_shipshape"
"$release/shipshape" completions fish >"$generated/completions/shipshape.fish"

cargo deb --no-build "$@"
