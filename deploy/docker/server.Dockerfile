# syntax=docker/dockerfile:1
# The API server image. One image for every role: MRM_ROLE=api (the default here) or worker, and the
# migration CLIs for the one-shot job before a rollout:
#   node apps/server/dist/db/migrate-cli.js         (PostgreSQL, DATABASE_URL = the owner's URL)
#   node apps/server/dist/analytics/migrate-cli.js  (ClickHouse)
# Build from the repository root: docker build -f deploy/docker/server.Dockerfile .

# The base: an exact Node 20 release on Debian bookworm, pinned by the digest of its published
# multi-platform index too, so a re-tag upstream cannot change what we build on. Move the version and
# the digest together (docker buildx imagetools inspect node:<version>-bookworm-slim).
ARG NODE_VERSION=20.19.5
ARG NODE_DIGEST=sha256:9e70124bd00f47dd023e349cd587132ae61892acc0e47ed641416c3e18f401c3
ARG NODE_IMAGE=node:${NODE_VERSION}-bookworm-slim@${NODE_DIGEST}

# ---- build: the same install and build commands CI runs --------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
# The lockfile covers every workspace, so npm ci needs each workspace's package.json.
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/planning/package.json packages/planning/
COPY packages/simulators/package.json packages/simulators/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY deploy/package.json deploy/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY packages/ packages/
COPY apps/server/ apps/server/
RUN npm run build:server

# ---- deps: the server's production dependencies only ----------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/planning/package.json packages/planning/
COPY packages/simulators/package.json packages/simulators/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY deploy/package.json deploy/
RUN npm ci --omit=dev --no-audit --no-fund --workspace @mrm/server \
  && npm cache clean --force

# ---- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="mrm-server" \
      org.opencontainers.image.description="MRM AI Platform API server, queue worker and migration CLIs (MRM_ROLE=api|worker)" \
      org.opencontainers.image.source="https://github.com/mrm-ai/mrm-ai-platform" \
      org.opencontainers.image.vendor="MRM AI" \
      org.opencontainers.image.licenses="UNLICENSED" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/node:20.19.5-bookworm-slim"

# tini is PID 1: it forwards SIGTERM to Node (which then drains, see docs/operations.md) and reaps
# zombies. npm and corepack are not needed at run time; removing them drops their dependencies from
# the scanned surface.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/* \
  && rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
            /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
  && groupadd --gid 10001 mrm \
  && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin mrm \
  && mkdir -p /data \
  && chown 10001:10001 /data

WORKDIR /app
ENV NODE_ENV=production \
    MRM_ROLE=api \
    PORT=3000 \
    HOST=0.0.0.0 \
    MRM_DATA_DIR=/data \
    TMPDIR=/tmp

# Production node_modules (workspace links included), then the built code and the files it reads
# at run time: migrations, the media-plan standard's schemas, the OpenAPI document.
COPY --from=deps /app/ ./
COPY --from=build /src/packages/contracts/dist packages/contracts/dist
COPY --from=build /src/packages/planning/dist packages/planning/dist
COPY --from=build /src/apps/server/dist apps/server/dist
COPY apps/server/migrations apps/server/migrations
COPY apps/server/analytics-migrations apps/server/analytics-migrations
COPY apps/server/standards apps/server/standards
COPY apps/server/openapi.json apps/server/openapi.json

# Read-only root filesystem: the process writes only to /tmp and MRM_DATA_DIR (mount volumes on both).
VOLUME ["/data"]
USER 10001:10001
EXPOSE 3000

# Liveness only (touches no dependency); readiness is GET /ready.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "apps/server/dist/main.js"]
