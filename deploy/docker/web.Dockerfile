# syntax=docker/dockerfile:1
# The web app image: Next.js standalone output (its server plus only the modules it traced), talking
# to the API at API_URL (e.g. http://mrm-api:3000). Build from the repository root:
#   docker build -f deploy/docker/web.Dockerfile .

# The base: an exact Node 20 release on Debian bookworm, pinned by the digest of its published
# multi-platform index too. Move the version and the digest together (same as server.Dockerfile).
ARG NODE_VERSION=20.19.5
ARG NODE_DIGEST=sha256:9e70124bd00f47dd023e349cd587132ae61892acc0e47ed641416c3e18f401c3
ARG NODE_IMAGE=node:${NODE_VERSION}-bookworm-slim@${NODE_DIGEST}

# ---- build: the same install and build commands CI runs --------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
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
COPY apps/web/ apps/web/
RUN npm run build:web

# ---- runtime -------------------------------------------------------------------------------------
# No npm install here: the standalone output already holds the production modules the server uses.
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="mrm-web" \
      org.opencontainers.image.description="MRM AI Platform web app (Next.js standalone server)" \
      org.opencontainers.image.source="https://github.com/mrm-ai/mrm-ai-platform" \
      org.opencontainers.image.vendor="MRM AI" \
      org.opencontainers.image.licenses="UNLICENSED" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/node:20.19.5-bookworm-slim"

# tini as PID 1 forwards SIGTERM to Node. npm and corepack are not needed at run time.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/* \
  && rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
            /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
  && groupadd --gid 10001 mrm \
  && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin mrm

WORKDIR /app
ENV NODE_ENV=production \
    PORT=3001 \
    HOSTNAME=0.0.0.0 \
    NEXT_TELEMETRY_DISABLED=1 \
    TMPDIR=/tmp

# The standalone tree (apps/web/server.js, its traced node_modules; static assets were copied beside
# the server by the build script). Owned by root and read-only to the app user.
COPY --from=build /src/apps/web/.next/standalone/ ./
# Read-only root filesystem: Next.js's cache folder points into /tmp (mount a tmpfs or emptyDir there);
# the start command creates the target, so nothing else is written.
RUN rm -rf apps/web/.next/cache && ln -s /tmp/next-cache apps/web/.next/cache

USER 10001:10001
EXPOSE 3001

# Any answer below 500 from the app's front page (it redirects to the login page) means the server is up.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3001)+'/',{redirect:'manual'}).then(r=>process.exit(r.status<500?0:1),()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
# sh only creates the cache folder, then execs Node, so tini's signals reach Node directly.
CMD ["sh", "-c", "mkdir -p /tmp/next-cache && exec node apps/web/server.js"]
