# syntax=docker/dockerfile:1
# Pulse's production image. The runtime stage is the production path of docs/operations.md, step for step:
# apps/api/src/operations/production-install.e2e.spec.ts runs those steps in a temporary folder and checks this file
# against them (the files copied, the install command, the start command).
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

# Build: every dependency (the build tools are devDependencies), then the server and the web app into dist/.
FROM ${NODE_IMAGE} AS build
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund
RUN npx nx run-many -t build -p api web

# Runtime: the built output and the runtime dependencies only, as a non-root user, under an init process that
# forwards signals to node (SIGTERM drains, up to DRAIN_TIMEOUT_MS) and reaps children.
FROM ${NODE_IMAGE}
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY --from=build /src/dist/apps/api dist/apps/api
COPY --from=build /src/dist/apps/web dist/apps/web
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
