import { z } from "zod";
import { AppError } from "../app-error.ts";

/** An environment variable that may be unset or blank; blank counts as unset. */
export const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** Turn a zod error into one readable line per problem, naming the variable. */
export function configError(error: z.ZodError): AppError {
  const lines = error.issues.map((issue) => `- ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return new AppError("CONFIG", `Invalid configuration:\n${lines.join("\n")}`);
}
