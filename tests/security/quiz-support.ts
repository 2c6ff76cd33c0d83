// What the quiz attacks need: a participant's API client with the headers a browser or
// an attacker's page would send, and the database states they start from.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { loadLectures } from "../../lib/content/load";
import { addNewcomer, addPerson, enrol, openSession, uniqueEmail } from "../e2e/db";

export const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
export const questions = lecture.quiz.questions;

/** The site's own address in the security stage (the server's SITE_URL when none is configured). */
export const SITE_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3200}`;
/** Another port of the same host: another origin, as a page served there is. */
export const OTHER_PORT_ORIGIN = `http://localhost:${Number(process.env.E2E_PORT ?? 3200) + 1}`;

export async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A participant with a completed profile and an active place in the cohort, and their session token. */
export async function enrolledParticipant(cohortId: string, who = "quiz-attack") {
  const email = uniqueEmail(who);
  const userId = await addPerson(email, { name: "Quiz Participant", country: "PK" });
  await enrol(email, cohortId);
  return { email, userId, token: await openSession(userId) };
}

/** Someone with an active place who has not completed the profile, and their session token. */
export async function participantWithoutProfile(cohortId: string) {
  const email = uniqueEmail("no-profile");
  const userId = await addNewcomer(email);
  await enrol(email, cohortId);
  return { email, userId, token: await openSession(userId) };
}

/** The cohort's quiz rules row, made or replaced with the defaults and `rules` (snake_case columns). */
export async function setQuizRules(
  cohortId: string,
  rules: { max_attempts?: number | null; time_limit_minutes?: number | null; closes_at?: Date | null } = {},
) {
  await query(
    `INSERT INTO quiz_rules (cohort_id, max_attempts, time_limit_minutes, closes_at, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (cohort_id) DO UPDATE SET max_attempts = $2, time_limit_minutes = $3, closes_at = $4, updated_at = now()`,
    [
      cohortId,
      rules.max_attempts === undefined ? 3 : rules.max_attempts,
      rules.time_limit_minutes ?? null,
      rules.closes_at ?? null,
    ],
  );
}

export async function setEnrolmentStatus(userId: string, cohortId: string, status: "ACTIVE" | "WITHDRAWN") {
  await query(`UPDATE enrolments SET status = $3, updated_at = now() WHERE user_id = $1 AND cohort_id = $2`, [
    userId,
    cohortId,
    status,
  ]);
}

export async function attemptState(attemptId: string) {
  const [row] = await query<{ status: string; responses: Record<string, unknown>; percent: string | null }>(
    `SELECT status, responses, percent FROM quiz_attempts WHERE id = $1`,
    [attemptId],
  );
  return row!;
}

export async function attemptsOf(userId: string): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM quiz_attempts WHERE user_id = $1`, [userId]);
  return Number(row!.n);
}

type Send = {
  method: "POST" | "PUT";
  url: string;
  token: string;
  body?: string;
  contentType?: string;
  origin?: string | null;
};

/** One request to the JSON API as a browser holding the participant's session cookie would send it. */
export async function send(request: APIRequestContext, o: Send) {
  const headers: Record<string, string> = { Cookie: `authjs.session-token=${o.token}` };
  const origin = o.origin === undefined ? SITE_ORIGIN : o.origin;
  if (origin !== null) headers.Origin = origin;
  if (o.body !== undefined) headers["Content-Type"] = o.contentType ?? "application/json";
  const response = await request.fetch(o.url, {
    method: o.method,
    headers,
    data: o.body === undefined ? undefined : Buffer.from(o.body),
  });
  const text = await response.text();
  return { status: response.status(), json: (text.startsWith("{") ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** Starts (or resumes) the participant's attempt at lecture 1's quiz from the site's own origin. */
export async function startAttempt(request: APIRequestContext, cohortId: string, token: string): Promise<string> {
  const started = await send(request, {
    method: "POST",
    url: `/api/cohorts/${cohortId}/quizzes/${lecture.slug}/attempts`,
    token,
  });
  if (typeof started.json.attemptId !== "string") throw new Error(`start refused: ${started.status}`);
  return started.json.attemptId;
}

export const answerUrl = (attemptId: string) => `/api/attempts/${attemptId}/answers`;
export const submitUrl = (attemptId: string) => `/api/attempts/${attemptId}/submit`;

/** The date and time `minutes` from now as a datetime-local field in `timeZone` takes it. */
export function localInput(minutes: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(Date.now() + minutes * 60_000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

export const randomId = () => randomBytes(6).toString("hex");
