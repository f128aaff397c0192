import { z } from 'zod';
import { t } from '../i18n/t';

/**
 * The sync messages (issue #15), beside the main protocol: the library page connects, syncs now,
 * disconnects and names this device; the popup and the library page read the status; the
 * background tells every extension page when the status changed. The background alone talks to
 * the server, so the password never leaves it once given.
 */

/** An `https:` (or, for a server on this machine, `http:`) folder URL, without credentials in it. */
export const SyncFolderUrlSchema = z
  .string()
  .trim()
  .max(2000, { error: () => t('syncUrlTooLong') })
  .refine((text) => URL.canParse(text), { error: () => t('syncUrlNotWebAddress') })
  // Zod runs every refinement even after one failed: the next ones must not throw on a non-URL.
  .refine((text) => !URL.canParse(text) || /^https?:$/.test(new URL(text).protocol), { error: () => t('syncUrlMustBeHttps') })
  .refine((text) => !URL.canParse(text) || (new URL(text).username === '' && new URL(text).password === ''), { error: () => t('syncUrlHasCredentials') });

export const DeviceNameSchema = z.string().trim().min(1, { error: () => t('deviceNeedsAName') }).max(80, { error: () => t('syncDeviceNameTooLong') });

export const SyncUiRequestSchema = z.discriminatedUnion('type', [
  /**
   * Checks the folder (list, write, read back, delete a probe file), keeps the credentials and
   * runs the first sync, which merges this device's library with the folder's. The page asks for
   * the folder's origin as an optional host permission before sending this.
   */
  z.object({
    type: z.literal('ui:syncConnect'),
    url: SyncFolderUrlSchema,
    user: z.string().max(200, { error: () => t('syncUserTooLong') }),
    password: z.string().max(1000, { error: () => t('syncPasswordTooLong') }),
    deviceName: DeviceNameSchema.optional(),
  }),
  z.object({ type: z.literal('ui:syncNow') }),
  /** Forgets the server and the credentials; the local library is kept as it is. */
  z.object({ type: z.literal('ui:syncDisconnect') }),
  z.object({ type: z.literal('ui:syncStatus') }),
  z.object({ type: z.literal('ui:syncRenameDevice'), name: DeviceNameSchema }),
]);
export type SyncUiRequest = z.infer<typeof SyncUiRequestSchema>;

export const SyncDeviceSchema = z.object({
  id: z.string().max(100),
  name: z.string().max(80),
  /** Milliseconds since the epoch of that device's last completed sync, as it published it. */
  lastSync: z.number().optional(),
});
export type SyncDevice = z.infer<typeof SyncDeviceSchema>;

/**
 * What every sync request answers (inside the usual `{ ok: true, result }`) and what
 * `background:syncChanged` carries.
 * - `off`: not connected; `idle`: connected, last round fine; `syncing`: a round is running;
 * - `offline`: the server could not be reached (tried again when the network returns);
 * - `error`: the server refused (`problem` says why in words, e.g. the password changed).
 */
export const SyncStatusSchema = z.object({
  state: z.enum(['off', 'idle', 'syncing', 'offline', 'error']),
  /** The folder URL while connected (never the password). */
  url: z.string().max(2000).optional(),
  user: z.string().max(200).optional(),
  /** When this device last completed a round. */
  lastSync: z.number().optional(),
  /** When the next attempt is due after a failure (back-off). */
  nextAttemptAt: z.number().optional(),
  /** What went wrong, in words a reader understands; absent when nothing did. */
  problem: z.string().max(500).optional(),
  thisDevice: SyncDeviceSchema,
  /** Every device seen in the folder, this one included. */
  devices: z.array(SyncDeviceSchema).max(1000),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const SyncPushSchema = z.object({ type: z.literal('background:syncChanged'), status: SyncStatusSchema });
export type SyncPush = z.infer<typeof SyncPushSchema>;
