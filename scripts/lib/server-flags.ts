// Node's flags for the app's server (scripts/start.ts; the Dockerfile's CMD passes the
// same) and the bench's floor server. None at present: from session 10 to 12 the server
// ran with --max-semi-space-size=64, which took 10-15% off its CPU per quiz request while
// Next's API resolver left much garbage behind. Since the JSON API bypasses it, V8's
// default young generation gave the same CPU per submit and a shorter tail
// (bench/README.md, "Young generation, again"), so the flag was dropped.
export const SERVER_NODE_FLAGS: string[] = [];
