// Entry of compare's memory-probe child process when running from source (tests, tsx): the child starts
// without the parent's module hooks, so it registers tsx (a dependency) before importing the TypeScript module.
import { register } from 'tsx/esm/api'

register()
await import(process.argv[2])
