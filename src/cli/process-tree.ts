/**
 * The processes a process started, and theirs (Linux /proc), so that an interrupted CLI can end
 * every child it leaves (an external compressor, whatever that one started) before it exits.
 * Elsewhere (no /proc) the list is empty and children are left to their own stdin EOF.
 */
import { readdirSync, readFileSync } from 'node:fs'

function childrenOf(pid: number): number[] {
  let tasks: string[]
  try {
    tasks = readdirSync(`/proc/${pid}/task`)
  } catch {
    return []
  }
  const children: number[] = []
  for (const task of tasks) {
    try {
      for (const word of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/))
        if (word !== '') children.push(Number(word))
    } catch {
      // the thread ended meanwhile
    }
  }
  return children
}

/** Every descendant of `pid`, parents before their children. */
export function listDescendants(pid: number): number[] {
  const found: number[] = []
  const queue = childrenOf(pid)
  while (queue.length > 0) {
    const next = queue.shift() as number
    if (found.includes(next)) continue
    found.push(next)
    queue.push(...childrenOf(next))
  }
  return found
}
