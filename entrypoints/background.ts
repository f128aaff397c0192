import '../lib/zod-setup';
import '../lib/i18n-setup';
import { t } from '../lib/i18n/t';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { PapershelfDatabase } from '../lib/db/database';
import { PaperRepository } from '../lib/db/repository';
import { keepStorage } from '../lib/background/persistent-storage';
import { trimOlderHidesInBatches } from '../lib/background/older-hides-trim';
import { handleContentRequest, handleUiRequest, isOwnContentScript, isOwnExtensionPage, pageContext, type FollowUp, type Handled } from '../lib/messaging/handler';
import { startEnrichment } from '../lib/background/metadata-service';
import { startForYou } from '../lib/for-you/service';
import type { ForYouPush } from '../lib/messaging/for-you-protocol';
import type { BackgroundPush } from '../lib/messaging/protocol';
import { statesChangedPush } from '../lib/messaging/page-ids';
import { SyncUiRequestSchema, type SyncPush } from '../lib/messaging/sync-protocol';
import { startSync, SYNC_ALARM, SYNC_ALARM_MINUTES, type SyncService } from '../lib/background/sync-service';
import { defaultDeviceName } from '../lib/background/device-name';
import type { MergeOutcome } from '../lib/db/sync-store';

// The background owns the library: it is the only writer (DESIGN.md rule 8).
export default defineBackground(() => {
  // Every recorded library change asks sync for a round (debounced).
  let sync: SyncService | undefined;
  const db = new PapershelfDatabase(undefined, { onOperationsRecorded: () => sync?.libraryChanged() });
  const repo = new PaperRepository(db);
  const enrichment = startEnrichment(db, repo);
  const forYou = startForYou(db, repo, () => void broadcast({ type: 'background:rankingChanged' }));
  // Hides from before trimming keep their abstracts: trimmed in the background, a batch at a time.
  void trimOlderHidesInBatches(db).catch((error: unknown) => console.warn('Papershelf could not trim older hides:', error));
  void keepStorage(globalThis.navigator?.storage);

  sync = startSync(db, {
    fetch: (input, init) => fetch(input, init),
    push: (status) => void browser.runtime.sendMessage({ type: 'background:syncChanged', status } satisfies SyncPush).catch(() => undefined),
    merged: (outcome) => void tellMerged(outcome),
    defaultDeviceName: defaultDeviceName(navigator.userAgent),
  });
  // Another device's changes, merged here: listing tabs and extension pages show them without a reload.
  const tellMerged = async (outcome: MergeOutcome) => {
    void browser.runtime.sendMessage({ type: 'background:libraryChanged' }).catch(() => undefined);
    if (Object.keys(outcome.states).length > 0) await broadcast(statesChangedPush(outcome.states));
    if (outcome.contextChanged) await broadcast({ type: 'background:contextChanged', context: await pageContext(repo) });
    forYou.libraryChanged();
    void enrichment.consider(Object.keys(outcome.states).filter((id) => outcome.states[id]?.saved));
  };
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_ALARM_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void sync?.wake();
  });
  globalThis.addEventListener?.('online', () => void sync?.wake(true));
  void sync.wake();

  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // For you's requests (scores, page order, reset) have their own protocol (lib/for-you).
    const page = isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin);
    const forYouReply = forYou.answer(message, page ? 'page' : isOwnContentScript(sender, browser.runtime.id, extensionOrigin) ? 'content' : undefined);
    if (forYouReply) {
      void forYouReply.then(sendResponse);
      return true;
    }
    if (page) {
      // Sync's own requests (lib/messaging/sync-protocol.ts): only from the extension's pages.
      const syncRequest = SyncUiRequestSchema.safeParse(message);
      if (syncRequest.success) {
        void sync!.answer(syncRequest.data).then(sendResponse, () => sendResponse({ ok: false, error: t('syncCouldNotAnswer') }));
        return true;
      }
      if (isSyncRequestType(message)) {
        // The schema's messages are written for the reader ("the folder URL must start with https://").
        sendResponse({ ok: false, error: t('syncRequestRefused', syncRequest.error.issues[0]?.message ?? t('syncRequestIncomplete')) });
        return false;
      }
    }
    let handled: Promise<Handled>;
    if (page) handled = handleUiRequest(repo, message, { refreshMetadata: (ids) => enrichment.refresh(ids) });
    else if (isOwnContentScript(sender, browser.runtime.id, extensionOrigin)) handled = handleContentRequest(repo, message);
    else return false;
    void handled.then(({ reply, followUp }) => {
      sendResponse(reply);
      return follow(followUp);
    });
    return true; // the reply is sent asynchronously
  });

  /** What a request that succeeded sets going once it is answered (lib/messaging/handler.ts, FollowUp). */
  async function follow(followUp: FollowUp): Promise<void> {
    // A change (a card, a library edit, an Undo) names the new states: every listing tab follows.
    if (followUp.states) void broadcast(statesChangedPush(followUp.states));
    if (followUp.libraryEdited) forYou.libraryChanged();
    // Settings may have turned look-ups on.
    if (followUp.pageContext) {
      void enrichment.kick();
      forYou.settingsChanged();
      await broadcast({ type: 'background:contextChanged', context: await pageContext(repo) });
    }
    // Open listings show the imported papers as saved (and, after a restore that replaced the
    // library, the papers it no longer holds as not saved) without a reload.
    if (followUp.libraryChanged) void broadcast({ type: 'background:libraryChanged' });
    // Saved, imported or restored papers may lack metadata.
    if (followUp.reconsider.length) await enrichment.consider(followUp.reconsider);
  }
});

function isSyncRequestType(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('ui:sync');
}

/** Tells every open tab what changed; tabs without our content script simply do not answer. */
async function broadcast(push: BackgroundPush | ForYouPush): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, push).catch(() => undefined))));
}
