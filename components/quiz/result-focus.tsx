"use client";

import { useEffect } from "react";

const KEY = "quiz-submitted";

/** Notes, just before an attempt is submitted, that its result page should take the focus. */
export function markSubmitted(attemptId: string) {
  try {
    sessionStorage.setItem(KEY, attemptId);
  } catch {
    // Storage may be off: the result then simply does not take the focus.
  }
}

/**
 * Moves the focus to the result (the element `targetId`) when this attempt was just
 * submitted from this tab, so that keyboard and screen reader users land on it rather than
 * at the top of the page. A later visit leaves the focus alone.
 */
export function ResultFocus({ attemptId, targetId }: { attemptId: string; targetId: string }) {
  useEffect(() => {
    let submitted: string | null = null;
    try {
      submitted = sessionStorage.getItem(KEY);
      if (submitted === attemptId) sessionStorage.removeItem(KEY);
    } catch {
      return;
    }
    if (submitted === attemptId) document.getElementById(targetId)?.focus();
  }, [attemptId, targetId]);
  return null;
}
