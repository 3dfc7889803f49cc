// createBackupsClient's options: where the API is, and a clear error for
// each mistake, when the client is created.
import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../src/client/version.js';
import { type BackupsClientOptions, createBackupsClient } from '../../src/index.js';
import { readJson } from '../helpers/files.js';

const create = (options: unknown) => createBackupsClient(options as BackupsClientOptions);

describe('where the API is', () => {
  it.each([
    ['http://127.0.0.1:8779/v1.0/proj', 'http://127.0.0.1:8779', 'proj'],
    [
      'https://trove.example.net:8779/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5/',
      'https://trove.example.net:8779',
      '9f8dd5eacb074c9f87d2d822c9092aa5',
    ],
    ['https://cloud.example.net/database/v1.0/p%20q', 'https://cloud.example.net/database', 'p q'],
  ])('endpoint %s is the root %s and project %s', (endpoint, baseUrl, projectId) => {
    const client = createBackupsClient({ endpoint, token: 't' });
    expect([client.baseUrl, client.projectId]).toEqual([baseUrl, projectId]);
  });

  it('baseUrl and projectId are taken as they are', () => {
    const client = createBackupsClient({ baseUrl: 'https://cloud.example.net/database/', projectId: 'p', token: 't' });
    expect([client.baseUrl, client.projectId]).toEqual(['https://cloud.example.net/database', 'p']);
  });
});

describe('mistakes', () => {
  it.each([
    ['no options', undefined, /options must be an object/],
    ['no location', { token: 't' }, /give endpoint .* or baseUrl and projectId/],
    [
      'both locations',
      { endpoint: 'http://h/v1.0/p', baseUrl: 'http://h', token: 't' },
      /either endpoint, or baseUrl and projectId, not both/,
    ],
    ['an endpoint that is not a URL', { endpoint: 'trove:8779/v1.0/p', token: 't' }, /must be an http or https URL/],
    ['an endpoint that is no URL at all', { endpoint: '/v1.0/p', token: 't' }, /endpoint is not a valid URL/],
    ['an endpoint without the project', { endpoint: 'http://h:8779/v1.0', token: 't' }, /ending in \/v1\.0\/<project_id>/],
    ['an endpoint of another version', { endpoint: 'http://h:8779/v2/p', token: 't' }, /ending in \/v1\.0\/<project_id>/],
    ['an endpoint with a broken percent-escape', { endpoint: 'http://h/v1.0/%E0%A4%A', token: 't' }, /malformed percent-escape/],
    ['an endpoint with a query', { endpoint: 'http://h/v1.0/p?x=1', token: 't' }, /no query or fragment/],
    ['a baseUrl that is a catalog URL', { baseUrl: 'http://h/v1.0/p', projectId: 'p', token: 't' }, /give it as endpoint/],
    ['a baseUrl without projectId', { baseUrl: 'http://h', token: 't' }, /projectId must be a non-empty string/],
    ['a projectId with a slash', { baseUrl: 'http://h', projectId: 'a/b', token: 't' }, /without "\/"/],
    ['no token', { endpoint: 'http://h/v1.0/p' }, /give token .* or getToken/],
    ['both token and getToken', { endpoint: 'http://h/v1.0/p', token: 't', getToken: () => 't' }, /either token or getToken, not both/],
    ['an empty token', { endpoint: 'http://h/v1.0/p', token: '' }, /token must be a non-empty string/],
    ['a getToken that is not a function', { endpoint: 'http://h/v1.0/p', getToken: 'abc' }, /getToken must be a function/],
    ['a negative timeout', { endpoint: 'http://h/v1.0/p', token: 't', timeoutMs: -1 }, /timeoutMs must be a number/],
    ['a timeout that is a string', { endpoint: 'http://h/v1.0/p', token: 't', timeoutMs: '5s' }, /timeoutMs must be a number/],
    ['a fetch that is not a function', { endpoint: 'http://h/v1.0/p', token: 't', fetch: {} }, /fetch must be a function/],
    ['a signal that is not one', { endpoint: 'http://h/v1.0/p', token: 't', signal: {} }, /signal must be an AbortSignal/],
    ['a header that is not a string', { endpoint: 'http://h/v1.0/p', token: 't', headers: { 'X-N': 1 } }, /header X-N must be a string/],
    ['the token as a header', { endpoint: 'http://h/v1.0/p', token: 't', headers: { 'x-auth-token': 'u' } }, /not as a header/],
    ['retry: true', { endpoint: 'http://h/v1.0/p', token: 't', retry: true }, /retry must be false or/],
    ['a fractional retry count', { endpoint: 'http://h/v1.0/p', token: 't', retry: { retries: 1.5 } }, /whole number/],
    [
      'delays the wrong way round',
      { endpoint: 'http://h/v1.0/p', token: 't', retry: { minDelayMs: 10, maxDelayMs: 1 } },
      /minDelayMs must not be greater/,
    ],
  ])('%s', (_name, options, message) => {
    expect(() => create(options)).toThrow(TypeError);
    expect(() => create(options)).toThrow(message);
  });

  it('an empty ID is refused before anything is sent', async () => {
    const sent: string[] = [];
    const client = createBackupsClient({
      endpoint: 'http://h/v1.0/p',
      token: 't',
      fetch: async (url) => {
        sent.push(url);
        return new Response('{}');
      },
    });
    await expect(client.delete('')).rejects.toThrow(/backupId must be a non-empty string/);
    await expect(client.get(' ')).rejects.toThrow(TypeError);
    await expect(client.listForInstance('')).rejects.toThrow(/instanceId/);
    await expect(client.listAllForInstance('').next()).rejects.toThrow(/instanceId/);
    await expect(client.list({}, { timeoutMs: -5 })).rejects.toThrow(/timeoutMs must be a number/);
    expect(sent).toEqual([]);
  });
});

describe('the User-Agent', () => {
  it('names the package and the version of package.json', () => {
    const pkg = readJson<{ name: string; version: string }>('package.json');
    expect([PACKAGE_NAME, PACKAGE_VERSION]).toEqual([pkg.name, pkg.version]);
  });
});
