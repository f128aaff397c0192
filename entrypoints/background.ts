import '../lib/zod-setup';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { PapershelfDatabase } from '../lib/db/database';
import { PaperRepository } from '../lib/db/repository';
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
import type { BackgroundPush } from '../lib/messaging/protocol';

// The background owns the library: it is the only writer (DESIGN.md rule 8).
export default defineBackground(() => {
  const db = new PapershelfDatabase();
  const repo = new PaperRepository(db);
  const enrichment = startEnrichment(db, repo);

  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) {
      void handleUiRequest(repo, message, { refreshMetadata: (ids) => enrichment.refresh(ids) }).then(async (reply) => {
        sendResponse(replyForPage(reply));
        if (!reply.ok) return;
        // A library edit (tags, delete, undo…) answers with the new states: every listing tab follows.
        if (reply.states) void broadcast({ type: 'background:statesChanged', states: reply.states });
        const followUp = uiFollowUp(message);
        // Settings may have turned look-ups on.
        if (followUp.pageContext) {
          void enrichment.kick();
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
      }
    });
    return true; // the reply is sent asynchronously
  });
});

/** Tells every open tab what changed; tabs without our content script simply do not answer. */
async function broadcast(push: BackgroundPush): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, push).catch(() => undefined))));
}
