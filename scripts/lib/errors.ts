/** An expected start-up failure: printed as one line, exit code 1. */
export class StartupError extends Error {}
