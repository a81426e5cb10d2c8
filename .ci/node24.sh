#!/usr/bin/env bash
# The test suite again on Node 24 (the current LTS), from .ci/run after the Node 20 run. Node 24
# comes from npm (the `node` package ships the official binary and headers); better-sqlite3 is
# rebuilt from source against those headers for the run, and its Node 20 build put back after;
# the node-addon-api build the store loads on Node 22+ is unpacked for the run and removed after.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v make >/dev/null && command -v g++ >/dev/null && command -v python3 >/dev/null || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq make g++ python3 >/dev/null
}
tmp=$(mktemp -d)
saved="$tmp/better-sqlite3-build"
cp -a node_modules/better-sqlite3/build "$saved"
restore() {
  rm -rf node_modules/better-sqlite3/build node_modules/better-sqlite3-napi
  cp -a "$saved" node_modules/better-sqlite3/build
  rm -rf "$tmp"
}
trap restore EXIT
npm install --prefix "$tmp/node24" --no-save --no-audit --no-fund node@24 >/dev/null
node24="$tmp/node24/node_modules/node"
export PATH="$node24/bin:$PATH"
echo "ci: Node $(node --version)"
# node-gyp builds against the headers of the npm node package (no download)
nodedir=$(echo "$node24"/node_modules/node-linux-*)
npm_config_nodedir="$nodedir" npm rebuild better-sqlite3 --foreground-scripts=false >/dev/null
node -e 'new (require("better-sqlite3"))(":memory:").close()'
# the node-addon-api build (better-sqlite3 13, prebuilt in its package) that src/store/sqlite.ts
# loads on Node 22+: npm ci on Node 20 skips it (engines), so it is unpacked here at the locked version
napi=$(node -p 'require("./package-lock.json").packages["node_modules/better-sqlite3-napi"].version')
(cd "$tmp" && npm pack --silent "better-sqlite3@$napi" >/dev/null)
mkdir -p node_modules/better-sqlite3-napi
tar -xzf "$tmp/better-sqlite3-$napi.tgz" --strip-components=1 -C node_modules/better-sqlite3-napi
node -e 'new (require("better-sqlite3-napi"))(":memory:").close()'
npm test
