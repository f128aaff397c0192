// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HlcClock } from '../../../lib/sync/clock';
import type { Operation } from '../../../lib/sync/operation';
import { decodeSyncFile, encodeSyncFile, isSyncFileName } from '../../../lib/sync/sync-file';

const clock = new HlcClock('laptop', () => 1_764_900_000_000);
const operations: Operation[] = [
  { kind: 'create', paper: 'arxiv:2401.00001', clock: clock.tick() },
  { kind: 'set', paper: 'arxiv:2401.00001', field: 'savedAt', value: true, clock: clock.tick() },
  { kind: 'tagAdd', paper: 'arxiv:2401.00001', tag: 'reviewing-icml', clock: clock.tick() },
];

describe('sync files', () => {
  it('round-trips compressed, named by their latest clock and checksum', async () => {
    const { name, bytes } = await encodeSyncFile({ kind: 'log', device: 'laptop', operations });
    expect(isSyncFileName(name)).toBe(true);
    expect(name).toMatch(/^log-1764900000000-000002-laptop-[0-9a-f]{32}\.json\.gz$/);
    expect(await decodeSyncFile(name, bytes, 'laptop')).toEqual({ ok: true, file: { kind: 'log', device: 'laptop', operations } });
  });

  it('refuses a torn upload, a damaged byte, a file in the wrong folder and forged operations, in words', async () => {
    const { name, bytes } = await encodeSyncFile({ kind: 'log', device: 'laptop', operations });
    const torn = await decodeSyncFile(name, bytes.slice(0, bytes.length - 5), 'laptop');
    expect(torn).toEqual({ ok: false, reason: expect.stringMatching(/incomplete or damaged/) });
    const flipped = bytes.slice();
    flipped[20]! ^= 1;
    expect((await decodeSyncFile(name, flipped, 'laptop')).ok).toBe(false);
    expect(await decodeSyncFile(name, bytes, 'desktop')).toEqual({ ok: false, reason: expect.stringMatching(/does not belong/) });
    const forged = await encodeSyncFile({ kind: 'log', device: 'desktop', operations });
    expect(await decodeSyncFile(forged.name, forged.bytes, 'desktop')).toEqual({ ok: false, reason: expect.stringMatching(/another device/) });
  });

  it('reads a file from a device on a version before tagged ids: its bare arXiv ids name the same papers', async () => {
    const old = operations.map((op) => (op.kind === 'setting' || op.kind === 'rule' ? op : { ...op, paper: op.paper.slice('arxiv:'.length) }));
    const { name, bytes } = await encodeSyncFile({ kind: 'log', device: 'laptop', operations: old });
    expect(await decodeSyncFile(name, bytes, 'laptop')).toEqual({ ok: true, file: { kind: 'log', device: 'laptop', operations } });
  });
});
