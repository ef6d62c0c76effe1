export * from './registry.ts'
export * from './framing.ts'
export { minPayloadBytes } from './payload-bounds.ts'
