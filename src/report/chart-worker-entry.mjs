// Entry of the chart thread when running from source (tests, tsx): a worker starts without the
// parent's module hooks, so it registers tsx (a dependency) before importing the TypeScript module.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.module)
