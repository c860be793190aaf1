// initTestBed: JIT-compiles Angular in vitest (jsdom) and sets up TestBed once; import it FIRST in a TestBed test.
import '@angular/compiler';
import { getTestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';

const testBed = getTestBed();
// One platform per worker: vitest may evaluate this module once per test file in the same process.
if (!testBed.platform) testBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting());
