# Image of the app on Node 20: the same build and server as `npm start`
# (scripts/server.ts: Next.js behind the front door's checks, compiled by `npm run build`
# to .server/server.mjs).
# Used by docker-compose.yml; the database comes from DATABASE_URL.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
RUN npm ci

FROM deps AS build
WORKDIR /app
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# Pages the same for everyone (lectures, help) are rendered here, with the organisers'
# address in their footer (lib/site/contact.ts): pass the one the app runs with.
ARG CONTACT_EMAIL=""
ARG ADMIN_EMAIL=""
RUN npm run build

FROM node:20-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system app && useradd --system --gid app app
# The build, its modules (the Prisma CLI and tsx migrate and seed), the sources the
# server and scripts load at run time, and the content.
COPY --from=build --chown=app:app /app ./
USER app
EXPOSE 3000
# Apply migrations and seed (both idempotent), then serve.
CMD ["sh", "-c", "node --import tsx scripts/db.ts migrate && node --import tsx scripts/db.ts seed && exec node .server/server.mjs"]
