// Forwarder to @notp/test-utils/contract, kept only until packages/nextjs-sdk/src/AuthProvider.test.ts imports that.
export * from '@notp/test-utils/contract';
