import { describe, expect, it } from 'vitest';
import { SyncFolderUrlSchema, SyncUiRequestSchema } from '../../../lib/messaging/sync-protocol';

/** The folder URL is checked by the Sync form and again by the background: both get words, never an exception. */
describe('SyncFolderUrlSchema', () => {
  it.each([
    ['', 'the folder URL is not a web address (it starts with https://)'],
    ['cloud.example.org/dav', 'the folder URL is not a web address (it starts with https://)'],
    ['ftp://cloud.example.org/dav/', 'the folder URL must start with https://'],
    ['https://ada:pw@cloud.example.org/dav/', 'put the user name and password in their own fields, not in the URL'],
  ])('refuses %j with one issue in words', (url, words) => {
    const result = SyncFolderUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([words]);
  });

  it('a connect request with a text that is no URL is refused, not thrown', () => {
    expect(SyncUiRequestSchema.safeParse({ type: 'ui:syncConnect', url: 'not a url', user: 'ada', password: 'pw' }).success).toBe(false);
  });

  it('takes an https folder, trimmed', () => {
    expect(SyncFolderUrlSchema.parse(' https://cloud.example.org/remote.php/dav/files/ada/ ')).toBe('https://cloud.example.org/remote.php/dav/files/ada/');
  });
});
