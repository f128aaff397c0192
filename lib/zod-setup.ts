import { z } from 'zod';

// Zod compiles fast parsers with `new Function` unless told not to. Extension pages and content
// scripts run under a CSP without 'unsafe-eval', where even Zod's guarded probe is reported as a
// policy violation. Interpreted parsing is fast enough for our message and record sizes.
// Every entrypoint imports this module first.
z.config({ jitless: true });
