// Password hashing with argon2id (OWASP's first choice), through @node-rs/argon2.
import { Algorithm, hash, verify } from "@node-rs/argon2";

const options = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password as an argon2id PHC string. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** True when `password` matches `passwordHash`; false for any malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Makes the dummy hash ahead of time. */
export async function warmUpPasswordHashing(): Promise<void> {
  dummyHash ??= hashPassword("quire-dummy-password-for-timing");
  await dummyHash;
}

/** Spends the time of one verification, so that an unknown login takes as long as a wrong password. */
export async function verifyNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword("quire-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
}
