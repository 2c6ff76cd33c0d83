// Types of next.config.js for the TypeScript that imports it (a unit test does).
import type { NextConfig } from "next";

declare const config: NextConfig;
export default config;
export declare const DEFAULT_LOCALE: string;
