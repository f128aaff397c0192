import '../../lib/zod-setup';
import { defineContentScript } from 'wxt/utils/define-content-script';
import controlsCss from '../../components/card-controls.css?inline';
import panelCss from '../../components/page-panel.css?inline';
import { startContent } from '../../lib/content/start';
import { CONTENT_MATCHES } from '../../lib/sites/matches';
import './style.css';

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    startContent(ctx, { controls: controlsCss, panel: panelCss });
  },
});
