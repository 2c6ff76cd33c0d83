# Multi-stage image of the app: Next.js standalone output on Node 20.
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
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
RUN npm run build

FROM node:20-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system app && useradd --system --gid app app
# The server, its static files, and what it reads at run time.
COPY --from=build --chown=app:app /app/.next/standalone ./
COPY --from=build --chown=app:app /app/.next/static ./.next/static
COPY --from=build --chown=app:app /app/content ./content
COPY --from=build --chown=app:app /app/prisma ./prisma
# What migrating and seeding need (the Prisma CLI, tsx and their modules).
COPY --from=build --chown=app:app /app/node_modules ./migrate/node_modules
COPY --from=build --chown=app:app /app/prisma.config.ts /app/package.json ./migrate/
COPY --from=build --chown=app:app /app/prisma ./migrate/prisma
COPY --from=build --chown=app:app /app/scripts ./migrate/scripts
COPY --from=build --chown=app:app /app/lib ./migrate/lib
COPY --from=build --chown=app:app /app/generated ./migrate/generated
COPY --from=build --chown=app:app /app/tsconfig.json ./migrate/
USER app
EXPOSE 3000
# Apply migrations and seed (both idempotent), then serve.
CMD ["sh", "-c", "cd migrate && node --import tsx scripts/db.ts migrate && node --import tsx scripts/db.ts seed && cd .. && exec node server.js"]
