/**
 * Messages as clustering and drafting see them, held compactly: every distinct token and separator
 * is kept once (an id), and a message is a run of ids in a shared Int32Array (separator, token and
 * role, separator, ..., separator). 100k log lines held as arrays of strings per message (tokens,
 * separators, roles) took about 800 bytes each; as ids, about 200.
 */
import type { TokenRole, TokenizedMessage } from './discovery-tokens.ts'

const ROLES: readonly TokenRole[] = ['value', 'level', 'header', 'word']
const ROLE_CODE: Readonly<Record<TokenRole, number>> = { value: 0, level: 1, header: 2, word: 3 }
/** Ids per chunk of the shared array (4 MB); a message longer than that gets a chunk of its own. */
const CHUNK_IDS = 1 << 20
/** Ids of a pool's first chunk (16 KB); each next one is twice the last, up to CHUNK_IDS. */
const FIRST_CHUNK_IDS = 1 << 12

/** A message of the run: its tokens, separators and token roles, by column. */
export class ClusterMember {
  constructor(
    /** position in the input */
    readonly index: number,
    /** number of tokens */
    readonly width: number,
    private readonly pool: MemberPool,
    private readonly chunk: Int32Array,
    private readonly at: number,
  ) {}

  /** The token at `column` (0 <= column < width). */
  token(column: number): string {
    return this.pool.piece((this.chunk[this.at + 2 * column + 1] as number) >> 2)
  }

  /** The separator before token `column` (`separator(width)`: after the last token). */
  separator(column: number): string {
    return this.pool.piece(this.chunk[this.at + 2 * column] as number)
  }

  role(column: number): TokenRole {
    return ROLES[(this.chunk[this.at + 2 * column + 1] as number) & 3] as TokenRole
  }

  hasRole(role: TokenRole): boolean {
    for (let c = 0; c < this.width; c++) if (this.role(c) === role) return true
    return false
  }

  /** The message: its separators and tokens in order, as one flat string (tokenizeMessage's pieces join to it). */
  text(): string {
    const parts = new Array<string>(2 * this.width + 1)
    for (let c = 0; c < this.width; c++) {
      parts[2 * c] = this.separator(c)
      parts[2 * c + 1] = this.token(c)
    }
    parts[2 * this.width] = this.separator(this.width)
    return parts.join('')
  }

  /** A key equal for two members exactly when their separators are the same strings. */
  separatorKey(): string {
    let key = ''
    for (let c = 0; c <= this.width; c++) key += `${this.chunk[this.at + 2 * c]},`
    return key
  }
}

/** The shared ids and pieces of one discovery run. */
export class MemberPool {
  private readonly pieces: string[] = []
  private ids = new Map<string, number>()
  // the chunks grow from FIRST_CHUNK_IDS: a run of JSON messages clusters no log line or a few, and a
  // first chunk of CHUNK_IDS held 4 MB for them to the end of discovery (round s37-jmem)
  private chunk = new Int32Array(0)
  private used = 0
  // the id of '' once given out (idOf), else -1
  private emptyId = -1

  piece(id: number): string {
    return this.pieces[id] as string
  }

  /** The member of a tokenized message and its roles. */
  add(index: number, tokenized: TokenizedMessage, roles: readonly TokenRole[]): ClusterMember {
    const width = tokenized.tokens.length
    const need = 2 * width + 1
    if (this.used + need > this.chunk.length) {
      const next = Math.min(CHUNK_IDS, Math.max(FIRST_CHUNK_IDS, 2 * this.chunk.length))
      this.chunk = new Int32Array(Math.max(next, need))
      this.used = 0
    }
    const at = this.used
    for (let c = 0; c < width; c++) {
      this.chunk[at + 2 * c] = this.idOf(tokenized.separators[c] as string)
      this.chunk[at + 2 * c + 1] = (this.idOf(tokenized.tokens[c] as string) << 2) | ROLE_CODE[roles[c] as TokenRole]
    }
    this.chunk[at + 2 * width] = this.idOf(tokenized.separators[width] as string)
    this.used += need
    return new ClusterMember(index, width, this, this.chunk, at)
  }

  /** No more members will be added: the lookup from piece to id is let go (the pieces stay). */
  seal(): void {
    this.ids = new Map()
    this.emptyId = -1
  }

  private idOf(piece: string): number {
    // the empty piece is most of a JSON message's (every separator, and every value's token): its id is kept
    // aside instead of looked up (round s42-jtime); it is given out in turn as any other piece
    if (piece === '' && this.emptyId >= 0) return this.emptyId
    let id = this.ids.get(piece)
    if (id === undefined) {
      id = this.pieces.length
      const own = ownCopy(piece)
      this.pieces.push(own)
      this.ids.set(own, id)
      if (piece === '') this.emptyId = id
    }
    return id
  }
}

/**
 * `piece` as a string that holds no other: V8 keeps a slice of 13 characters or more as a view of the
 * string it was cut from, and a token cut from a message would keep the whole message. Slicing a
 * fresh concatenation makes V8 copy the characters into a string of the piece's own size.
 */
function ownCopy(piece: string): string {
  return piece.length < 13 ? piece : ` ${piece}`.slice(1)
}
