# syntax=docker/dockerfile:1.7
# cron-runner: the Pokémon maintenance jobs daemon.
#   docker build -t pokemon-cron-runner .
#   docker run --rm -v pokemon-data:/data pokemon-cron-runner            # the daemon
#   docker run --rm -v pokemon-data:/data pokemon-cron-runner list       # any other command
ARG NODE_IMAGE=node:20.20-bookworm-slim

# --- build: install the workspace, build the three packages, deploy the runner with production deps only
FROM ${NODE_IMAGE} AS build
WORKDIR /repo
# better-sqlite3 downloads a prebuilt binary; the toolchain is the fallback when none matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN corepack enable
# Manifests first, so the dependency layer is cached across source changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json ./
COPY packages/scheduler/package.json packages/scheduler/
COPY packages/jobs-pokemon/package.json packages/jobs-pokemon/
COPY apps/runner/package.json apps/runner/
RUN pnpm install --frozen-lockfile
COPY tools tools
COPY packages packages
COPY apps apps
RUN pnpm --filter "@pokemon/cron-runner..." run build
RUN pnpm --filter @pokemon/cron-runner deploy --prod --legacy /out

# --- runtime: Node and the deployed runner, nothing else; runs as the unprivileged `node` user
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    POKEMON_CRON_DB=/data/pokemon.sqlite3 \
    POKEMON_CRON_STORE=/data/scheduler.sqlite3 \
    POKEMON_CRON_BACKUP_DIR=/data/backups \
    POKEMON_CRON_HTTP_PORT=9464 \
    POKEMON_CRON_HTTP_HOST=127.0.0.1 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=root:root /out /app
RUN mkdir -p /data/backups && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 9464
# Liveness through the runner's own /healthz (the healthcheck runs inside the container, so loopback works).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.POKEMON_CRON_HTTP_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM from `docker stop` reaches node directly (exec form): graceful stop within POKEMON_CRON_SHUTDOWN_GRACE_MS.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/dist/cli.js"]
CMD ["start"]
