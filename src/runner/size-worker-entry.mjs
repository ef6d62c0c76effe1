// Entry of the size-pass worker threads: a worker starts without the parent's module hooks, so it
// registers tsx (a dependency) before importing the TypeScript worker named in its workerData.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.module)
