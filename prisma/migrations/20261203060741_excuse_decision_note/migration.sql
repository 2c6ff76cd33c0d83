-- AlterTable
ALTER TABLE "excuse_requests" ADD COLUMN     "decision_note" TEXT;

-- The message is shown to the participant as written, so it is bounded like the request's reason.
ALTER TABLE "excuse_requests" ADD CONSTRAINT "excuse_requests_decision_note_length" CHECK (char_length("decision_note") <= 1000);
