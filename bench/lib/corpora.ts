/** Stores the benchmarks share. */
import { loadTemplateStore, type TemplateStore } from '../../src/templates/index.ts'
import { PROJECT_ROOT } from './fixtures.ts'

/** The expanded store shipped in configs/templates. */
export async function loadExpandedStore(): Promise<TemplateStore> {
  return loadTemplateStore(`${PROJECT_ROOT}configs/templates/expanded.json`)
}
