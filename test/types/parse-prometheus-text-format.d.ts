// The parser ships no types; this is the shape of what it returns (metric families with samples).
declare module 'parse-prometheus-text-format' {
  interface Sample {
    value: string
    labels?: Record<string, string>
  }
  interface Family {
    name: string
    help: string
    type: string
    metrics: Sample[]
  }
  export default function parsePrometheusTextFormat(text: string): Family[]
}
