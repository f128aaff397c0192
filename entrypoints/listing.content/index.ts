import '../../lib/zod-setup';
// The listing's words without the browser's first look-up before the first frame (words-source.ts).
import '../../lib/i18n-bundled-setup';
import { defineContentScript } from 'wxt/utils/define-content-script';
import controlsCss from '../../components/card-controls.css?inline';
import panelCss from '../../components/page-panel.css?inline';
import { startContent } from '../../lib/content/start';
import { CONTENT_MATCHES } from '../../lib/sites/matches';
import './style.css';
// The sites' own styles (lib/sites/styles.ts), served as CSS by wxt.config.ts.
import 'virtual:papershelf-site-styles.css';

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  runAt: 'document_idle',
  // WXT's default also announces each start with window.postMessage, whose type holds the
  // extension id: every site script could read it and then forge WXT's events by name. Its
  // custom-event announcement (not visible to the page by name) is enough to stop an old copy.
  noScriptStartedPostMessage: true,
  main(ctx) {
    startContent(ctx, { controls: controlsCss, panel: panelCss });
  },
});
