/**
 * ISO-8601 timestamps in extended form, kept byte-exact: `2025-10-23`, `2025-10-23T10:30`,
 * `2025-10-23 10:30:00`, `2025-10-23t10:30:00.5z`, `2025-10-23T10:30:00,123456789+02:00`,
 * `...-0530`, `...+05`. Years 0000-9999, real calendar dates, hours 00-23 (no leap second, no 24:00).
 *
 * Frame format: head = descriptor byte, then
 *  - zigzag(days since 2025-01-01), or with a time zigzag(seconds since 2025-01-01T00:00) (minutes
 *    when the text has no seconds): 4 bytes for any instant from late 2020 to early 2029;
 *  - the fraction digits as a digit group (value * 32 + digits - 1), keeping trailing zeros;
 *  - a numeric offset as (hh * 60 + mm) * 2 + (1 for `-`).
 * Descriptor bits: 0-1 separator (0 date only, 1 `T`, 2 space, 3 `t`), 2 seconds present,
 * 3-4 fraction mark (0 none, 1 `.`, 2 `,`), 5-7 zone (0 none, 1 `Z`, 2 `z`, 3 `+hh:mm`, 4 `+hhmm`, 5 `+hh`).
 */
import { type ByteReader, FrameError } from '../core/index.ts'
import type { SlotEncoding } from './slot-encoding.ts'
import { rangeText, type SlotKind } from './slot-kind.ts'
import {
  MAX_DIGIT_GROUP,
  digitGroupHead,
  digitGroupText,
  readHead,
  smallHead,
  unzigzag,
  zigzag,
  type Head,
} from './varint-heads.ts'

const TIMESTAMP = new RegExp(
  String.raw`^(\d{4})-(\d{2})-(\d{2})(?:([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:([.,])(\d{1,${MAX_DIGIT_GROUP}}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$`,
)
const SEPARATORS = ['', 'T', ' ', 't'] as const
const FRACTION_MARKS = ['', '.', ','] as const
/** Days from 1970-01-01 to the encoding epoch 2025-01-01. */
const EPOCH_DAYS = 20089
const MAX_ZONE = (23 * 60 + 59) * 2 + 1
/** Largest zigzagged instant: 10,000 years of seconds, twice. */
const MAX_INSTANT = 2 * 10_000 * 366 * 86_400

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** Date of a day count since 1970-01-01 (Hinnant's civil_from_days). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const month = mp < 10 ? mp + 3 : mp - 9
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1,
  }
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const civil = civilFromDays(daysFromCivil(year, month, day))
  return civil.month === month && civil.day === day
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

/** Zone descriptor and the varint that follows it, or undefined when not representable. */
function zoneParts(zone: string | undefined): { kind: number; head: number | undefined } | undefined {
  if (zone === undefined) return { kind: 0, head: undefined }
  if (zone === 'Z' || zone === 'z') return { kind: zone === 'Z' ? 1 : 2, head: undefined }
  const hours = Number(zone.slice(1, 3))
  const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0
  if (hours > 23 || minutes > 59) return undefined
  const kind = zone.length === 6 ? 3 : zone.length === 5 ? 4 : 5
  return { kind, head: (hours * 60 + minutes) * 2 + (zone[0] === '-' ? 1 : 0) }
}

function encodeTimestamp(value: string, out: SlotEncoding): boolean {
  // every form starts with yyyy-mm-dd: most values fail this before the regex runs
  if (value.length < 10 || value.charCodeAt(4) !== 45) return false
  const p = TIMESTAMP.exec(value)
  if (p === null) return false
  const [year, month, day] = [Number(p[1]), Number(p[2]), Number(p[3])]
  if (!isRealDate(year, month, day)) return false
  const days = daysFromCivil(year, month, day) - EPOCH_DAYS
  if (p[4] === undefined) {
    out.setHead(0)
    out.varint(zigzag(days))
    return true
  }
  const [hours, minutes] = [Number(p[5]), Number(p[6])]
  const seconds = p[7] === undefined ? undefined : Number(p[7])
  const zone = zoneParts(p[10])
  if (hours > 23 || minutes > 59 || (seconds ?? 0) > 59 || zone === undefined) return false
  const instant =
    seconds === undefined ? days * 1440 + hours * 60 + minutes : days * 86_400 + hours * 3600 + minutes * 60 + seconds
  const fractionMark = FRACTION_MARKS.indexOf((p[8] ?? '') as (typeof FRACTION_MARKS)[number])
  const separator = SEPARATORS.indexOf(p[4] as (typeof SEPARATORS)[number])
  out.setHead(separator | ((seconds === undefined ? 0 : 1) << 2) | (fractionMark << 3) | (zone.kind << 5))
  out.varint(zigzag(instant))
  if (p[9] !== undefined) out.varint(digitGroupHead(p[9]))
  if (zone.head !== undefined) out.varint(zone.head)
  return true
}

function corrupt(message: string): never {
  throw new FrameError('E_FRAME_CORRUPT', message)
}

function dateText(days: number): string {
  const { year, month, day } = civilFromDays(days + EPOCH_DAYS)
  if (year < 0 || year > 9999) corrupt(`timestamp year ${year} is outside 0000-9999`)
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

function zoneText(kind: number, reader: ByteReader): string {
  if (kind === 0) return ''
  if (kind === 1 || kind === 2) return kind === 1 ? 'Z' : 'z'
  const head = smallHead(readHead(reader), MAX_ZONE, 'timestamp zone offset')
  const minutesTotal = head >> 1
  const sign = (head & 1) === 1 ? '-' : '+'
  const [hours, minutes] = [Math.floor(minutesTotal / 60), minutesTotal % 60]
  if (kind === 5 && minutes !== 0) corrupt('timestamp zone +hh carries minutes')
  return sign + pad(hours, 2) + (kind === 3 ? `:${pad(minutes, 2)}` : kind === 4 ? pad(minutes, 2) : '')
}

function decodeTimestamp(head: Head, reader: ByteReader): string {
  const descriptor = smallHead(head, 0xff, 'timestamp descriptor')
  const separator = descriptor & 3
  const hasSeconds = (descriptor & 4) !== 0
  const fractionMark = FRACTION_MARKS[(descriptor >> 3) & 3]
  const zoneKind = descriptor >> 5
  if (
    fractionMark === undefined ||
    zoneKind > 5 ||
    (separator === 0 && descriptor !== 0) ||
    (fractionMark !== '' && !hasSeconds)
  ) {
    corrupt(`timestamp descriptor ${descriptor} is not valid`)
  }
  const instant = unzigzag(smallHead(readHead(reader), MAX_INSTANT, 'timestamp'))
  if (separator === 0) return dateText(instant)
  const unitsPerDay = hasSeconds ? 86_400 : 1440
  const days = Math.floor(instant / unitsPerDay)
  const ofDay = instant - days * unitsPerDay
  const minutesOfDay = hasSeconds ? Math.floor(ofDay / 60) : ofDay
  let text = `${dateText(days)}${SEPARATORS[separator]}${pad(Math.floor(minutesOfDay / 60), 2)}:${pad(minutesOfDay % 60, 2)}`
  if (hasSeconds) text += `:${pad(ofDay % 60, 2)}`
  if (fractionMark !== '') text += fractionMark + digitGroupText(readHead(reader))
  return text + zoneText(zoneKind, reader)
}

/** ISO-8601 timestamp kind (see the file comment for the forms and the frame format). */
export const TIMESTAMP_KIND: SlotKind = {
  // every form starts with yyyy-mm-dd: most values fail this before they are taken out of the message
  encode: (text, start, end, _last, out) =>
    end - start >= 10 && text.charCodeAt(start + 4) === 45 && encodeTimestamp(rangeText(text, start, end), out),
  readsHead: () => true,
  decode: (head, reader) => decodeTimestamp(head, reader),
}
