import { config } from '../config';
import { AddressLimiter } from './throttle';
import { sha256Hex } from './tokens';

/**
 * Failed sign-ins, recoveries and unlocks per network address and account name, counted by every
 * server process together (throttle.ts). Per name too, so that one noisy address (a carrier's NAT, shared Wi-Fi, a proxy) never
 * locks out the others behind it; a browser that signed in to the account before is not held
 * by it at all (devices.ts). Trying many names from one address is held by each name's own lock.
 */
export const failedAttemptsByAddress = new AddressLimiter('sign_in', config.signInLimitPerAddress);

/** The limiter's key for an address and a name key: hashed, so nothing holds a typed name. */
export const attemptKey = (address: string, nameKey: string): string =>
	sha256Hex(`${address}\n${nameKey}`);
