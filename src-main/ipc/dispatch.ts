import { channels, isChannel, type Channel, type ParsedRequestOf, type ResponseOf } from '@shared/contract';
import { toErrorValue, type Result } from '@shared/errors';

/** One function per channel; each gets a request already checked against its schema. */
export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

/**
 * The one path from any transport (Electron IPC, the browser host's WebSocket)
 * to a service: unknown channels and invalid payloads become error values here
 * and never reach a handler; whatever a handler throws becomes an error value.
 */
export async function dispatch(handlers: Handlers, channel: unknown, request: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `There is no channel named ${describe(channel)}.` } };
  }
  const parsed = channels[channel].request.safeParse(request ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid-request',
        message: `The request for ${channel} is not valid: ${parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`)
          .join('; ')}`,
      },
    };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorValue(err) };
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 80));
  return `of type ${value === null ? 'null' : typeof value}`;
}
