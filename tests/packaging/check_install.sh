#!/usr/bin/env bash
# Installs the build into a throwaway prefix and checks that the tool works
# from there; then, when cpack and dpkg-deb are available, builds the .deb,
# inspects it and runs the binary unpacked from it.
# Usage: check_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/usr" >/dev/null
for f in bin/esc-autopsy share/man/man1/esc-autopsy.1 share/man/man1/esc-autopsy-report.1 \
  share/man/man5/esc-autopsy-cases.5 share/man/man5/esc-autopsy-taxonomy.5 \
  share/esc-autopsy/templates/taxonomy.yaml share/bash-completion/completions/esc-autopsy \
  share/zsh/vendor-completions/_esc-autopsy; do
  [ -e "$work/usr/$f" ] || fail "cmake --install did not install $f"
done
version=$("$work/usr/bin/esc-autopsy" --version)
grep -q '^esc-autopsy ' <<<"$version" || fail "installed binary: --version"
"$work/usr/bin/esc-autopsy" validate -q "$source/examples/cases" || fail "installed binary: validate examples"
codes=$("$work/usr/bin/esc-autopsy" --taxonomy "$work/usr/share/esc-autopsy/templates/taxonomy.yaml" taxonomy show \
  --format codes)
grep -qx 'bad-sale.wrong-solution' <<<"$codes" || fail "installed taxonomy is not usable"
echo "install: ok"

if ! command -v cpack >/dev/null || ! command -v dpkg-deb >/dev/null || ! command -v dpkg-shlibdeps >/dev/null; then
  echo "cpack, dpkg-deb or dpkg-shlibdeps (dpkg-dev) missing: .deb not checked"
  exit 0
fi
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$work"/pkg/esc-autopsy_*.deb)
info=$(dpkg-deb -I "$deb")
grep -q '^ Package: esc-autopsy$' <<<"$info" || fail "package name"
depends=$(echo "$info" | sed -n 's/^ Depends: //p')
for lib in libyaml-0-2 libfmt9 libstdc++6 libc6; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
contents=$(dpkg-deb -c "$deb")  # not piped into grep -q: an early close is SIGPIPE under pipefail
grep -q '\./usr/bin/esc-autopsy$' <<<"$contents" || fail "no /usr/bin/esc-autopsy in the package"
grep -q '\./usr/share/man/man1/esc-autopsy.1' <<<"$contents" || fail "no man page in the package"
dpkg-deb -x "$deb" "$work/root"
version=$("$work/root/usr/bin/esc-autopsy" --version)
grep -q '^esc-autopsy ' <<<"$version" || fail "binary from the package"
echo "deb: ok ($(basename "$deb"); Depends: $depends)"
