import type { Session } from './harness.ts';

/**
 * Waits until the background's model is trained (`ui:rankingStatus` says ready), as the library
 * page asks. The model is trained shortly after an import: a listing opened before it is ready is
 * scored once it is, all through the extension's channel (the relay frame is made only for a ready
 * model), which tests of the relay would race.
 */
export async function waitForRankingReady(session: Session): Promise<void> {
  const { page: library } = await session.openLibrary();
  await library.waitForFunction(
    async () => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<{ result?: { ready?: boolean } }> } } }).chrome;
      return (await runtime.sendMessage({ type: 'ui:rankingStatus' })).result?.ready === true;
    },
    undefined,
    { polling: 250, timeout: 30_000 },
  );
  await library.close();
}
