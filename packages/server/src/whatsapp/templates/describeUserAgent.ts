// describeUserAgent: a User-Agent header → "Chrome" + "Windows", the words a confirmation prompt shows the user.

export interface DescribedUserAgent {
  /** Browser family ("Chrome", "Safari", …); null when unknown. */
  browser: string | null;
  /** Operating system ("Windows", "iPhone", …); null when unknown. */
  os: string | null;
}

// Order matters: Chromium-based browsers also say "Chrome", Chrome also says "Safari", Edge on iOS says "Safari".
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bYaBrowser\//, 'Yandex Browser'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|\bChrome\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
];

const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/** Longest header read: a real one is a few hundred characters; the regexes stay cheap on anything longer. */
const MAX_LENGTH = 512;

/**
 * Coarse on purpose: the user only needs to recognise "is that my laptop?", and the header is the client's own
 * claim (an attacker can fake it), so the prompt never presents it as proof — the time and app name matter as much.
 */
export function describeUserAgent(userAgent: string | undefined): DescribedUserAgent {
  const ua = (userAgent ?? '').slice(0, MAX_LENGTH);
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1] ?? null;
  const os = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null;
  return { browser, os };
}
