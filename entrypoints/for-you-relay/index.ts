// For you's relay frame: a hidden page a listing's content script puts in a frame, forwarding its
// score requests to the background from the extension's own process (lib/frame/relay-frame.ts).
import '../../lib/zod-setup';
import { browser } from 'wxt/browser';
import { startRelayFrame } from '../../lib/frame/relay-frame';

startRelayFrame({ win: window, sendMessage: (message) => browser.runtime.sendMessage(message) });
