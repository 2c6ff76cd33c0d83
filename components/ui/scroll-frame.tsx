"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A frame that scrolls its content sideways when it is wider than the screen (a table on a
 * phone). While it does, it is a stop of its own for the keyboard, named by `label`, so that
 * someone without a mouse can scroll it with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable); while everything fits, it is no stop at all. Without
 * JavaScript it scrolls as before.
 */
export function ScrollFrame({
  label,
  className,
  children,
}: {
  label: string;
  className: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const measure = () => setScrolls(frame.scrollWidth > frame.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    if (frame.firstElementChild) observer.observe(frame.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={`relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 ${className}`}
      {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": label } : {})}
    >
      {children}
    </div>
  );
}
