import { z } from 'zod';

/** One assessment of an incubated organisation; each score is 0–100. */
const score = z.number().int().min(0).max(100);
export const assessmentSchema = z
  .object({
    date: z.iso.date(),
    governance: score,
    finance: score,
    services: score,
    volunteers: score,
    note: z.string().max(2000).optional(),
  })
  .strict();

export const milestoneSchema = z
  .object({
    date: z.iso.date(),
    title: z.string().min(1).max(200),
    done: z.boolean().optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const assessmentsSchema = z.array(assessmentSchema).max(200);
export const milestonesSchema = z.array(milestoneSchema).max(200);
