import { config } from '../config';
import { AddressLimiter } from './throttle';

/** Failed sign-ins and recovery attempts per network address, kept in memory only. */
export const failedAttemptsByAddress = new AddressLimiter(config.signInLimitPerAddress);
