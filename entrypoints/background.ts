import '../lib/zod-setup';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { PapershelfDatabase } from '../lib/db/database';
import { PaperRepository } from '../lib/db/repository';
import {
  changesPageContext,
  handleContentRequest,
  handleUiRequest,
  isMutation,
  isOwnContentScript,
  isOwnExtensionPage,
  pageContext,
} from '../lib/messaging/handler';
import type { BackgroundPush } from '../lib/messaging/protocol';

// The background owns the library: it is the only writer (DESIGN.md rule 8).
export default defineBackground(() => {
  const repo = new PaperRepository(new PapershelfDatabase());

  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) {
      void handleUiRequest(repo, message).then(async (reply) => {
        sendResponse(reply);
        if (reply.ok && changesPageContext(message)) await broadcast({ type: 'background:contextChanged', context: await pageContext(repo) });
      });
      return true; // the reply is sent asynchronously
    }
    if (!isOwnContentScript(sender, browser.runtime.id, extensionOrigin)) return false;
    void handleContentRequest(repo, message).then((reply) => {
      sendResponse(reply);
      if (reply.ok && isMutation(message)) void broadcast({ type: 'background:statesChanged', states: reply.states });
    });
    return true; // the reply is sent asynchronously
  });
});

/** Tells every open tab what changed; tabs without our content script simply do not answer. */
async function broadcast(push: BackgroundPush): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, push).catch(() => undefined))));
}
