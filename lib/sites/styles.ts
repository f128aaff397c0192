import { ADAPTERS } from '.';

/**
 * The sites' light-DOM styles as one stylesheet, in registry order. wxt.config.ts serves it as a
 * CSS module that the content script imports, so the manifest injects it with the content
 * script's own style.css, as a file (a page's CSP can refuse a `<style>` a script adds).
 */
export const SITE_STYLES: string = ADAPTERS.map((adapter) => `/* ${adapter.site} */\n${adapter.styles}`).join('');
