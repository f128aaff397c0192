import { z } from 'zod';
import { t } from '../i18n/t';
import { hlcKey, type Hlc } from './clock';
import { OperationSchema, type Operation } from './operation';

/**
 * The files one device writes to the shared folder: logs (operations made on this device since
 * its last upload) and snapshots (everything it has merged, compacted). A file's name carries the
 * SHA-256 of its bytes, so a reader knows a torn or damaged upload when it sees one and skips it;
 * the writer notices its file is missing or damaged and writes it again.
 */
export type SyncFileKind = 'log' | 'snapshot';

export interface SyncFile {
  kind: SyncFileKind;
  device: string;
  operations: Operation[];
  /** Snapshots: what the writing device had merged from each device (hlcKey per device id). */
  merged?: Record<string, string>;
}

const HeaderSchema = z.object({
  format: z.literal('papershelf-sync'),
  version: z.literal(1),
  kind: z.enum(['log', 'snapshot']),
  device: z.string().min(1).max(64),
  merged: z.record(z.string().max(64), z.string().max(200)).optional(),
  operations: z.array(z.unknown()).max(5_000_000),
});

const NAME = /^(log|snapshot)-(\d{13}-\d{6}-[A-Za-z0-9_-]+)-([0-9a-f]{32})\.json\.gz$/;

export function isSyncFileName(name: string): boolean {
  return NAME.test(name);
}

/** The latest clock a file's name promises it holds (names sort by it within one device). */
export function clockKeyOfName(name: string): string | undefined {
  return NAME.exec(name)?.[2];
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function latestClock(operations: readonly Operation[]): Hlc {
  let latest = operations[0]!.clock;
  for (const operation of operations) if (hlcKey(operation.clock) > hlcKey(latest)) latest = operation.clock;
  return latest;
}

/** The file's name and compressed bytes. A file holds at least one operation. */
export async function encodeSyncFile(file: SyncFile): Promise<{ name: string; bytes: Uint8Array }> {
  if (file.operations.length === 0) throw new Error('a sync file holds at least one operation');
  const json = JSON.stringify({ format: 'papershelf-sync', version: 1, kind: file.kind, device: file.device, ...(file.merged && { merged: file.merged }), operations: file.operations });
  const bytes = await pipe(new TextEncoder().encode(json), new CompressionStream('gzip'));
  const hash = (await sha256Hex(bytes)).slice(0, 32);
  return { name: `${file.kind}-${hlcKey(latestClock(file.operations))}-${hash}.json.gz`, bytes };
}

export type DecodeResult = { ok: true; file: SyncFile } | { ok: false; reason: string };

/**
 * Reads a file another device (or this one) wrote. Every failure is a reason in words, never an
 * exception: one damaged file must not stop the others from merging.
 */
export async function decodeSyncFile(name: string, bytes: Uint8Array, expectedDevice: string): Promise<DecodeResult> {
  const match = NAME.exec(name);
  if (!match) return { ok: false, reason: t('syncFileNameUnknown', name) };
  if ((await sha256Hex(bytes)).slice(0, 32) !== match[3]) return { ok: false, reason: t('syncFileChecksumMismatch', name) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(await pipe(bytes, new DecompressionStream('gzip'))));
  } catch {
    return { ok: false, reason: t('syncFileUnreadable', name) };
  }
  const header = HeaderSchema.safeParse(parsed);
  if (!header.success) return { ok: false, reason: t('syncFileFormatUnknown', name) };
  if (header.data.kind !== match[1] || header.data.device !== expectedDevice) return { ok: false, reason: t('syncFileMisplaced', name) };
  const operations: Operation[] = [];
  for (const raw of header.data.operations) {
    const operation = OperationSchema.safeParse(raw);
    if (!operation.success) return { ok: false, reason: t('syncFileOperationUnknown', name) };
    // A log holds only its own device's operations: no device can write in another's name.
    if (header.data.kind === 'log' && operation.data.clock.device !== expectedDevice) return { ok: false, reason: t('syncFileOtherDevice', name) };
    operations.push(operation.data);
  }
  return { ok: true, file: { kind: header.data.kind, device: header.data.device, operations, ...(header.data.merged && { merged: header.data.merged }) } };
}
