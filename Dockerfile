# Emblem: compiled JavaScript on Node 20, run as an unprivileged user.
# Build: docker build -t emblem .      Run several processes: see compose.yaml and docs/DEPLOYMENT.md.

# --- build: install every dependency, compile src/ to dist/, then drop the development dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 and argon2 ship prebuilt binaries; these are only needed when a prebuild is missing.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev

# --- run: the compiled app and its production dependencies only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    EMBLEM_DATA_DIR=/data
WORKDIR /app
RUN groupadd --system --gid 10001 emblem \
 && useradd --system --uid 10001 --gid emblem --home-dir /nonexistent --shell /usr/sbin/nologin emblem \
 && mkdir -p /data && chown emblem:emblem /data && chmod 700 /data
# Owned by root and read-only to the service user: only /data is writable.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
# Files the server reads at run time besides its code (stylesheets and client scripts bundled at
# start, message catalogs, fonts, migrations' fixtures), where the compiled code looks for them.
COPY --from=build /app/src ./src
USER emblem
VOLUME ["/data"]
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/emblem.mjs"]
CMD ["serve", "--role", "all"]
