// SDK_VERSION: the version this package reports in `x-notp-sdk-version` (a test keeps it equal to package.json's).
export const SDK_VERSION = '0.1.0';
export const SDK_NAME = 'web-js';
