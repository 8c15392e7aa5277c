# syntax=docker/dockerfile:1
# One image for every Mergeline process; the command picks which (deploy/docker/entrypoint.sh):
#   app       migrate, then the app server (pages, REST API, webhooks, /api/inngest) on PORT
#   realtime  the socket.io sidecar on REALTIME_PORT
#   engine    the embedded Inngest engine on INNGEST_PORT (when not using Inngest itself)
#   migrate   the migrate step alone (a Kubernetes Job or init container)
#   all       everything in one container, as `npm start` runs it (embedded defaults)
# Build: docker build -t mergeline . ; see deploy/README.md.

FROM node:24-bookworm-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1 \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
WORKDIR /app

# Dependencies with the lockfile. `npm ci` refuses this lockfile (it lacks other platforms'
# optional builds), so `npm install` follows it instead.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --loglevel=error

# The Next.js build happens here, at image build time, never when a container starts.
FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund --loglevel=error

FROM base AS runtime
# Chromium for browser checks of previews, bubblewrap (and slirp4netns) for the sandbox,
# git for workspaces, tini to reap the sandbox's processes and pass signals on.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        bubblewrap ca-certificates chromium fonts-liberation git slirp4netns tini \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 mergeline \
    && useradd --system --uid 10001 --gid mergeline --home-dir /data --shell /usr/sbin/nologin mergeline \
    && mkdir -p /data \
    && chown mergeline:mergeline /data
COPY --from=build --chown=mergeline:mergeline /app /app
COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/mergeline
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    REALTIME_PORT=3001 \
    INNGEST_PORT=8288 \
    MERGELINE_DATA_DIR=/data \
    CHROMIUM_PATH=/usr/bin/chromium
USER mergeline
VOLUME ["/data"]
EXPOSE 3000 3001 8288
# The app's health (the realtime and engine containers override it: compose.yaml, probes).
# Five misses in a row, not a start period: the app is up within a minute or two.
HEALTHCHECK --interval=30s --timeout=5s --retries=5 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["tini", "--", "mergeline"]
CMD ["app"]
