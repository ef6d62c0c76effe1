// s39-jgen generator of JSON streams in shapes unlike the shared corpora's, for held-out checks of JSON discovery.
// usage: node bench/generate-json.mjs <outdir> [seed=39] [count=3000]   (round s39-jgen; no network, deterministic)
// Writes <outdir>/<stream>/messages.jsonl ({"text": <message>} per line, as the shared corpora) and
// <outdir>/<stream>/recordings.tsv (first_line, n_messages, recording: one row per response / connection / process),
// so `npx tsx bench/discovery.ts --per-recording --jsonl <outdir>/<stream>/messages.jsonl` splits each recording in order.
// `count` is the number of messages per stream (the last recording is cut to it). Written before any figure was
// measured on its output; see docs/rounds/s39-jgen.md.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const [out, seedArg = '39', countArg = '3000'] = process.argv.slice(2)
if (!out || !/^\d+$/.test(seedArg) || !/^\d+$/.test(countArg) || Number(countArg) < 1) {
  console.error('usage: node bench/generate-json.mjs <outdir> [seed (integer)] [count (messages per stream, >= 1)]')
  process.exit(2)
}
const COUNT = Number(countArg)
let s = Number(seedArg) >>> 0
const rnd = () => {
  s = (s + 0x6d2b79f5) >>> 0
  let t = s
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const int = (a, b) => a + Math.floor(rnd() * (b - a + 1))
const pick = (xs) => xs[Math.floor(rnd() * xs.length)]
const chance = (p) => rnd() < p
const wpick = (xs) => {
  const tot = xs.reduce((a, x) => a + x[0], 0)
  let r = rnd() * tot
  for (const x of xs) {
    r -= x[0]
    if (r < 0) return x[1]
  }
  return xs[xs.length - 1][1]
}
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('')
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const b62 = (n) => Array.from({ length: n }, () => B62[int(0, 61)]).join('')
const lower36 = (n) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[int(0, 35)]).join('')
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`
const pad = (n, w = 2) => String(n).padStart(w, '0')
const iso = (ms) => new Date(ms).toISOString()
const isoMicro = (ms) => `${new Date(ms).toISOString().slice(0, 19)}.${pad(ms % 1000, 3)}${pad(int(0, 999), 3)}Z`
const isoSec = (ms) => `${new Date(ms).toISOString().slice(0, 19)}Z`
const fixed = (x, d) => x.toFixed(d)
/** A random walk of a price, kept positive. */
const walk = (start, step) => {
  let p = start
  return () => {
    p = Math.max(step, p + (rnd() - 0.5) * 2 * step)
    return p
  }
}

const streams = []
/** Adds a stream: `recording()` returns [name, messages] for one recording, called until `count` messages. */
function stream(name, recording) {
  const rows = []
  const messages = []
  while (messages.length < COUNT) {
    const [label, list] = recording(rows.length)
    const take = list.slice(0, COUNT - messages.length)
    if (take.length === 0) continue
    rows.push({ first: messages.length + 1, n: take.length, label })
    messages.push(...take)
  }
  streams.push({ name, rows, messages })
}

// ---------- text for LLM deltas: several languages, unicode, code, chunked as tokenizers chunk
const TEXTS = [
  'The quick answer is that the cache is invalidated on every deploy, so the first request after a release pays the full cost of warming it. You can avoid that by pre-warming the cache in a readiness probe.',
  'Voici un résumé : la fonction lit le fichier ligne par ligne, ignore les commentaires et renvoie un dictionnaire. Les clés dupliquées déclenchent une erreur explicite, ce qui évite les surprises.',
  'Kurz gesagt: Die Größe des Puffers hängt von der Nachrichtenlänge ab. Für Nachrichten über 64 KiB wird ein zweiter Durchlauf benötigt, und die Prüfsumme wird danach berechnet.',
  'はい、できます。まず設定ファイルを開いて、タイムアウトの値を30秒に変更してください。その後、サービスを再起動すると変更が反映されます。',
  'Sure! Here is a small example:\n\n```python\ndef fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n```\n\nThis runs in O(n) time and O(1) space. 🚀',
  'Основная причина в том, что индекс не используется: условие WHERE применяет функцию к столбцу. Перепишите запрос так, чтобы функция применялась к константе.',
  'I checked the three options:\n1. **Retry with backoff** – simplest, but hides outages.\n2. **Circuit breaker** – better under sustained failure.\n3. **Queue and replay** – most robust, more moving parts.\n\nI would start with option 2.',
  '¿Por qué ocurre? El servidor devuelve 429 cuando se superan 100 peticiones por minuto; el cliente debería leer la cabecera Retry-After y esperar ese número de segundos.',
  'The weather in Paris is 18°C and partly cloudy, with a light breeze from the west. Tomorrow looks similar — a high of 20°C and a 10% chance of rain ☀️.',
]
/** Cuts a text into chunks of 1-4 words (or a few characters of CJK), as streamed deltas. */
function chunks(text) {
  const out = []
  let i = 0
  while (i < text.length) {
    let j = i
    if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text[i])) j = i + int(1, 4)
    else {
      const words = int(1, 3)
      for (let w = 0; w < words && j < text.length; w++) {
        do j++
        while (j < text.length && !/[\s\n]/.test(text[j]))
      }
    }
    j = Math.min(j, text.length)
    // never split a surrogate pair
    if (j < text.length && /[\udc00-\udfff]/.test(text[j])) j++
    out.push(text.slice(i, j))
    i = j
  }
  return out
}
/** Cuts a JSON text into partial strings of 1-14 characters (input_json_delta / arguments deltas). */
function partial(json) {
  const out = []
  for (let i = 0; i < json.length; ) {
    const n = int(1, 14)
    out.push(json.slice(i, i + n))
    i += n
  }
  return out
}
const CITIES = ['San Francisco, CA', 'München', 'Tōkyō', 'São Paulo', 'Paris', 'Kraków', 'Reykjavík', 'Nairobi']
const TOOLS = [
  ['get_weather', () => ({ location: pick(CITIES), unit: pick(['celsius', 'fahrenheit']) })],
  ['search_docs', () => ({ query: pick(['retry backoff', 'rate limit headers', 'cache warm-up', 'index not used']), top_k: int(3, 10) })],
  ['run_sql', () => ({ sql: `SELECT id, name FROM users WHERE created_at > '2026-0${int(1, 9)}-1${int(0, 9)}' LIMIT ${int(5, 50)}`, timeout_ms: pick([1000, 5000, 30000]) })],
  ['create_ticket', () => ({ title: pick(['Login fails on Safari', 'Export times out', 'Wrong currency symbol']), priority: pick(['low', 'medium', 'high']), labels: ['bug', pick(['web', 'api', 'billing'])].slice(0, int(1, 2)) })],
]

// ---------- anthropic-sse: Messages API streaming events (message_start, content blocks, deltas, ping, message_delta)
stream('anthropic-sse', () => {
  const msgs = []
  const id = `msg_01${b62(22)}`
  const model = pick(['claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022', 'claude-opus-4-1-20250805'])
  const input = int(12, 4000)
  const cacheRead = chance(0.3) ? int(1000, 20000) : 0
  msgs.push({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: input, cache_creation_input_tokens: chance(0.2) ? int(100, 3000) : 0, cache_read_input_tokens: cacheRead, output_tokens: int(1, 3), service_tier: 'standard' } } })
  let index = 0
  let outTokens = 0
  const ping = () => {
    if (chance(0.08)) msgs.push({ type: 'ping' })
  }
  if (chance(0.25)) {
    msgs.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } })
    for (const c of chunks(pick(TEXTS).slice(0, int(40, 160)))) {
      msgs.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: c } })
      ping()
    }
    msgs.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: Buffer.from(hex(int(60, 120)), 'hex').toString('base64') } })
    msgs.push({ type: 'content_block_stop', index })
    index++
  }
  msgs.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } })
  if (chance(0.5)) msgs.push({ type: 'ping' })
  const text = pick(TEXTS)
  for (const c of chunks(chance(0.5) ? text : text.slice(0, int(20, text.length)))) {
    msgs.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: c } })
    outTokens += int(1, 3)
    ping()
  }
  msgs.push({ type: 'content_block_stop', index })
  let stop = 'end_turn'
  if (chance(0.45)) {
    index++
    const [name, args] = pick(TOOLS)
    msgs.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: `toolu_01${b62(22)}`, name, input: {} } })
    msgs.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '' } })
    for (const p of partial(JSON.stringify(args()))) {
      msgs.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: p } })
      outTokens += 1
    }
    msgs.push({ type: 'content_block_stop', index })
    stop = 'tool_use'
  } else if (chance(0.1)) stop = 'max_tokens'
  msgs.push({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: outTokens + int(0, 5) } })
  msgs.push({ type: 'message_stop' })
  return [`${model} ${id}`, msgs.map((m) => JSON.stringify(m))]
})

// ---------- gemini-stream: streamGenerateContent?alt=sse chunks, printed with Python's separators (", " and ": ")
const py = (v) =>
  Array.isArray(v)
    ? `[${v.map(py).join(', ')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.entries(v)
          .map(([k, x]) => `${JSON.stringify(k)}: ${py(x)}`)
          .join(', ')}}`
      : JSON.stringify(v)
stream('gemini-stream', () => {
  const msgs = []
  const model = pick(['gemini-2.0-flash', 'gemini-1.5-pro-002', 'gemini-2.5-flash-preview-05-20'])
  const responseId = b62(22).replace(/[A-Z]/g, (c) => (chance(0.5) ? c.toLowerCase() : c))
  const prompt = int(5, 3000)
  let cand = 0
  const pieces = chunks(pick(TEXTS))
  // Gemini sends bigger chunks than token streams: join 2-6 pieces
  const parts = []
  for (let i = 0; i < pieces.length; ) {
    const n = int(2, 6)
    parts.push(pieces.slice(i, i + n).join(''))
    i += n
  }
  const cats = ['HARM_CATEGORY_HATE_SPEECH', 'HARM_CATEGORY_DANGEROUS_CONTENT', 'HARM_CATEGORY_HARASSMENT', 'HARM_CATEGORY_SEXUALLY_EXPLICIT']
  const withSafety = chance(0.6)
  parts.forEach((t, i) => {
    cand += int(3, 25)
    const last = i === parts.length - 1
    const c = { content: { parts: [{ text: t }], role: 'model' } }
    if (last) c.finishReason = pick(['STOP', 'STOP', 'STOP', 'MAX_TOKENS'])
    if (withSafety && (i === 0 || last || chance(0.5))) c.safetyRatings = cats.map((category) => ({ category, probability: wpick([[9, 'NEGLIGIBLE'], [1, 'LOW']]) }))
    if (last && chance(0.2)) c.citationMetadata = { citationSources: [{ startIndex: int(0, 50), endIndex: int(60, 200), uri: `https://example.org/docs/${lower36(8)}` }] }
    c.index = 0
    const usage = { promptTokenCount: prompt, candidatesTokenCount: cand, totalTokenCount: prompt + cand }
    if (last && chance(0.5)) usage.promptTokensDetails = [{ modality: 'TEXT', tokenCount: prompt }]
    msgs.push(py({ candidates: [c], usageMetadata: usage, modelVersion: model, responseId }))
  })
  return [`${model} ${responseId}`, msgs]
})

// ---------- openai-responses: Responses API streaming events with sequence numbers
stream('openai-responses', () => {
  const msgs = []
  let seq = 0
  const respId = `resp_${hex(48)}`
  const model = pick(['gpt-4.1-2025-04-14', 'gpt-4o-mini-2024-07-18', 'o4-mini-2025-04-16'])
  const created = 1751000000 + int(0, 9000000)
  const base = (status, output, usage) => ({ id: respId, object: 'response', created_at: created, status, error: null, incomplete_details: null, instructions: null, max_output_tokens: null, model, output, parallel_tool_calls: true, previous_response_id: null, reasoning: { effort: null, summary: null }, store: true, temperature: 1.0, text: { format: { type: 'text' } }, tool_choice: 'auto', tools: [], top_p: 1.0, truncation: 'disabled', usage, user: null, metadata: {} })
  const ev = (o) => msgs.push(JSON.stringify({ type: o.type, sequence_number: seq++, ...Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'type')) }))
  ev({ type: 'response.created', response: base('in_progress', [], null) })
  ev({ type: 'response.in_progress', response: base('in_progress', [], null) })
  const output = []
  let oi = 0
  if (chance(0.4)) {
    const [name, args] = pick(TOOLS)
    const itemId = `fc_${hex(48)}`
    const callId = `call_${b62(24)}`
    const a = JSON.stringify(args())
    ev({ type: 'response.output_item.added', output_index: oi, item: { id: itemId, type: 'function_call', status: 'in_progress', arguments: '', call_id: callId, name } })
    for (const d of partial(a)) ev({ type: 'response.function_call_arguments.delta', item_id: itemId, output_index: oi, delta: d })
    ev({ type: 'response.function_call_arguments.done', item_id: itemId, output_index: oi, arguments: a })
    const item = { id: itemId, type: 'function_call', status: 'completed', arguments: a, call_id: callId, name }
    ev({ type: 'response.output_item.done', output_index: oi, item })
    output.push(item)
    oi++
  }
  const itemId = `msg_${hex(48)}`
  ev({ type: 'response.output_item.added', output_index: oi, item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' } })
  ev({ type: 'response.content_part.added', item_id: itemId, output_index: oi, content_index: 0, part: { type: 'output_text', annotations: [], logprobs: [], text: '' } })
  const text = pick(TEXTS)
  for (const d of chunks(text)) ev({ type: 'response.output_text.delta', item_id: itemId, output_index: oi, content_index: 0, delta: d, logprobs: [] })
  ev({ type: 'response.output_text.done', item_id: itemId, output_index: oi, content_index: 0, text, logprobs: [] })
  const part = { type: 'output_text', annotations: [], logprobs: [], text }
  ev({ type: 'response.content_part.done', item_id: itemId, output_index: oi, content_index: 0, part })
  const item = { id: itemId, type: 'message', status: 'completed', content: [part], role: 'assistant' }
  ev({ type: 'response.output_item.done', output_index: oi, item })
  output.push(item)
  const inTok = int(20, 3000)
  const outTok = int(20, 600)
  ev({ type: 'response.completed', response: base('completed', output, { input_tokens: inTok, input_tokens_details: { cached_tokens: chance(0.3) ? int(0, inTok) : 0 }, output_tokens: outTok, output_tokens_details: { reasoning_tokens: model.startsWith('o') ? int(0, outTok) : 0 }, total_tokens: inTok + outTok }) })
  return [`${model} ${respId}`, msgs]
})

// ---------- market data: one connection per recording, several symbols, random-walk prices
const SYMBOLS = [
  ['BTC', 'USDT', 64000, 2, 5],
  ['ETH', 'USDT', 3100, 2, 4],
  ['SOL', 'USDT', 145, 3, 2],
  ['DOGE', 'USDT', 0.16, 5, 0],
  ['XRP', 'USDT', 0.52, 4, 1],
  ['ADA', 'BTC', 0.0000071, 8, 1],
]
const marketClock = () => {
  let t = Date.UTC(2026, 3, int(1, 28), int(0, 23), int(0, 59), int(0, 59)) + int(0, 999)
  return (lo = 0, hi = 250) => (t += int(lo, hi))
}
const qty = (decimals, scale) => fixed(rnd() ** 3 * scale + 10 ** -decimals, decimals)

// binance-raw: single raw streams (no combined wrapper): trade, diff depth, markPrice (futures), forceOrder
stream('binance-raw', (n) => {
  const msgs = []
  const syms = SYMBOLS.slice(0, int(2, 5))
  const px = new Map(syms.map(([b, q, p, d]) => [b + q, walk(p, p * 0.0004)]))
  const tradeId = new Map(syms.map(([b, q]) => [b + q, int(1e8, 4e9)]))
  const upd = new Map(syms.map(([b, q]) => [b + q, int(1e9, 6e10)]))
  const now = marketClock()
  const len = int(500, 1500)
  const futures = n % 2 === 1
  while (msgs.length < len) {
    const [b, q, , d, qd] = pick(syms)
    const sym = b + q
    const T = now()
    const p = px.get(sym)()
    const kind = wpick([[55, 'trade'], [30, 'depth'], [futures ? 12 : 0, 'mark'], [futures ? 1 : 0, 'force']])
    if (kind === 'trade') {
      const t = tradeId.get(sym) + 1
      tradeId.set(sym, t)
      const m = { e: 'trade', E: T + int(0, 3), s: sym, t, p: fixed(p, d), q: qty(qd + 3, 2), T, m: chance(0.5) }
      if (!futures) m.M = true
      else m.X = 'MARKET'
      msgs.push(JSON.stringify(m))
    } else if (kind === 'depth') {
      const U = upd.get(sym) + 1
      const u = U + int(0, 40)
      upd.set(sym, u)
      const side = (sign) => Array.from({ length: int(0, 12) }, () => [fixed(p + sign * int(1, 60) * 10 ** -d, d), chance(0.2) ? fixed(0, qd + 3) : qty(qd + 3, 40)])
      const m = { e: 'depthUpdate', E: T, s: sym, U, u, b: side(-1), a: side(1) }
      if (futures) Object.assign(m, { T: T - int(1, 8), pu: U - 1 })
      msgs.push(JSON.stringify(m))
    } else if (kind === 'mark') {
      msgs.push(JSON.stringify({ e: 'markPriceUpdate', E: T, s: sym, p: fixed(p, d + 6), P: fixed(p * (1 + (rnd() - 0.5) * 0.001), d + 6), i: fixed(p * (1 + (rnd() - 0.5) * 0.0005), d + 6), r: fixed((rnd() - 0.3) * 0.0002, 8), T: Math.ceil(T / 28800000) * 28800000 }))
    } else {
      msgs.push(JSON.stringify({ e: 'forceOrder', E: T, o: { s: sym, S: pick(['SELL', 'BUY']), o: 'LIMIT', f: 'IOC', q: qty(qd + 1, 10), p: fixed(p * 0.99, d), ap: fixed(p, d), X: 'FILLED', l: qty(qd + 1, 5), z: qty(qd + 1, 10), T } }))
    }
  }
  return [`wss://${futures ? 'fstream.binance.com/ws' : 'stream.binance.com:9443/ws'} connection ${n}`, msgs]
})

// kraken-v1: messages are top-level JSON arrays [channelID, payload, channelName, pair]; heartbeats and status objects
stream('kraken-v1', (n) => {
  const msgs = []
  const pairs = [['XBT/USD', 64000, 1], ['ETH/EUR', 2900, 2], ['SOL/USD', 145, 2], ['DOT/USD', 6.5, 4], ['XDG/USD', 0.16, 7]].slice(0, int(2, 5))
  const px = pairs.map(([, p]) => walk(p, p * 0.0004))
  const chan = pairs.map(() => ({ ticker: int(100, 999), trade: int(100, 999), book: int(100, 999) }))
  const now = marketClock()
  msgs.push(JSON.stringify({ connectionID: int(1e17, 9e17), event: 'systemStatus', status: 'online', version: '1.9.1' }))
  for (const [i, [pair]] of pairs.entries())
    for (const name of ['ticker', 'trade', 'book'])
      msgs.push(JSON.stringify({ channelID: chan[i][name], channelName: name === 'book' ? 'book-10' : name, event: 'subscriptionStatus', pair, status: 'subscribed', subscription: name === 'book' ? { depth: 10, name: 'book' } : { name } }))
  const len = int(400, 1400)
  const ts = (t) => `${Math.floor(t / 1000)}.${pad(t % 1000, 3)}${pad(int(0, 999), 3)}`
  while (msgs.length < len) {
    const i = int(0, pairs.length - 1)
    const [pair, , d] = pairs[i]
    const t = now()
    const p = px[i]()
    const kind = wpick([[4, 'hb'], [20, 'ticker'], [30, 'trade'], [46, 'book']])
    const price = (x) => fixed(x, d)
    if (kind === 'hb') msgs.push(JSON.stringify({ event: 'heartbeat' }))
    else if (kind === 'ticker') {
      const lot = () => [price(p + (rnd() - 0.5) * p * 0.001), int(0, 40), qty(8, 30)]
      msgs.push(JSON.stringify([chan[i].ticker, { a: lot(), b: lot(), c: [price(p), qty(8, 2)], v: [qty(8, 9000), qty(8, 20000)], p: [price(p * 0.999), price(p * 1.001)], t: [int(1000, 40000), int(20000, 90000)], l: [price(p * 0.97), price(p * 0.95)], h: [price(p * 1.02), price(p * 1.04)], o: [price(p * 0.99), price(p * 1.01)] }, 'ticker', pair]))
    } else if (kind === 'trade') {
      const trades = Array.from({ length: int(1, 4) }, () => [price(p), qty(8, 3), ts(t), pick(['b', 's']), pick(['l', 'm', 'm']), ''])
      msgs.push(JSON.stringify([chan[i].trade, trades, 'trade', pair]))
    } else {
      const level = (sign) => {
        const l = [price(p + sign * int(1, 30) * 10 ** -d), chance(0.15) ? '0.00000000' : qty(8, 20), ts(t)]
        if (chance(0.05)) l.push('r')
        return l
      }
      const side = chance(0.5) ? 'a' : 'b'
      const m = { [side]: Array.from({ length: int(1, 3) }, () => level(side === 'a' ? 1 : -1)) }
      if (chance(0.15)) m[side === 'a' ? 'b' : 'a'] = [level(side === 'a' ? -1 : 1)]
      m.c = String(int(1e8, 4294967295))
      msgs.push(JSON.stringify([chan[i].book, m, 'book-10', pair]))
    }
  }
  return [`wss://ws.kraken.com connection ${n}`, msgs]
})

// coinbase-advanced: Advanced Trade websocket envelopes (channel, client_id, timestamp, sequence_num, events[])
stream('coinbase-advanced', (n) => {
  const msgs = []
  const prods = [['BTC-USD', 64000, 2], ['ETH-USD', 3100, 2], ['SOL-USD', 145, 2], ['LINK-USD', 14.2, 3], ['USDT-USD', 1.0002, 5]].slice(0, int(2, 5))
  const px = prods.map(([, p]) => walk(p, p * 0.0003))
  const now = marketClock()
  let seq = 0
  const env = (channel, t, events) => msgs.push(JSON.stringify({ channel, client_id: '', timestamp: isoMicro(t).replace(/\d{3}Z$/, `${pad(int(0, 999), 3)}Z`), sequence_num: seq++, events }))
  env('subscriptions', now(), [{ subscriptions: { level2: prods.map(([id]) => id), ticker: prods.map(([id]) => id), heartbeats: ['heartbeats'] } }])
  let hb = int(1, 5000)
  const len = int(500, 1500)
  while (msgs.length < len) {
    const i = int(0, prods.length - 1)
    const [id, , d] = prods[i]
    const t = now(0, 400)
    const p = px[i]()
    const kind = wpick([[6, 'hb'], [34, 'ticker'], [60, 'l2']])
    if (kind === 'hb') env('heartbeats', t, [{ current_time: `${new Date(t).toISOString().replace('T', ' ').slice(0, 23)}${pad(int(0, 999999), 6)} +0000 UTC m=+${fixed(int(10, 90000) + rnd(), 9)}`, heartbeat_counter: hb++ }])
    else if (kind === 'ticker')
      env('ticker', t, [{ type: 'update', tickers: [{ type: 'ticker', product_id: id, price: fixed(p, d), volume_24_h: fixed(rnd() * 30000, 8), low_24_h: fixed(p * 0.96, d), high_24_h: fixed(p * 1.03, d), low_52_w: fixed(p * 0.5, d), high_52_w: fixed(p * 1.4, d), price_percent_chg_24_h: fixed((rnd() - 0.5) * 8, 8), best_bid: fixed(p - 10 ** -d, d), best_bid_quantity: qty(8, 3), best_ask: fixed(p + 10 ** -d, d), best_ask_quantity: qty(8, 3) }] }])
    else {
      const updates = Array.from({ length: int(1, 8) }, () => {
        const bid = chance(0.5)
        return { side: bid ? 'bid' : 'offer', event_time: isoMicro(t - int(0, 50)), price_level: fixed(p + (bid ? -1 : 1) * int(1, 80) * 10 ** -d, d), new_quantity: chance(0.25) ? '0' : qty(8, 5) }
      })
      env('l2_data', t, [{ type: 'update', product_id: id, updates }])
    }
  }
  return [`wss://advanced-trade-ws.coinbase.com connection ${n}`, msgs]
})

// ---------- structured logs
// pino-api: a Node service's pino lines; keys vary by call site (req/res serializers, err with stack, custom fields)
stream('pino-api', (n) => {
  const msgs = []
  const host = `api-${hex(10)}-${lower36(5)}`
  const pid = int(7, 60000)
  let t = Date.UTC(2026, 4, int(1, 28), int(0, 23), int(0, 59)) + int(0, 59999)
  let reqN = 0
  const routes = [['GET', '/api/v1/orders/:id', () => `/api/v1/orders/${int(1000, 99999)}`], ['POST', '/api/v1/orders', () => '/api/v1/orders'], ['GET', '/api/v1/users/me', () => '/api/v1/users/me'], ['GET', '/health', () => '/health'], ['PATCH', '/api/v1/carts/:id', () => `/api/v1/carts/${uuid()}`], ['GET', '/api/v1/search', () => `/api/v1/search?q=${pick(['shoes', 'red+dress', 'caf%C3%A9', 'usb-c'])}&page=${int(1, 9)}`]]
  const len = int(300, 900)
  msgs.push(JSON.stringify({ level: 30, time: t, pid, hostname: host, msg: `Server listening at http://0.0.0.0:${pick([3000, 8080])}` }))
  while (msgs.length < len) {
    t += int(0, 900)
    const kind = wpick([[40, 'in'], [40, 'out'], [6, 'db'], [4, 'warn'], [3, 'err'], [5, 'cache'], [2, 'job']])
    const base = { level: 30, time: t, pid, hostname: host }
    const reqId = `req-${(++reqN).toString(36)}`
    const [method, , url] = pick(routes)
    if (kind === 'in') msgs.push(JSON.stringify({ ...base, reqId, req: { method, url: url(), hostname: pick(['shop.example.com', 'api.example.com']), remoteAddress: `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`, remotePort: int(1024, 65535) }, msg: 'incoming request' }))
    else if (kind === 'out') msgs.push(JSON.stringify({ ...base, reqId, res: { statusCode: wpick([[80, 200], [8, 201], [5, 404], [4, 400], [3, 500]]) }, responseTime: Math.round(rnd() ** 2 * 800 * 1e4) / 1e4 + 0.1, msg: 'request completed' }))
    else if (kind === 'db') msgs.push(JSON.stringify({ ...base, level: 20, module: 'db', query: pick(['orders.findById', 'users.findOne', 'carts.update', 'search.products']), durationMs: int(1, 400), rows: int(0, 50), msg: 'query done' }))
    else if (kind === 'warn') msgs.push(JSON.stringify({ ...base, level: 40, reqId, userId: chance(0.5) ? int(1, 99999) : null, limit: pick([100, 1000]), remaining: 0, msg: 'rate limit reached' }))
    else if (kind === 'err') {
      const e = pick([['TypeError', "Cannot read properties of undefined (reading 'id')"], ['ValidationError', `"quantity" must be greater than or equal to 1`], ['FetchError', 'request to http://inventory:8080/stock failed, reason: connect ECONNREFUSED 10.0.4.7:8080']])
      msgs.push(JSON.stringify({ ...base, level: 50, reqId, err: { type: e[0], message: e[1], stack: `${e[0]}: ${e[1]}\n    at ${pick(['OrderService.create', 'handler', 'Object.validate'])} (/app/src/${pick(['orders', 'carts', 'users'])}/service.js:${int(10, 400)}:${int(5, 40)})\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`, ...(chance(0.5) ? { code: pick(['ECONNREFUSED', 'E_VALIDATION']) } : {}) }, msg: e[1] }))
    } else if (kind === 'cache') msgs.push(JSON.stringify({ ...base, level: 20, cache: pick(['session', 'product', 'price']), key: `${pick(['sess', 'prod', 'px'])}:${lower36(int(6, 12))}`, hit: chance(0.7), ttl: pick([60, 300, 3600]), msg: 'cache lookup' }))
    else msgs.push(JSON.stringify({ ...base, job: pick(['sendReceipt', 'syncStock']), jobId: uuid(), attempt: int(1, 3), msg: pick(['job started', 'job finished']) }))
  }
  return [`${host} pid ${pid} run ${n}`, msgs]
})

// zap-worker: Go zap production logs (ts float seconds, caller, msg, then fields by call site; some ISO8601 ts)
stream('zap-worker', (n) => {
  const msgs = []
  const isoTs = n % 3 === 2
  let t = Date.UTC(2026, 5, int(1, 28), int(0, 23)) + int(0, 3599999)
  const len = int(300, 900)
  const worker = `worker-${int(0, 9)}`
  while (msgs.length < len) {
    t += int(0, 1500)
    const ts = isoTs ? `${new Date(t).toISOString().slice(0, 23)}Z` : Number(`${Math.floor(t / 1000)}.${pad(t % 1000, 3)}${pad(int(0, 999), 3)}`)
    const kind = wpick([[35, 'claim'], [30, 'done'], [10, 'retry'], [5, 'err'], [10, 'metrics'], [10, 'lease']])
    const head = (level, caller, msg) => ({ level, ts, caller, msg })
    if (kind === 'claim') msgs.push(JSON.stringify({ ...head('info', `queue/consumer.go:${pick([142, 151])}`, 'claimed task'), worker, task_id: uuid(), queue: pick(['emails', 'thumbnails', 'exports']), priority: int(0, 9) }))
    else if (kind === 'done') msgs.push(JSON.stringify({ ...head('info', 'queue/consumer.go:210', 'task finished'), worker, task_id: uuid(), duration: `${fixed(rnd() * 4000, 3)}ms`, bytes: int(0, 5e6) }))
    else if (kind === 'retry') msgs.push(JSON.stringify({ ...head('warn', 'queue/retry.go:57', 'retrying task'), task_id: uuid(), attempt: int(1, 5), backoff: pick(['1s', '2s', '4s', '8s', '16s']), error: pick(['context deadline exceeded', 'dial tcp 10.0.3.4:5432: connect: connection refused', 'http2: server sent GOAWAY and closed the connection']) }))
    else if (kind === 'err') msgs.push(JSON.stringify({ ...head('error', 'queue/consumer.go:233', 'task failed'), worker, task_id: uuid(), error: pick(['unsupported image format "webp"', 'export too large: 104857601 > 104857600']), stacktrace: `main.(*Consumer).run\n\t/src/queue/consumer.go:233\nmain.main.func2\n\t/src/main.go:${int(60, 90)}` }))
    else if (kind === 'metrics') msgs.push(JSON.stringify({ ...head('debug', 'metrics/report.go:31', 'queue depth'), depths: { emails: int(0, 500), thumbnails: int(0, 2000), exports: int(0, 20) }, inflight: int(0, 16) }))
    else msgs.push(JSON.stringify({ ...head('info', 'lease/lease.go:88', chance(0.9) ? 'lease renewed' : 'lease lost'), lease: `lease/${worker}`, holder: `${worker}-${hex(5)}`, ttl_seconds: 15 }))
  }
  return [`${worker} run ${n}`, msgs]
})

// k8s-watch: Kubernetes watch events of Pods (ADDED/MODIFIED/DELETED, BOOKMARK); labels, conditions, statuses vary
stream('k8s-watch', (n) => {
  const msgs = []
  let rv = int(1e6, 9e7)
  let t = Date.UTC(2026, 6, int(1, 28), int(0, 23), int(0, 59), int(0, 59))
  const ns = pick(['default', 'shop', 'payments', 'kube-system'])
  const apps = ['web', 'api', 'worker', 'redis', 'ingest']
  const pods = []
  const len = int(150, 500)
  const newPod = () => {
    const app = pick(apps)
    const rs = lower36(10)
    const labels = { app, 'pod-template-hash': rs }
    if (chance(0.5)) labels['app.kubernetes.io/version'] = `1.${int(0, 30)}.${int(0, 9)}`
    if (chance(0.3)) labels.team = pick(['core', 'growth', 'infra'])
    const containers = [{ name: app, image: `registry.example.com/${app}:${hex(7)}`, ports: app === 'worker' ? undefined : [{ containerPort: pick([8080, 6379, 3000]), protocol: 'TCP' }] }]
    if (chance(0.3)) containers.push({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.22.1', ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }] })
    return { name: `${app}-${rs}-${lower36(5)}`, uid: uuid(), labels, rs, app, containers, created: isoSec(t), node: `ip-10-0-${int(0, 255)}-${int(1, 254)}.ec2.internal`, ip: `10.0.${int(0, 255)}.${int(1, 254)}`, phase: 'Pending', restarts: 0 }
  }
  const object = (p) => {
    const conds = [['PodScheduled', 'True']]
    if (p.phase !== 'Pending') conds.push(['Initialized', 'True'], ['ContainersReady', p.phase === 'Running' ? 'True' : 'False'], ['Ready', p.phase === 'Running' ? 'True' : 'False'])
    const status = { phase: p.phase, conditions: conds.map(([type, status]) => ({ type, status, lastProbeTime: null, lastTransitionTime: p.created })) }
    if (p.phase !== 'Pending') {
      status.hostIP = p.node.replace(/^ip-(\d+)-(\d+)-(\d+)-(\d+).*/, '$1.$2.$3.$4')
      status.podIP = p.ip
      status.startTime = p.created
      status.containerStatuses = p.containers.map((c) => ({ name: c.name, state: p.phase === 'Running' ? { running: { startedAt: p.created } } : { terminated: { exitCode: p.phase === 'Succeeded' ? 0 : 137, reason: p.phase === 'Succeeded' ? 'Completed' : 'OOMKilled', startedAt: p.created, finishedAt: isoSec(t) } }, ready: p.phase === 'Running', restartCount: p.restarts, image: c.image, imageID: `${c.image.split(':')[0]}@sha256:${hex(64)}`, containerID: `containerd://${hex(64)}`, started: p.phase === 'Running' }))
    }
    status.qosClass = 'Burstable'
    return { kind: 'Pod', apiVersion: 'v1', metadata: { name: p.name, generateName: `${p.app}-${p.rs}-`, namespace: ns, uid: p.uid, resourceVersion: String(rv), creationTimestamp: p.created, labels: p.labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${p.app}-${p.rs}`, uid: p.rsUid ?? (p.rsUid = uuid()), controller: true, blockOwnerDeletion: true }] }, spec: { containers: p.containers.map((c) => JSON.parse(JSON.stringify({ name: c.name, image: c.image, ports: c.ports, resources: { limits: { memory: pick(['256Mi', '512Mi']) }, requests: { cpu: pick(['100m', '250m']), memory: '128Mi' } } }))), restartPolicy: 'Always', nodeName: p.phase === 'Pending' && chance(0.5) ? undefined : p.node, serviceAccountName: 'default' }, status }
  }
  while (msgs.length < len) {
    t += int(0, 20000)
    rv += int(1, 400)
    const kind = pods.length === 0 ? 'add' : wpick([[20, 'add'], [60, 'mod'], [12, 'del'], [8, 'bookmark']])
    if (kind === 'add') {
      const p = newPod()
      pods.push(p)
      msgs.push(JSON.stringify({ type: 'ADDED', object: object(p) }))
    } else if (kind === 'mod') {
      const p = pick(pods)
      p.phase = wpick([[70, 'Running'], [5, 'Failed'], [5, 'Succeeded'], [20, p.phase]])
      if (chance(0.1)) p.restarts++
      msgs.push(JSON.stringify({ type: 'MODIFIED', object: object(p) }))
    } else if (kind === 'del') {
      const i = int(0, pods.length - 1)
      const p = pods.splice(i, 1)[0]
      const o = object(p)
      o.metadata.deletionTimestamp = isoSec(t)
      o.metadata.deletionGracePeriodSeconds = 30
      msgs.push(JSON.stringify({ type: 'DELETED', object: o }))
    } else msgs.push(JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(rv), annotations: { 'k8s.io/initial-events-end': 'true' } } } }))
  }
  return [`watch /api/v1/namespaces/${ns}/pods run ${n}`, msgs]
})

// ---------- write
for (const { name, rows, messages } of streams) {
  const dir = path.join(out, name)
  mkdirSync(dir, { recursive: true })
  const esc = (t) => JSON.stringify({ text: t }).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029').replace(/\u0085/g, '\\u0085')
  writeFileSync(path.join(dir, 'messages.jsonl'), `${messages.map(esc).join('\n')}\n`)
  writeFileSync(path.join(dir, 'recordings.tsv'), `first_line\tn_messages\trecording\n${rows.map((r) => `${r.first}\t${r.n}\t${r.label}`).join('\n')}\n`)
  console.log(`${name}: ${messages.length} messages, ${rows.length} recordings`)
}
