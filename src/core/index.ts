export * from './errors.ts'
export * from './bytes.ts'
export * from './stats.ts'
export * from './types.ts'
