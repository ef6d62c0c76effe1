export * from './registry.ts'
export * from './framing.ts'
