import { config } from 'zod';

// The CSP forbids eval; without this zod probes `new Function` and the browser
// logs a violation. Imported first by main.ts, before any schema is built or used.
config({ jitless: true });
