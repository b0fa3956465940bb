import { z } from 'zod';

/**
 * Errors cross every process boundary as values, never as thrown exceptions:
 * a renderer can always show `message`, and tests can assert on `code`.
 */
export const errorCodes = [
  'invalid-request', // payload failed its schema; never reached a service
  'unknown-channel',
  'forbidden', // sender or origin not allowed
  'not-found',
  'bad-input', // user data or expression the app cannot use (file, line, column in detail)
  'not-a-project',
  'newer-schema',
  'corrupt-project',
  'io',
  'cancelled',
  'engine-crashed',
  'unsupported', // a capability this build does not offer (yet): the message says which
  'internal',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppErrorSchema = z.object({
  code: ErrorCode,
  message: z.string(),
  detail: z.unknown().optional(),
});
export type AppErrorValue = z.infer<typeof AppErrorSchema>;

/** An error a service throws on purpose; the IPC layer turns it into an error value. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: unknown;
  constructor(code: ErrorCode, message: string, detail?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }
  toValue(): AppErrorValue {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

/** Any thrown thing as an error value; unexpected errors become `internal`. */
export function toErrorValue(err: unknown): AppErrorValue {
  if (err instanceof AppError) return err.toValue();
  if (err instanceof Error) return { code: 'internal', message: err.message };
  return { code: 'internal', message: String(err) };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorValue };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);
}
