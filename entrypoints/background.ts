import '../lib/zod-setup';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { PapershelfDatabase } from '../lib/db/database';
import { PaperRepository } from '../lib/db/repository';
import { keepStorage } from '../lib/background/persistent-storage';
import {
  handleContentRequest,
  handleUiRequest,
  isMutation,
  isOwnContentScript,
  isOwnExtensionPage,
  pageContext,
  replyForPage,
  uiFollowUp,
} from '../lib/messaging/handler';
import { startEnrichment } from '../lib/background/metadata-service';
import { startForYou } from '../lib/for-you/service';
import type { ForYouPush } from '../lib/messaging/for-you-protocol';
import type { BackgroundPush } from '../lib/messaging/protocol';

// The background owns the library: it is the only writer (DESIGN.md rule 8).
export default defineBackground(() => {
  const db = new PapershelfDatabase();
  const repo = new PaperRepository(db);
  const enrichment = startEnrichment(db, repo);
  const forYou = startForYou(db, repo, () => void broadcast({ type: 'background:rankingChanged' }));
  void keepStorage(globalThis.navigator?.storage);

  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // For you's requests (scores, page order, reset) have their own protocol (lib/for-you).
    const page = isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin);
    const forYouReply = forYou.answer(message, page ? 'page' : isOwnContentScript(sender, browser.runtime.id, extensionOrigin) ? 'content' : undefined);
    if (forYouReply) {
      void forYouReply.then(sendResponse);
      return true;
    }
    if (isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) {
      void handleUiRequest(repo, message, { refreshMetadata: (ids) => enrichment.refresh(ids) }).then(async (reply) => {
        sendResponse(replyForPage(reply));
        if (!reply.ok) return;
        // A library edit (tags, delete, undo…) answers with the new states: every listing tab follows.
        if (reply.states) void broadcast({ type: 'background:statesChanged', states: reply.states });
        forYou.libraryChanged();
        const followUp = uiFollowUp(message);
        // Settings may have turned look-ups on.
        if (followUp.pageContext) {
          void enrichment.kick();
          forYou.settingsChanged();
          await broadcast({ type: 'background:contextChanged', context: await pageContext(repo) });
        }
        // Open listings show the imported papers as saved (and, after a restore that replaced the
        // library, the papers it no longer holds as not saved) without a reload.
        if (followUp.libraryChanged) void broadcast({ type: 'background:libraryChanged' });
        // Imported or restored papers may lack metadata.
        if (followUp.reconsider.length) await enrichment.consider(followUp.reconsider);
      });
      return true; // the reply is sent asynchronously
    }
    if (!isOwnContentScript(sender, browser.runtime.id, extensionOrigin)) return false;
    void handleContentRequest(repo, message).then((reply) => {
      sendResponse(reply);
      if (reply.ok && isMutation(message)) {
        void broadcast({ type: 'background:statesChanged', states: reply.states });
        // A paper saved from a card often lacks authors, its v1 date or its category.
        void enrichment.consider(Object.keys(reply.states).filter((id) => reply.states[id]?.saved));
        forYou.libraryChanged();
      }
    });
    return true; // the reply is sent asynchronously
  });
});

/** Tells every open tab what changed; tabs without our content script simply do not answer. */
async function broadcast(push: BackgroundPush | ForYouPush): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, push).catch(() => undefined))));
}
