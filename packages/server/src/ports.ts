// Ports of the process itself: the clock and the secure random source every flow takes through Deps.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface Random {
  /** Cryptographically secure random bytes. */
  bytes(n: number): Buffer;
}
