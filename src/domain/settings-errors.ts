import type { z } from "zod";
import { AppError } from "../app-error.ts";

/**
 * Parse a settings section with its schema, or throw one AppError("CONFIG") that names every bad key
 * (`weights.payment: Too small…`, `weigths: unknown setting`) — the same wording for every section.
 */
export function parseSettingsSection<T>(schema: z.ZodType<T>, input: unknown, label: string): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => `${[...path, key].join(".")}: unknown setting`);
    }
    return [`${path.join(".") || "settings"}: ${issue.message}`];
  });
  const message = `Invalid ${label}: ${problems.join("; ")}`;
  throw new AppError("CONFIG", message, { userMessage: message });
}
