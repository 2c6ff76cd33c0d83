"use client";

import { useEffect, type RefObject } from "react";

/** Room kept between a focused control and a sticky bar, in pixels. */
const GAP = 16;

/**
 * Keeps keyboard focus clear of the sticky bars (WCAG 2.2 SC 2.4.11, focus not obscured):
 * the page's scroll padding grows by the height of the sticky bar at the bottom (`bottom`)
 * and of any sticky element at the top marked `data-sticky-top`, so that the browser scrolls
 * a control that takes the focus into the part of the window they leave free. The heights are
 * followed as they change (the bar wraps on a narrow screen); the padding is put back on unmount.
 */
export function useClearOfStickyBars(bottom: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = document.documentElement;
    const before = { start: root.style.scrollPaddingBlockStart, end: root.style.scrollPaddingBlockEnd };
    const baseStart = parseFloat(getComputedStyle(root).scrollPaddingBlockStart) || 0;
    const measure = () => {
      const bar = bottom.current?.getBoundingClientRect().height ?? 0;
      root.style.scrollPaddingBlockEnd = `${Math.ceil(bar) + GAP}px`;
      const top = [...document.querySelectorAll<HTMLElement>("[data-sticky-top]")].reduce(
        (sum, el) => sum + el.getBoundingClientRect().height,
        0,
      );
      root.style.scrollPaddingBlockStart = top > 0 ? `${Math.ceil(baseStart + top) + GAP}px` : before.start;
    };
    measure();
    const observer = new ResizeObserver(measure);
    if (bottom.current) observer.observe(bottom.current);
    for (const el of document.querySelectorAll<HTMLElement>("[data-sticky-top]")) observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingBlockStart = before.start;
      root.style.scrollPaddingBlockEnd = before.end;
    };
  }, [bottom]);
}
