import { z } from 'zod';
import { fullNamePattern } from './fullNamePattern';

/** The shape of `e.json`, the declaration every element folder holds. */
export const declarationSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    title: z.string().trim().min(1).describe('Display name of the element.'),
    type: z
      .union([z.literal(''), z.string().regex(fullNamePattern, 'must be a fullName such as storages.AwsS3Type')])
      .default('')
      .describe('fullName of the Meta or Type this element builds on; empty for a Meta.'),
    backendBundleEntry: z
      .string()
      .min(1)
      .default('.')
      .describe('Where the element code lives, relative to its folder ("." for the folder itself).'),
    variables: z.array(z.unknown()).default([]).describe('Custom variables; usually empty.'),
  })
  .describe('mti element declaration (e.json)');

export type Declaration = z.output<typeof declarationSchema>;
