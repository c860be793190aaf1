// @vitest-environment jsdom
// notpInterceptor through a real HttpClient (TestBed + HttpTestingController): which requests get the session token.
import './internal/testing/initTestBed.js';
import { HttpClient, HttpHeaders, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SESSION_TOKEN_KEY } from '@notp/web-js-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotpAuthConfig } from './NotpAuthConfig.js';
import { notpInterceptor } from './notpInterceptor.js';
import { provideNotp } from './provideNotp.js';

const PROJECT_ID = 'P2abcdefghijklmnopqrstuvwxyz';
const TOKEN = 'header.payload.signature';
const page = window.location.origin; // jsdom's page, e.g. http://localhost:3000

afterEach(() => {
  TestBed.resetTestingModule();
  localStorage.clear();
});

/** The Authorization header that reached the backend for `url`, or null. */
function sentAuthorization(url: string, config: Partial<NotpAuthConfig> = {}, headers?: HttpHeaders): string | null {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({
    providers: [
      provideNotp({ projectId: PROJECT_ID, baseUrl: 'https://auth.example.com', ...config }),
      provideHttpClient(withInterceptors([notpInterceptor])),
      provideHttpClientTesting(),
    ],
  });
  const http = TestBed.inject(HttpClient);
  const backend = TestBed.inject(HttpTestingController);
  http.get(url, { headers }).subscribe();
  const request = backend.expectOne(() => true);
  backend.verify();
  return request.request.headers.get('Authorization');
}

describe('notpInterceptor', () => {
  describe('signed in: default targets are the page origin and baseUrl only', () => {
    it.each([
      ['/api/orders', `Bearer ${TOKEN}`],
      [`${page}/api/orders?x=1`, `Bearer ${TOKEN}`],
      ['https://auth.example.com/v1/thing', `Bearer ${TOKEN}`],
      ['https://evil.example.net/collect', null],
      ['https://auth.example.com.evil.net/x', null],
      ['http://auth.example.com/x', null], // other scheme, other origin
      ['https://api.example.com/x', null],
    ])('%s → %s', (url, expected) => {
      localStorage.setItem(SESSION_TOKEN_KEY, TOKEN);
      expect(sentAuthorization(url)).toBe(expected);
    });
  });

  describe('signed in: interceptUrls replaces the defaults', () => {
    const rules: NotpAuthConfig['interceptUrls'] = [
      '/api',
      'https://api.example.com/v2/',
      /^https:\/\/files\.example\.com\//,
    ];
    it.each([
      ['/api', true],
      ['/api/orders', true],
      ['/apix', false],
      ['/other', false],
      ['https://api.example.com/v2/users', true],
      ['https://api.example.com/v1/users', false],
      ['https://files.example.com/a.png', true],
      ['https://auth.example.com/v1/thing', false], // baseUrl is no longer a default
    ])('%s → %s', (url, attached) => {
      localStorage.setItem(SESSION_TOKEN_KEY, TOKEN);
      expect(sentAuthorization(url, { interceptUrls: rules })).toBe(attached ? `Bearer ${TOKEN}` : null);
    });

    it('a predicate decides alone', () => {
      localStorage.setItem(SESSION_TOKEN_KEY, TOKEN);
      const interceptUrls = (url: URL) => url.hostname === 'partner.example.org';
      expect(sentAuthorization('https://partner.example.org/x', { interceptUrls })).toBe(`Bearer ${TOKEN}`);
      expect(sentAuthorization('/api/orders', { interceptUrls })).toBeNull();
    });
  });

  it('signed out: no header is added', () => {
    expect(sentAuthorization('/api/orders')).toBeNull();
  });

  it('keeps an Authorization header the app set itself', () => {
    localStorage.setItem(SESSION_TOKEN_KEY, TOKEN);
    expect(sentAuthorization('/api/orders', {}, new HttpHeaders({ Authorization: 'Basic abc' }))).toBe('Basic abc');
  });
});
