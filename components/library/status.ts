/** What a field of the details panel last heard from the background. */
export interface FieldStatus {
  tone: 'saving' | 'done' | 'error';
  text: string;
}
