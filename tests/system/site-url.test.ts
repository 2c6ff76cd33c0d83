// A deployment behind a proxy: the app serves on a local port, and SITE_URL is the address
// people use. What the app hands out names SITE_URL, not the address it serves on.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freshFolder, lmsUrl, query, start, waitForReady } from "./support";

describe("SITE_URL", { timeout: 600_000 }, () => {
  it("[HOST]: a participant's calendar file links to the lectures at SITE_URL, not at the address the app serves on", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({
      PORT: "0",
      EMBEDDED_PG_PORT: "0",
      EMBEDDED_PG_DATA_DIR: dataDir,
      SITE_URL: "https://training.example.org",
    });
    const { port, pgPort } = await waitForReady(run);
    const db = lmsUrl(dataDir, pgPort!);
    await query(
      db,
      `INSERT INTO users (id, email, name, certificate_name, country, organisation, position, time_zone, email_verified, profile_completed_at, updated_at)
       VALUES ('u-host', 'host@example.org', 'Zoe Ciric', 'Zoe Ciric', 'RS', 'University of Belgrade', 'Researcher', 'Europe/Belgrade', now(), now(), now())`,
    );
    await query(
      db,
      `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at)
       VALUES ('c-host', 'c-host', 'Behind a proxy', 'UTC', '2021-12-15', '2021-12-15', now())`,
    );
    await query(
      db,
      `INSERT INTO enrolments (id, user_id, cohort_id, status, updated_at) VALUES ('e-host', 'u-host', 'c-host', 'ACTIVE', now())`,
    );
    await query(
      db,
      `INSERT INTO live_sessions (id, cohort_id, lecture_slug, starts_at, ends_at, updated_at)
       VALUES ('s-host', 'c-host', 'nhz-policy-framework', '2021-12-15T01:00:00Z', '2021-12-15T02:00:00Z', now())`,
    );
    await query(
      db,
      `INSERT INTO sessions (id, session_token, user_id, expires, updated_at)
       VALUES ('ss-host', 'host-session-token', 'u-host', now() + interval '1 day', now())`,
    );

    const ics = await fetch(`http://localhost:${port}/api/cohorts/c-host/schedule.ics`, {
      headers: { Cookie: "__Host-authjs.session-token=host-session-token" },
    });
    const body = (await ics.text()).replace(/\r?\n[ \t]/g, "");
    expect(ics.status, body).toBe(200);
    expect(body).toContain("URL:https://training.example.org/lectures/nhz-policy-framework");
    expect(body).not.toContain(`localhost:${port}`);
    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
  });
});
