// Node's flags for the app's server (scripts/start.ts) and the bench's floor server.
// A larger young generation: every request allocates short-lived objects, and with
// V8's default 16 MB semi-spaces the server spent much of its time in
// scavenges (7% of a profile's samples). 64 MB took 10-15% off the server's CPU per quiz request (bench:quiz).
// The Dockerfile's CMD passes the same flag.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];
