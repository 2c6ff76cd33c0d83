import { notFound } from "next/navigation";

// Any path that matches no page renders the locale's not-found page.
export default function CatchAll() {
  notFound();
}
