"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * Whether the page's JavaScript runs: false in the server's HTML (and for as long as a
 * browser without JavaScript shows it), true once React has hydrated the component. For
 * controls and texts that are true only with JavaScript.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
