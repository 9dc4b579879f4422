import { z } from 'zod';

/**
 * The optional argument of every long method: an id the caller picks, so it
 * can poll `jobs.get` for progress and call `jobs.cancel` while the call runs.
 */
export const jobId = z.string().min(1).max(100).optional();
