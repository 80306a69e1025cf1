"""check-binstall.py CARGO_TOML ASSETS_DIR: the `cargo binstall` metadata in Cargo.toml names the
archives the release publishes. For every release target its pkg-url, rendered as cargo-binstall
renders it, must be the release download URL of the archive ci/package.sh names, and its bin-dir
must be the path of the binary inside the archive; for the archives present in ASSETS_DIR the
binary is really there."""

import os
import re
import sys
import tarfile
import tomllib
import zipfile

TARGETS = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
]
SUFFIX = {"tgz": ".tar.gz", "zip": ".zip"}


def render(template, values):
    def sub(m):
        key = m.group(1)
        if key not in values:
            raise SystemExit(f"binstall template key `{key}` unknown")
        return values[key]

    return re.sub(r"\{\s*([a-z-]+)\s*\}", sub, template)


def main():
    cargo, assets = sys.argv[1], sys.argv[2]
    with open(cargo, "rb") as f:
        pkg = tomllib.load(f)["package"]
    meta = pkg["metadata"]["binstall"]
    version, repo = pkg["version"], pkg["repository"].rstrip("/")
    problems, inspected = [], 0
    for target in TARGETS:
        override = meta.get("overrides", {}).get(target, {})
        fmt = override.get("pkg-fmt", meta["pkg-fmt"])
        windows = "windows" in target
        values = {
            "repo": repo,
            "version": version,
            "target": target,
            "archive-suffix": SUFFIX[fmt],
            "bin": "bump",
            "binary-ext": ".exe" if windows else "",
        }
        archive = f"bump-v{version}-{target}{'.zip' if windows else '.tar.gz'}"
        url = render(override.get("pkg-url", meta["pkg-url"]), values)
        want = f"{repo}/releases/download/v{version}/{archive}"
        if url != want:
            problems.append(f"{target}: pkg-url {url}, the release has {want}")
        member = render(override.get("bin-dir", meta["bin-dir"]), values)
        path = os.path.join(assets, archive)
        if os.path.exists(path):
            inspected += 1
            if fmt == "zip":
                names = zipfile.ZipFile(path).namelist()
            else:
                names = tarfile.open(path).getnames()
            if member not in names:
                problems.append(f"{archive} has no {member} (bin-dir)")
    for p in problems:
        print(f"binstall: {p}", file=sys.stderr)
    if problems:
        return 1
    print(
        f"binstall metadata: {len(TARGETS)} targets name the release archives; "
        f"bin-dir found in {inspected} built archive(s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
