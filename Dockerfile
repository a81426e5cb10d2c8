# residue in a container: Node 20 slim plus git, the `residue` command as entrypoint.
#   docker build -t residue .
#   docker run --rm -v "$PWD:/scan" residue scan git:. .
# The build stage compiles this checkout and packs it exactly as npm would publish it; the image
# installs that tarball (with better-sqlite3 for sweep and report) and nothing else.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin bin
COPY detectors detectors
COPY schema schema
COPY scripts scripts
COPY src src
COPY README.md LICENSE ./
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp

FROM node:20-slim
# git reads history (git: targets); the build tools let npm compile better-sqlite3 when no
# prebuilt binary fits, and are removed afterwards
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /tmp/residue-scan-*.tgz /tmp/
# the build tools go once npm has compiled better-sqlite3; git is told that a repository mounted
# from the host (owned by another user) is safe to read
RUN npm install --global --no-audit --no-fund /tmp/residue-scan-*.tgz \
 && rm /tmp/residue-scan-*.tgz && npm cache clean --force \
 && apt-get purge -y python3 make g++ && apt-get autoremove -y \
 && git config --system --add safe.directory '*' \
 && mkdir /tmp/prime && (residue scan /tmp/prime --workers 0 >/dev/null || true) && rm -rf /tmp/prime
# (that first scan saves V8's code cache in the package folder, which user node cannot write)
USER node
WORKDIR /scan
ENTRYPOINT ["residue"]
CMD ["--help"]
