// Reading the participants report Zoom exports for a meeting (CSV), for recording attendance. Pure.
import { TZDate } from "@date-fns/tz";
import Papa from "papaparse";

/** line: the row number a spreadsheet shows for this record (the first line of the file is line 1). */
export type ZoomRow = {
  line: number;
  name: string;
  originalName: string | null;
  email: string | null;
  join: Date;
  leave: Date;
  durationMinutes: number | null;
  guest: boolean | null;
};
export type ZoomMeeting = {
  topic: string | null;
  meetingId: string | null;
  start: Date | null;
  end: Date | null;
  durationMinutes: number | null;
  participants: number | null;
};
export type ZoomRowProblem = "bad-time" | "leave-before-join" | "no-name";
export type ZoomReport =
  | {
      ok: true;
      meeting: ZoomMeeting | null;
      rows: ZoomRow[];
      errors: { line: number; problem: ZoomRowProblem }[];
      /** Rows left out because they record time spent in the waiting room ("In Waiting Room" = Yes), not in the meeting. */
      waitingRoom: number;
    }
  | { ok: false; error: "empty" | "not-a-zoom-report" | "too-large"; limit?: number };

/** maxBytes counts UTF-8 bytes; maxRows counts the participant rows (refused as "too-large" with limit: maxRows). */
export const ZOOM_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000 } as const;

// ---------------------------------------------------------------- headers

/** Lower case, letters and digits only: "Duration (Minutes)" and "duration_minutes" meet. */
const headerKey = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

type ParticipantField = "name" | "email" | "join" | "leave" | "duration" | "guest" | "waitingRoom";
type MeetingField = "topic" | "meetingId" | "start" | "end" | "duration" | "participants";

const keyMap = <F extends string>(synonyms: Record<F, readonly string[]>) =>
  new Map<string, F>(
    (Object.entries(synonyms) as [F, readonly string[]][]).flatMap(([f, names]) =>
      names.map((n) => [headerKey(n), f] as const),
    ),
  );

const PARTICIPANT_HEADERS = keyMap<ParticipantField>({
  name: ["Name (Original Name)", "Name", "Participant", "Participant Name", "Display Name", "User Name"],
  email: ["User Email", "Email", "E-mail", "Email Address", "Participant Email"],
  join: ["Join Time", "Join", "Joined", "Joined At"],
  leave: ["Leave Time", "Leave", "Left", "Left At"],
  duration: ["Duration (Minutes)", "Duration", "Time in Session (minutes)", "Attendance Duration"],
  guest: ["Guest"],
  waitingRoom: ["In Waiting Room"],
});
const MEETING_HEADERS = keyMap<MeetingField>({
  topic: ["Topic", "Meeting Topic", "Webinar Topic"],
  meetingId: ["Meeting ID", "ID", "Webinar ID"],
  start: ["Start Time", "Start", "Actual Start Time"],
  end: ["End Time", "End"],
  duration: ["Duration (Minutes)", "Duration"],
  participants: ["Participants", "Number of Participants", "Unique Participants"],
});

type Columns<F extends string> = { [K in F]?: number };
function columnsOf<F extends string>(record: readonly string[], headers: ReadonlyMap<string, F>): Columns<F> {
  const found: Columns<F> = {};
  record.forEach((cell, i) => {
    const f = headers.get(headerKey(cell));
    if (f !== undefined && found[f] === undefined) found[f] = i;
  });
  return found;
}

// ---------------------------------------------------------------- cells

const US_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/;
const ISO_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/;

/**
 * A time as Zoom writes it ("12/15/2021 09:58:12 AM", "12/15/2021 09:58 AM", "2021-12-15 09:58:12"),
 * read on the wall clocks of timeZone; null if it is not one. Dates with slashes are month/day/year, as Zoom writes them.
 */
export function parseZoomTime(value: string, timeZone: string): Date | null {
  const v = value.trim();
  let y: number, mo: number, d: number;
  let m = US_TIME.exec(v);
  if (m) [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = ISO_TIME.exec(v))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  let h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const meridiem = m[7]?.[0]?.toLowerCase();
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (meridiem === "p" ? 12 : 0);
  }
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 59) return null;
  // Converting a wall-clock time is the costly step; a report's times fall in
  // few distinct minutes, and zones change offset only on a minute boundary.
  const key = `${timeZone} ${y}-${mo}-${d} ${h}:${mi}`;
  let minute = minuteCache.get(key);
  if (minute === undefined) {
    if (minuteCache.size > 50_000) minuteCache.clear();
    minute = new TZDate(y, mo - 1, d, h, mi, 0, timeZone).getTime();
    minuteCache.set(key, minute);
  }
  return Number.isNaN(minute) ? null : new Date(minute + s * 1000);
}
const minuteCache = new Map<string, number>();

/** "Ali Raza (Ali R.)" -> ["Ali Raza", "Ali R."]: the text in the last (balanced) parentheses is the name the person joined with. */
export function splitZoomName(cell: string): { name: string; originalName: string | null } {
  const text = collapse(cell);
  if (text.endsWith(")")) {
    let depth = 0;
    for (let i = text.length - 1; i >= 0; i--) {
      if (text[i] === ")") depth++;
      else if (text[i] === "(" && --depth === 0) {
        const originalName = collapse(text.slice(i + 1, -1));
        const name = collapse(text.slice(0, i));
        if (!originalName) return { name, originalName: null }; // "Ali ()"; "()" is no name
        // "(Ali R.)" alone: the only name there is.
        return { name: name || originalName, originalName: name ? originalName : null };
      }
    }
  }
  return { name: text, originalName: null };
}

const collapse = (s: string) => s.trim().replace(/\s+/gu, " ");
const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");
const textOrNull = (s: string) => collapse(s) || null;

function numberOrNull(s: string): number | null {
  const v = s.trim().replace(/,/g, "");
  if (!/^\d+(\.\d+)?$/.test(v)) return null;
  return Number(v);
}

function yesNo(s: string): boolean | null {
  const v = s.trim().toLowerCase();
  if (v === "yes" || v === "y" || v === "true") return true;
  if (v === "no" || v === "n" || v === "false") return false;
  return null;
}

function utf8Bytes(text: string): number {
  return typeof Buffer !== "undefined" ? Buffer.byteLength(text, "utf8") : new TextEncoder().encode(text).length;
}

function assertTimeZone(timeZone: string) {
  // Throws a RangeError for a name that is not a time zone (a programming error, not a problem of the file).
  new Intl.DateTimeFormat("en-US", { timeZone });
}

// ---------------------------------------------------------------- parsing

/**
 * Parses Zoom's participants CSV in both forms Zoom produces: (a) a meeting block on top (a header
 * line such as "Topic,Meeting ID,Start Time,End Time,User Email,Duration (Minutes),Participants", its
 * value line, a blank line) and then the participant table; or (b) the participant table alone.
 * Headers are matched ignoring case, spaces and punctuation. Times are wall-clock times in `timeZone`
 * (IANA; a RangeError if it is not one). Emails are trimmed and lower-cased.
 */
export function parseZoomReport(text: string, timeZone: string): ZoomReport {
  assertTimeZone(timeZone);
  if (utf8Bytes(text) > ZOOM_LIMITS.maxBytes) return { ok: false, error: "too-large", limit: ZOOM_LIMITS.maxBytes };
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;

  // Read every record, blank ones too, so that a record's index is the row number a spreadsheet shows.
  const delimitersToGuess = [",", ";", "\t"];
  const { delimiter } = Papa.parse<string[]>(input, {
    header: false,
    skipEmptyLines: "greedy",
    preview: 10,
    delimitersToGuess,
  }).meta;
  const records = Papa.parse<string[]>(input, { header: false, skipEmptyLines: false, delimiter }).data;
  if (records.every(isBlank)) return { ok: false, error: "empty" };

  // The participant table's header: the first record naming a name, a join and a leave column.
  let headerIndex = -1;
  let cols: Columns<ParticipantField> = {};
  for (let i = 0; i < records.length && headerIndex < 0; i++) {
    const found = columnsOf(records[i]!, PARTICIPANT_HEADERS);
    if (found.name !== undefined && found.join !== undefined && found.leave !== undefined)
      [headerIndex, cols] = [i, found];
  }
  if (headerIndex < 0) return { ok: false, error: "not-a-zoom-report" };

  const meeting = readMeeting(records.slice(0, headerIndex), timeZone);

  const dataCount = records.reduce((n, r, i) => (i > headerIndex && !isBlank(r) ? n + 1 : n), 0);
  if (dataCount > ZOOM_LIMITS.maxRows) return { ok: false, error: "too-large", limit: ZOOM_LIMITS.maxRows };
  if (dataCount === 0) return { ok: false, error: "empty" };

  const cell = (record: readonly string[], col: number | undefined) => (col === undefined ? "" : (record[col] ?? ""));
  const rows: ZoomRow[] = [];
  const errors: { line: number; problem: ZoomRowProblem }[] = [];
  let waitingRoom = 0;
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]!;
    if (isBlank(record)) continue;
    const line = i + 1;
    if (yesNo(cell(record, cols.waitingRoom)) === true) {
      waitingRoom++;
      continue;
    }
    const { name, originalName } = splitZoomName(cell(record, cols.name));
    const join = parseZoomTime(cell(record, cols.join), timeZone);
    const leave = parseZoomTime(cell(record, cols.leave), timeZone);
    if (!name) errors.push({ line, problem: "no-name" });
    else if (!join || !leave) errors.push({ line, problem: "bad-time" });
    else if (leave < join) errors.push({ line, problem: "leave-before-join" });
    else
      rows.push({
        line,
        name,
        originalName,
        email: textOrNull(cell(record, cols.email))?.toLowerCase() ?? null,
        join,
        leave,
        durationMinutes: numberOrNull(cell(record, cols.duration)),
        guest: yesNo(cell(record, cols.guest)),
      });
  }
  return { ok: true, meeting, rows, errors, waitingRoom };
}

/** The meeting block: the first record above the participant table naming a topic or meeting id and a start time, and the record below it. */
function readMeeting(records: readonly string[][], timeZone: string): ZoomMeeting | null {
  for (let i = 0; i < records.length; i++) {
    const cols = columnsOf(records[i]!, MEETING_HEADERS);
    if ((cols.topic === undefined && cols.meetingId === undefined) || cols.start === undefined) continue;
    const values = records.slice(i + 1).find((r) => !isBlank(r));
    if (!values) return null;
    const cell = (col: number | undefined) => (col === undefined ? "" : (values[col] ?? ""));
    return {
      topic: textOrNull(cell(cols.topic)),
      meetingId: textOrNull(cell(cols.meetingId)),
      start: parseZoomTime(cell(cols.start), timeZone),
      end: parseZoomTime(cell(cols.end), timeZone),
      durationMinutes: numberOrNull(cell(cols.duration)),
      participants: numberOrNull(cell(cols.participants)),
    };
  }
  return null;
}
