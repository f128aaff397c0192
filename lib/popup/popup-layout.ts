/**
 * The popup list's geometry, shared by PopupApp's VirtualList and the plain-DOM first screen
 * (components/popup-first-screen.ts), which must put its rows exactly where the list will.
 */

/** Fixed row height (popup.css fits a row in it) and list height, in pixels: five rows in a 600-pixel popup. */
export const ROW_HEIGHT = 80;
export const LIST_HEIGHT = 400;
/** Rows the list renders beyond each edge of its viewport. */
export const LIST_OVERSCAN = 4;
/** Rows the first paint needs: a screenful and the list's overscan (with room to spare). */
export const FIRST_SCREEN = Math.ceil(LIST_HEIGHT / ROW_HEIGHT) + 8;
