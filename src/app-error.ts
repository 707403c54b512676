/**
 * One application error type. `code` is stable for programs and tests, `message` is for the log,
 * `userMessage` is what the platform edge shows to a person (already translated).
 */
export type AppErrorCode =
  | "BAD_INPUT"
  | "NOT_FOUND"
  | "UNKNOWN_USER"
  | "FORBIDDEN"
  | "CONFIG"
  | "DATABASE"
  | "MIGRATION"
  | "CONFLICT"
  | "INTERNAL";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;

  constructor(code: AppErrorCode, message: string, options: { userMessage?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = options.userMessage ?? message;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
