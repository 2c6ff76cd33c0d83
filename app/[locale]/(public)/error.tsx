"use client";

export { ErrorContent as default } from "@/components/layout/error-content";
