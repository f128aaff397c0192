import { render } from 'preact';
import { PopupApp, type PopupAppProps } from './PopupApp';

/**
 * The popup proper, loaded by main.tsx once its first frame is painted. Preact renders into the
 * element that holds that frame's plain DOM and, finding the same elements in the same order,
 * takes them over in this one task: the rows do not move and the search box keeps the focus.
 */
export function startPopup(root: HTMLElement, props: PopupAppProps): void {
  render(<PopupApp {...props} />, root);
}
