// s37-ga generator of realistic logs of systems unlike Loghub's, Loghub-format folders with ground truth.
// usage: node bench/generate-logs.mjs <outdir> [seed=37] [lines=2000]   (round s37-ga; outside every test and bench run)
// Each event is one print statement of a program; whatever the program fills in (names, numbers, phrases,
// SQL, reasons, frontends) is a parameter (<*>), as Loghub labels it.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
const [out, seedArg = '37', linesArg = '2000'] = process.argv.slice(2)
if (!out) {
  console.error('usage: node bench/generate-logs.mjs <outdir> [seed] [lines]')
  process.exit(2)
}
let s = Number(seedArg) >>> 0
const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296 }
const int = (a, b) => a + Math.floor(rnd() * (b - a + 1))
const pick = (xs) => xs[Math.floor(rnd() * xs.length)]
const wpick = (xs) => { const tot = xs.reduce((a, x) => a + x[0], 0); let r = rnd() * tot; for (const x of xs) { r -= x[0]; if (r < 0) return x[1] } return xs[xs.length - 1][1] }
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('')
const HEX = (n) => hex(n).toUpperCase()
const ip = () => `${pick([10, 172, 192, 203, 91, 185])}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`
const pad = (n, w = 2) => String(n).padStart(w, '0')
const MON = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec']
function clock(start) { let t = start; return () => { t += int(0, 4000); return new Date(t) } }
const sysDate = (d) => `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
const isoMs = (d) => d.toISOString().replace('T', ' ').replace('Z', '')
const USERS = ['alice', 'bob', 'carol', 'deploy', 'root', 'postgres', 'www-data', 'jenkins', 'mkovacs', 'svc_backup']
const uid8 = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
const BADUSERS = ['admin', 'test', 'oracle', 'ubuntu', 'pi', 'guest', 'ftpuser', 'user1', 'support']

function write(name, rows) {
  const dir = path.join(out, name); mkdirSync(dir, { recursive: true })
  const q = (x) => `"${x.replaceAll('"', '""')}"`
  writeFileSync(path.join(dir, `${name}_2k.log`), rows.map((r) => r.line).join('\n') + '\n')
  writeFileSync(path.join(dir, `${name}_2k.log_structured.csv`), 'LineId,Content,EventId,EventTemplate\n' +
    rows.map((r, i) => `${i + 1},${q(r.line)},${r.id},${q(r.tpl)}`).join('\n') + '\n')
}
function run(name, N, events, header) {
  const next = clock(Date.UTC(2026, 10, 3, 6, 0, 0)); const rows = []
  while (rows.length < N) {
    const [id, tpl, f] = wpick(events.map((e) => [e[0], e.slice(1)]))
    const d = next(); const body = f(d)
    rows.push({ line: header(d, body), id, tpl })
  }
  write(name, rows)
}
const N = Number(linesArg)
// ---------- authlog: sshd, sudo, cron, systemd-logind, su on a few hosts
{
  const hosts = ['web01', 'web02', 'db01']
  const sess = () => int(100, 9999)
  const ev = [
    [30, 'A1', 'Accepted publickey for <*> from <*> port <*> ssh2: <*> SHA256:<*>', () => ['sshd', `Accepted publickey for ${pick(USERS)} from ${ip()} port ${int(1024, 65535)} ssh2: ${pick(['RSA', 'ED25519', 'ECDSA'])} SHA256:${Buffer.from(hex(24), 'hex').toString('base64').replace(/=+$/, '')}`]],
    [8, 'A2', 'Accepted password for <*> from <*> port <*> ssh2', () => ['sshd', `Accepted password for ${pick(USERS)} from ${ip()} port ${int(1024, 65535)} ssh2`]],
    [60, 'A3', 'Failed password for invalid user <*> from <*> port <*> ssh2', () => ['sshd', `Failed password for invalid user ${pick(BADUSERS)} from ${ip()} port ${int(1024, 65535)} ssh2`]],
    [40, 'A4', 'Failed password for <*> from <*> port <*> ssh2', () => ['sshd', `Failed password for ${wpick([[9, 'root'], [1, pick(USERS)]])} from ${ip()} port ${int(1024, 65535)} ssh2`]],
    [40, 'A5', 'Invalid user <*> from <*> port <*>', () => ['sshd', `Invalid user ${pick(BADUSERS)} from ${ip()} port ${int(1024, 65535)}`]],
    [30, 'A6', 'Connection closed by <*> port <*> [preauth]', () => ['sshd', `Connection closed by ${ip()} port ${int(1024, 65535)} [preauth]`]],
    [15, 'A7', 'Received disconnect from <*> port <*>:<*>: <*> [preauth]', () => ['sshd', `Received disconnect from ${ip()} port ${int(1024, 65535)}:11: ${pick(['Bye Bye', 'disconnected by user', 'Normal Shutdown, Thank you for playing', 'Client disconnecting normally'])} [preauth]`]],
    [35, 'A8', 'pam_unix(<*>:session): session opened for user <*>(uid=<*>) by <*>(uid=<*>)', () => { const u = pick(USERS); const svc = pick(['sshd', 'sudo', 'cron', 'su', 'systemd-user']); return [svc === 'cron' ? 'CRON' : svc === 'systemd-user' ? 'systemd' : svc, `pam_unix(${svc}:session): session opened for user ${u}(uid=${int(0, 1500)}) by ${pick(['', 'alice', 'deploy'])}(uid=${int(0, 1000)})`] }],
    [35, 'A9', 'pam_unix(<*>:session): session closed for user <*>', () => { const svc = pick(['sshd', 'sudo', 'cron', 'su']); return [svc === 'cron' ? 'CRON' : svc, `pam_unix(${svc}:session): session closed for user ${pick(USERS)}`] }],
    [25, 'A10', '<*> : TTY=<*> ; PWD=<*> ; USER=<*> ; COMMAND=<*>', () => ['sudo', `${String(pick(USERS)).padStart(8)} : TTY=pts/${int(0, 5)} ; PWD=${pick(['/home/alice', '/srv/app', '/root', '/var/www/html', '/etc/nginx'])} ; USER=root ; COMMAND=${pick(['/usr/bin/systemctl restart nginx', '/usr/bin/apt-get update', '/bin/journalctl -u app -f', '/usr/bin/tail -n 200 /var/log/syslog', '/usr/sbin/reboot', '/usr/bin/docker ps -a'])}`]],
    [20, 'A11', '(<*>) CMD (<*>)', () => ['CRON', `(${pick(['root', 'www-data', 'backup'])}) CMD (${pick(['run-parts /etc/cron.hourly', 'command -v debian-sa1 > /dev/null && debian-sa1 1 1', '/usr/local/bin/backup.sh --incremental', 'php /var/www/html/cron.php', 'test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )'])})`]],
    [20, 'A12', 'New session <*> of user <*>.', () => ['systemd-logind', `New session ${sess()} of user ${pick(USERS)}.`]],
    [20, 'A13', 'Removed session <*>.', () => ['systemd-logind', `Removed session ${sess()}.`]],
    [10, 'A14', 'Session <*> logged out. Waiting for processes to exit.', () => ['systemd-logind', `Session ${sess()} logged out. Waiting for processes to exit.`]],
    [6, 'A15', 'Disconnected from user <*> <*> port <*>', () => ['sshd', `Disconnected from user ${pick(USERS)} ${ip()} port ${int(1024, 65535)}`]],
    [6, 'A16', 'error: maximum authentication attempts exceeded for <*> from <*> port <*> ssh2 [preauth]', () => ['sshd', `error: maximum authentication attempts exceeded for ${pick(['root', 'invalid user admin', 'invalid user oracle'])} from ${ip()} port ${int(1024, 65535)} ssh2 [preauth]`]],
    [4, 'A17', '<*> : <*> incorrect password attempts ; TTY=<*> ; PWD=<*> ; USER=<*> ; COMMAND=<*>', () => ['sudo', `${String(pick(USERS)).padStart(8)} : ${int(1, 3)} incorrect password attempts ; TTY=pts/${int(0, 5)} ; PWD=/home/${pick(USERS)} ; USER=root ; COMMAND=/usr/bin/${pick(['su', 'vim /etc/hosts', 'cat /etc/shadow'])}`]],
    [5, 'A18', 'Successful su for <*> by <*>', () => ['su', `Successful su for ${pick(USERS)} by ${pick(USERS)}`]],
    [3, 'A19', 'FAILED su for <*> by <*>', () => ['su', `FAILED su for ${pick(USERS)} by ${pick(USERS)}`]],
    [4, 'A20', 'Server listening on <*> port <*>.', () => ['sshd', `Server listening on ${pick(['0.0.0.0', '::'])} port 22.`]],
  ]
  run('authlog', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [prog, body]) => `${sysDate(d)} ${pick(hosts)} ${prog}[${int(300, 32000)}]: ${body}`)
}
// ---------- haproxy: http and tcp logs, health checks
{
  const fe = [[6, 'fe_https'], [2, 'fe_http'], [1, 'fe_admin']]
  const be = { fe_https: ['be_api', 'be_static', 'be_web'], fe_http: ['be_redirect', 'be_web'], fe_admin: ['be_stats'] }
  const srv = (b) => `${b}/${b.slice(3)}-${pad(int(1, 3))}`
  const hts = (d) => `${pad(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  const ev = [
    [70, 'H1', '<*>:<*> [<*>] <*> <*> <*>/<*>/<*>/<*>/<*> <*> <*> - - <*> <*>/<*>/<*>/<*>/<*> <*>/<*> "<*> <*> HTTP/1.1"', (d) => { const f = wpick(fe); const b = pick(be[f]); return `${ip()}:${int(1024, 65535)} [${hts(d)}] ${f} ${srv(b)} ${int(0, 5)}/${int(0, 2)}/${int(0, 9)}/${int(1, 900)}/${int(1, 999)} ${wpick([[20, 200], [3, 304], [2, 404], [1, 502], [1, 301]])} ${int(100, 90000)} - - ${pick(['----', '--NI', '--VN'])} ${int(1, 300)}/${int(1, 200)}/${int(0, 50)}/${int(0, 9)}/0 0/0 "${wpick([[8, 'GET'], [2, 'POST'], [1, 'PUT']])} /${pick(['api/v2/orders', 'api/v2/users', 'static/app.js', 'health', 'login'])}/${int(1, 99999)} HTTP/1.1"` }],
    [25, 'H2', '<*>:<*> [<*>] <*> <*>/<*> <*>/<*>/<*> <*> <*> <*>/<*>/<*>/<*>/<*> <*>/<*>', (d) => { const f = pick(['fe_mysql', 'fe_redis', 'fe_smtp']); const b = { fe_mysql: 'be_mysql', fe_redis: 'be_redis', fe_smtp: 'be_smtp' }[f]; return `${ip()}:${int(1024, 65535)} [${hts(d)}] ${f} ${srv(b)} ${int(0, 5)}/${int(0, 9)}/${int(100, 900000)} ${int(100, 900000)} ${pick(['--', 'CD', 'sD', 'cD'])} ${int(1, 300)}/${int(1, 200)}/${int(0, 50)}/${int(0, 9)}/0 0/0` }],
    [2, 'H3', 'Server <*>/<*> is DOWN, reason: <*>, check duration: <*>ms. <*> active and <*> backup servers left. <*> sessions active, <*> requeued, <*> remaining in queue.', () => `Server ${srv(pick(['be_api', 'be_web', 'be_mysql']))} is DOWN, reason: ${pick(['Layer4 timeout', 'Layer4 connection problem', 'Layer7 wrong status', 'Layer6 invalid response'])}, check duration: ${int(1, 3000)}ms. ${int(0, 3)} active and 0 backup servers left. ${int(0, 40)} sessions active, 0 requeued, 0 remaining in queue.`],
    [2, 'H4', 'Server <*>/<*> is UP, reason: <*>, check duration: <*>ms. <*> active and <*> backup servers online. <*> sessions requeued, <*> total in queue.', () => `Server ${srv(pick(['be_api', 'be_web', 'be_mysql']))} is UP, reason: ${pick(['Layer4 check passed', 'Layer7 check passed'])}, check duration: ${int(1, 30)}ms. ${int(1, 3)} active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`],
    [1, 'H5', 'Proxy <*> started.', () => `Proxy ${pick(['fe_https', 'fe_http', 'be_api', 'be_web', 'be_mysql', 'stats'])} started.`],
    [1, 'H6', 'Stopping proxy <*> in <*> ms.', () => `Stopping proxy ${pick(['fe_https', 'fe_http', 'be_api'])} in ${int(0, 100)} ms.`],
  ]
  run('haproxy', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, (d) => f(d)]), (d, body) => `${sysDate(d)} lb1 haproxy[${int(1000, 1100)}]: ${body}`)
}
// ---------- postgres
{
  const tables = ['orders', 'users', 'line_items', 'sessions', 'audit_log']
  const sql = () => pick([
    `SELECT * FROM ${pick(tables)} WHERE id = $1`,
    `UPDATE ${pick(tables)} SET updated_at = now() WHERE id = $1`,
    `INSERT INTO audit_log (actor, action, at) VALUES ($1, $2, $3)`,
    `SELECT count(*) FROM ${pick(tables)}`,
    'BEGIN', 'COMMIT',
    `DELETE FROM sessions WHERE expires_at < now()`,
  ])
  const db = () => pick(['shop', 'analytics', 'postgres'])
  const ev = [
    [40, 'P1', 'duration: <*> ms  statement: <*>', () => ['LOG', `duration: ${int(0, 900)}.${pad(int(0, 999), 3)} ms  statement: ${sql()}`]],
    [25, 'P2', 'connection received: host=<*> port=<*>', () => ['LOG', `connection received: host=${ip()} port=${int(1024, 65535)}`]],
    [25, 'P3', 'connection authorized: user=<*> database=<*> application_name=<*>', () => ['LOG', `connection authorized: user=${pick(['app', 'report', 'postgres'])} database=${db()} application_name=${wpick([[6, ''], [2, 'psql'], [2, 'PostgreSQL JDBC Driver'], [1, 'pg_dump']])}`]],
    [20, 'P4', 'disconnection: session time: <*> user=<*> database=<*> host=<*> port=<*>', () => ['LOG', `disconnection: session time: ${int(0, 9)}:${pad(int(0, 59))}:${pad(int(0, 59))}.${pad(int(0, 999), 3)} user=${pick(['app', 'report'])} database=${db()} host=${ip()} port=${int(1024, 65535)}`]],
    [4, 'P5', 'checkpoint starting: <*>', () => ['LOG', `checkpoint starting: ${pick(['time', 'wal', 'immediate force wait', 'shutdown immediate'])}`]],
    [4, 'P6', 'checkpoint complete: wrote <*> buffers (<*>%); <*> WAL file(s) added, <*> removed, <*> recycled; write=<*> s, sync=<*> s, total=<*> s; sync files=<*>, longest=<*> s, average=<*> s; distance=<*> kB, estimate=<*> kB', () => ['LOG', `checkpoint complete: wrote ${int(1, 5000)} buffers (${int(0, 30)}.${int(0, 9)}%); 0 WAL file(s) added, ${int(0, 3)} removed, ${int(0, 5)} recycled; write=${int(0, 270)}.${pad(int(0, 999), 3)} s, sync=0.${pad(int(0, 999), 3)} s, total=${int(0, 270)}.${pad(int(0, 999), 3)} s; sync files=${int(1, 90)}, longest=0.${pad(int(0, 999), 3)} s, average=0.00${int(0, 9)} s; distance=${int(100, 90000)} kB, estimate=${int(100, 90000)} kB`]],
    [8, 'P7', 'automatic vacuum of table "<*>": index scans: <*>', () => ['LOG', `automatic vacuum of table "${db()}.public.${pick(tables)}": index scans: ${int(0, 2)}`]],
    [8, 'P8', 'automatic analyze of table "<*>"', () => ['LOG', `automatic analyze of table "${db()}.public.${pick(tables)}"`]],
    [6, 'P9', 'relation "<*>" does not exist at character <*>', () => ['ERROR', `relation "${pick(['public.order', 'tmp_import', 'users_old', 'analytics.daily'])}" does not exist at character ${int(10, 80)}`]],
    [5, 'P10', 'duplicate key value violates unique constraint "<*>"', () => ['ERROR', `duplicate key value violates unique constraint "${pick(['users_email_key', 'orders_pkey', 'sessions_token_key'])}"`]],
    [11, 'P11', 'statement: <*>', () => ['STATEMENT', sql()]],
    [3, 'P12', 'could not receive data from client: Connection reset by peer', () => ['LOG', 'could not receive data from client: Connection reset by peer']],
    [3, 'P13', 'password authentication failed for user "<*>"', () => ['FATAL', `password authentication failed for user "${pick(['app', 'admin', 'postgres', 'readonly'])}"`]],
    [2, 'P14', 'terminating connection due to idle-in-transaction timeout', () => ['FATAL', 'terminating connection due to idle-in-transaction timeout']],
  ]
  run('postgres', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, body]) => `${isoMs(d)} UTC [${int(1000, 60000)}] ${lvl}:  ${body}`)
}
// ---------- postfix mail server
{
  const qid = () => HEX(10)
  const rhost = () => pick(['mail-wr1-f54.google.com', 'mx.example.org', 'unknown', 'smtp.office365.com', 'relay.mailgun.net'])
  const addr = () => `${pick(['alice', 'noreply', 'billing', 'j.smith', 'support'])}@${pick(['example.com', 'gmail.com', 'corp.local', 'shop.example.net'])}`
  const ev = [
    [30, 'M1', 'connect from <*>[<*>]', () => ['postfix/smtpd', `connect from ${rhost()}[${ip()}]`]],
    [30, 'M2', 'disconnect from <*>[<*>] ehlo=<*> mail=<*> rcpt=<*> data=<*> quit=<*> commands=<*>', () => ['postfix/smtpd', `disconnect from ${rhost()}[${ip()}] ehlo=1 mail=1 rcpt=${int(0, 2)} data=1 quit=1 commands=${int(3, 6)}`]],
    [25, 'M3', '<*>: client=<*>[<*>]', () => ['postfix/smtpd', `${qid()}: client=${rhost()}[${ip()}]`]],
    [25, 'M4', '<*>: message-id=<<*>>', () => ['postfix/cleanup', `${qid()}: message-id=<${hex(12)}@${pick(['example.com', 'mail.gmail.com', 'corp.local'])}>`]],
    [25, 'M5', '<*>: from=<<*>>, size=<*>, nrcpt=<*> (queue active)', () => ['postfix/qmgr', `${qid()}: from=<${addr()}>, size=${int(500, 90000)}, nrcpt=${int(1, 3)} (queue active)`]],
    [30, 'M6', '<*>: to=<<*>>, relay=<*>[<*>]:<*>, delay=<*>, delays=<*>/<*>/<*>/<*>, dsn=<*>, status=<*> (<*>)', () => { const st = wpick([[8, ['2.0.0', 'sent', pick(['250 2.0.0 OK 1733550000 a1si123 - gsmtp', '250 2.0.0 Ok: queued as 4TqX1Z2b3C', '250 Message accepted for delivery'])]], [2, ['4.4.1', 'deferred', pick(['connect to mx.example.org[203.0.113.5]:25: Connection timed out', 'host mx.example.org said: 421 Too many connections'])]], [1, ['5.1.1', 'bounced', pick(['host mx.example.org said: 550 5.1.1 User unknown (in reply to RCPT TO command)', 'Host or domain name not found'])]]]); return ['postfix/smtp', `${qid()}: to=<${addr()}>, relay=${rhost()}[${ip()}]:25, delay=${int(0, 9)}.${int(0, 9)}, delays=0.${int(0, 9)}/0/${int(0, 3)}.${int(0, 9)}/0.${int(0, 9)}, dsn=${st[0]}, status=${st[1]} (${st[2]})`] }],
    [25, 'M7', '<*>: removed', () => ['postfix/qmgr', `${qid()}: removed`]],
    [8, 'M8', 'NOQUEUE: reject: RCPT from <*>[<*>]: <*> <*> <<*>>: <*>; from=<<*>> to=<<*>> proto=ESMTP helo=<<*>>', () => { const [c, e, why] = pick([['554', '5.7.1', 'Relay access denied'], ['450', '4.1.8', 'Sender address rejected: Domain not found'], ['550', '5.1.1', 'Recipient address rejected: User unknown in virtual mailbox table']]); return ['postfix/smtpd', `NOQUEUE: reject: RCPT from ${rhost()}[${ip()}]: ${c} ${e} <${addr()}>: ${why}; from=<${addr()}> to=<${addr()}> proto=ESMTP helo=<${pick(['localhost', 'ylmf-pc', 'mail.example.org'])}>`] }],
    [6, 'M9', 'lost connection after <*> from <*>[<*>]', () => ['postfix/smtpd', `lost connection after ${pick(['AUTH', 'EHLO', 'CONNECT', 'DATA', 'RCPT'])} from ${rhost()}[${ip()}]`]],
    [5, 'M10', 'warning: <*>[<*>]: SASL LOGIN authentication failed: <*>', () => ['postfix/smtpd', `warning: unknown[${ip()}]: SASL LOGIN authentication failed: ${pick(['authentication failure', 'UGFzc3dvcmQ6'])}`]],
    [4, 'M11', 'warning: hostname <*> does not resolve to address <*>', () => ['postfix/smtpd', `warning: hostname ${pick(['host-1-2.example.ru', 'static.vnpt.vn', 'dynamic.isp.net'])} does not resolve to address ${ip()}`]],
    [3, 'M12', 'statistics: max connection rate <*>/60s for (smtp:<*>) at <*>', (d) => ['postfix/anvil', `statistics: max connection rate ${int(1, 9)}/60s for (smtp:${ip()}) at ${sysDate(new Date(d.getTime() - 600000))}`]],
  ]
  run('mail', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [prog, body]) => `${sysDate(d)} mx1 ${prog}[${int(300, 32000)}]: ${body}`)
}
// ---------- systemd / kernel host journal (short-iso output)
{
  const units = ['nginx.service', 'postgresql@16-main.service', 'docker.service', 'apt-daily.service', 'logrotate.service', 'certbot.timer', 'fstrim.service', 'snapd.service']
  const desc = { 'nginx.service': 'A high performance web server and a reverse proxy server', 'postgresql@16-main.service': 'PostgreSQL Cluster 16-main', 'docker.service': 'Docker Application Container Engine', 'apt-daily.service': 'Daily apt download activities', 'logrotate.service': 'Rotate log files', 'certbot.timer': 'Run certbot twice daily', 'fstrim.service': 'Discard unused blocks on filesystems from /etc/fstab', 'snapd.service': 'Snap Daemon' }
  const ifs = ['eth0', 'ens3', 'wlp2s0', 'docker0', 'veth3a1b2c']
  const ev = [
    [25, 'S1', 'Starting <*>...', () => ['systemd[1]', `Starting ${desc[pick(units)]}...`]],
    [25, 'S2', 'Started <*>.', () => ['systemd[1]', `Started ${desc[pick(units)]}.`]],
    [20, 'S3', '<*>: Deactivated successfully.', () => ['systemd[1]', `${pick(units)}: Deactivated successfully.`]],
    [12, 'S4', '<*>: Consumed <*> CPU time.', () => ['systemd[1]', `${pick(units)}: Consumed ${int(0, 59)}.${pad(int(0, 999), 3)}s CPU time.`]],
    [5, 'S5', '<*>: Main process exited, code=exited, status=<*>/<*>', () => ['systemd[1]', `${pick(units)}: Main process exited, code=exited, status=${pick(['1/FAILURE', '203/EXEC', '2/INVALIDARGUMENT'])}`]],
    [5, 'S6', '<*>: Failed with result \'<*>\'.', () => ['systemd[1]', `${pick(units)}: Failed with result '${pick(['exit-code', 'timeout', 'signal', 'core-dump'])}'.`]],
    [5, 'S7', 'Failed to start <*>.', () => ['systemd[1]', `Failed to start ${desc[pick(units)]}.`]],
    [15, 'S8', '<*>: Link UP', () => ['kernel', `${pick(ifs)}: Link UP`]],
    [15, 'S9', '<*>: Link DOWN', () => ['kernel', `${pick(ifs)}: Link DOWN`]],
    [8, 'S10', '<*>: port <*>(<*>) entered <*> state', () => ['kernel', `docker0: port ${int(1, 6)}(veth${hex(7)}) entered ${pick(['blocking', 'disabled', 'forwarding'])} state`]],
    [3, 'S11', 'Out of memory: Killed process <*> (<*>) total-vm:<*>kB, anon-rss:<*>kB, file-rss:<*>kB, shmem-rss:<*>kB, UID:<*> pgtables:<*>kB oom_score_adj:<*>', () => ['kernel', `Out of memory: Killed process ${int(300, 32000)} (${pick(['java', 'node', 'postgres', 'chrome'])}) total-vm:${int(1e5, 9e6)}kB, anon-rss:${int(1e4, 9e6)}kB, file-rss:${int(0, 9000)}kB, shmem-rss:${int(0, 900)}kB, UID:${int(0, 1500)} pgtables:${int(100, 9000)}kB oom_score_adj:0`]],
    [8, 'S12', 'audit: type=1400 audit(<*>): apparmor="DENIED" operation="<*>" profile="<*>" name="<*>" pid=<*> comm="<*>" requested_mask="<*>" denied_mask="<*>" fsuid=<*> ouid=<*>', () => { const op = pick(['open', 'mknod', 'exec']); return ['kernel', `audit: type=1400 audit(${int(1.7e9, 1.8e9)}.${pad(int(0, 999), 3)}:${int(10, 999)}): apparmor="DENIED" operation="${op}" profile="${pick(['/usr/sbin/cupsd', 'snap.firefox.firefox', '/usr/bin/man'])}" name="${pick(['/etc/ssl/openssl.cnf', '/proc/1/environ', '/dev/shm/x'])}" pid=${int(300, 32000)} comm="${pick(['cupsd', 'firefox', 'man'])}" requested_mask="${pick(['r', 'rw', 'c'])}" denied_mask="${pick(['r', 'rw', 'c'])}" fsuid=${int(0, 1000)} ouid=0`] }],
    [6, 'S13', 'EXT4-fs (<*>): mounted filesystem <*> with <*> mode. Quota mode: <*>.', () => ['kernel', `EXT4-fs (${pick(['sda1', 'nvme0n1p2', 'dm-0'])}): mounted filesystem ${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)} with ${pick(['ordered data', 'writeback data', 'journalled data'])} mode. Quota mode: ${pick(['none', 'disabled'])}.`]],
    [6, 'S14', '[UFW BLOCK] IN=<*> OUT= MAC=<*> SRC=<*> DST=<*> LEN=<*> TOS=<*> PREC=<*> TTL=<*> ID=<*> PROTO=<*> SPT=<*> DPT=<*> <*>', () => ['kernel', `[UFW BLOCK] IN=${pick(['eth0', 'ens3'])} OUT= MAC=${Array.from({ length: 14 }, () => hex(2)).join(':')} SRC=${ip()} DST=${ip()} LEN=${int(40, 1500)} TOS=0x00 PREC=0x00 TTL=${int(30, 250)} ID=${int(0, 65535)} PROTO=${pick(['TCP', 'UDP'])} SPT=${int(1024, 65535)} DPT=${pick([22, 23, 3389, 445, 8080])} ${pick(['WINDOW=1024 RES=0x00 SYN URGP=0', 'LEN=20', 'WINDOW=65535 RES=0x00 SYN URGP=0'])}`]],
    [8, 'S15', 'Reached target <*>.', () => ['systemd[1]', `Reached target ${pick(['Multi-User System', 'Network', 'Timers', 'Sockets', 'Graphical Interface', 'Local File Systems'])}.`]],
  ]
  run('journal', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [prog, body]) => `${d.toISOString().slice(0, 19)}+0000 node7 ${prog}: ${body}`)
}
// ---------- nginx access log: each route (verb and path) is its own event, as the s30 trial's generator labels it
{
  const routes = [
    ['N1', 'GET', (i) => `/api/v1/products/${i}`, 'GET /api/v1/products/<*>'],
    ['N2', 'GET', (i) => `/api/v1/orders/${i}`, 'GET /api/v1/orders/<*>'],
    ['N3', 'POST', () => '/api/v1/login', 'POST /api/v1/login'],
    ['N4', 'POST', () => '/api/v1/cart/items', 'POST /api/v1/cart/items'],
    ['N5', 'DELETE', (i) => `/api/v1/cart/items/${i}`, 'DELETE /api/v1/cart/items/<*>'],
    ['N6', 'GET', () => '/static/app.css', 'GET /static/app.css'],
    ['N7', 'GET', () => '/static/main.js', 'GET /static/main.js'],
    ['N8', 'GET', (i) => `/search?q=shoes&page=${i % 9}`, 'GET /search?q=shoes&page=<*>'],
    ['N9', 'PUT', (i) => `/api/v1/users/${i}/profile`, 'PUT /api/v1/users/<*>/profile'],
    ['N10', 'GET', () => '/healthz', 'GET /healthz'],
  ]
  const refs = ['-', 'https://shop.example.com/', 'https://shop.example.com/cart', 'https://www.google.com/', '-']
  const uas = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148', 'curl/8.4.0', 'kube-probe/1.28', 'python-requests/2.31.0']
  const w = [30, 20, 8, 8, 4, 12, 12, 6, 4, 10]
  const ev = routes.map(([id, verb, path, tpl], k) => [w[k], id, `<*> - - [<*>] "${tpl} HTTP/1.1" <*> <*> "<*>" "<*>"`, (d) => `${ip()} - - [${pad(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000] "${verb} ${path(int(1, 99999))} HTTP/1.1" ${wpick([[20, 200], [2, 304], [1, 404]])} ${int(0, 90000)} "${pick(refs)}" "${pick(uas)}"`])
  run('nginx', N, ev, (_d, body) => body)
}
// ---------- s38-ga held-out systems (written before any discovery figure of theirs was read; their rng
// draws come after the six above, so those stay byte for byte what seed N gave before)
// ---------- openldap slapd: connection and operation lines, named fields throughout
{
  const dn = () => pick(['cn=admin,dc=example,dc=com', `uid=${pick(USERS)},ou=people,dc=example,dc=com`, 'cn=replicator,dc=example,dc=com'])
  const ev = [
    [20, 'L1', 'conn=<*> fd=<*> ACCEPT from IP=<*>:<*> (IP=<*>:<*>)', () => `conn=${int(1000, 9999)} fd=${int(10, 60)} ACCEPT from IP=${ip()}:${int(1024, 65535)} (IP=0.0.0.0:${pick([389, 636])})`],
    [20, 'L2', 'conn=<*> op=<*> BIND dn="<*>" method=<*>', () => `conn=${int(1000, 9999)} op=${int(0, 5)} BIND dn="${dn()}" method=128`],
    [15, 'L3', 'conn=<*> op=<*> BIND dn="<*>" mech=<*> ssf=<*>', () => `conn=${int(1000, 9999)} op=${int(0, 5)} BIND dn="${dn()}" mech=SIMPLE ssf=0`],
    [30, 'L4', 'conn=<*> op=<*> RESULT tag=<*> err=<*> text=<*>', () => `conn=${int(1000, 9999)} op=${int(0, 20)} RESULT tag=${pick([97, 103, 105, 107])} err=${wpick([[9, 0], [1, 49], [1, 32]])} text=${wpick([[8, ''], [1, 'Invalid credentials'], [1, 'no such object']])}`],
    [30, 'L5', 'conn=<*> op=<*> SRCH base="<*>" scope=<*> deref=<*> filter="<*>"', () => `conn=${int(1000, 9999)} op=${int(0, 20)} SRCH base="${pick(['dc=example,dc=com', 'ou=people,dc=example,dc=com', 'ou=groups,dc=example,dc=com'])}" scope=${int(0, 2)} deref=0 filter="${pick(['(objectClass=*)', `(uid=${pick(USERS)})`, `(&(objectClass=posixGroup)(memberUid=${pick(USERS)}))`])}"`],
    [25, 'L6', 'conn=<*> op=<*> SEARCH RESULT tag=<*> err=<*> nentries=<*> text=<*>', () => `conn=${int(1000, 9999)} op=${int(0, 20)} SEARCH RESULT tag=101 err=${wpick([[9, 0], [1, 32]])} nentries=${int(0, 40)} text=${wpick([[9, ''], [1, 'no such object']])}`],
    [15, 'L7', 'conn=<*> op=<*> UNBIND', () => `conn=${int(1000, 9999)} op=${int(1, 20)} UNBIND`],
    [20, 'L8', 'conn=<*> fd=<*> closed<*>', () => `conn=${int(1000, 9999)} fd=${int(10, 60)} closed${wpick([[6, ''], [2, ' (connection lost)'], [1, ' (idle timeout)'], [1, ' (TLS negotiation failure)']])}`],
    [8, 'L9', 'conn=<*> op=<*> MOD dn="<*>"', () => `conn=${int(1000, 9999)} op=${int(1, 20)} MOD dn="${dn()}"`],
    [8, 'L10', 'conn=<*> op=<*> MOD attr=<*>', () => `conn=${int(1000, 9999)} op=${int(1, 20)} MOD attr=${pick(['userPassword', 'mail', 'description modifyTimestamp', 'entryCSN modifiersName modifyTimestamp'])}`],
    [6, 'L11', 'conn=<*> fd=<*> TLS established tls_ssf=<*> ssf=<*>', () => `conn=${int(1000, 9999)} fd=${int(10, 60)} TLS established tls_ssf=256 ssf=256`],
    [4, 'L12', 'conn=<*> op=<*> EXT oid=<*>', () => `conn=${int(1000, 9999)} op=0 EXT oid=1.3.6.1.4.1.1466.20037`],
    [2, 'L13', 'slapd starting', () => 'slapd starting'],
    [2, 'L14', 'daemon: shutdown requested and initiated.', () => 'daemon: shutdown requested and initiated.'],
  ]
  run('slapd', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, body) => `${sysDate(d)} ldap1 slapd[${int(800, 900)}]: ${body}`)
}
// ---------- celery worker (Python logging): task results and reasons close the line
{
  const tasks = ['app.tasks.send_email', 'app.tasks.resize_image', 'billing.tasks.charge_card', 'reports.tasks.build_daily']
  const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
  const ev = [
    [30, 'C1', 'Task <*>[<*>] received', () => ['INFO', 'celery.worker.strategy', `Task ${pick(tasks)}[${uuid()}] received`]],
    [30, 'C2', 'Task <*>[<*>] succeeded in <*>s: <*>', () => ['INFO', 'celery.app.trace', `Task ${pick(tasks)}[${uuid()}] succeeded in ${int(0, 30)}.${int(100000, 999999)}s: ${pick(['None', 'True', "{'sent': 3}", "'ok'", "{'width': 640, 'height': 480}"])}`]],
    [6, 'C3', 'Task <*>[<*>] retry: Retry in <*>s: <*>', () => ['INFO', 'celery.app.trace', `Task ${pick(tasks)}[${uuid()}] retry: Retry in ${pick([10, 30, 60, 300])}s: ${pick(["ConnectionError('Connection refused')", "TimeoutError('read timed out')", 'SMTPServerDisconnected()'])}`]],
    [5, 'C4', 'Task <*>[<*>] raised unexpected: <*>', () => ['ERROR', 'celery.app.trace', `Task ${pick(tasks)}[${uuid()}] raised unexpected: ${pick(["KeyError('user_id')", "ValueError('invalid literal for int() with base 10')", 'CardDeclined: insufficient funds'])}`]],
    [8, 'C5', 'Connected to <*>', () => ['INFO', 'celery.worker.consumer.connection', `Connected to ${pick(['amqp://guest:**@rabbitmq:5672//', 'redis://redis:6379/0'])}`]],
    [6, 'C6', 'mingle: searching for neighbors', () => ['INFO', 'celery.worker.consumer.mingle', 'mingle: searching for neighbors']],
    [6, 'C7', 'mingle: all alone', () => ['INFO', 'celery.worker.consumer.mingle', 'mingle: all alone']],
    [5, 'C8', '<*> ready.', () => ['INFO', 'celery.apps.worker', `celery@${pick(['worker-1', 'worker-2', 'worker-3'])} ready.`]],
    [6, 'C9', 'consumer: Cannot connect to <*>: <*>.', () => ['ERROR', 'celery.worker.consumer.consumer', `consumer: Cannot connect to ${pick(['amqp://guest:**@rabbitmq:5672//', 'redis://redis:6379/0'])}: ${pick(['[Errno 111] Connection refused', 'timed out', 'Error -3 connecting to redis:6379. Temporary failure in name resolution'])}.`]],
    [4, 'C10', 'Trying again in <*> seconds... (<*>/<*>)', () => ['ERROR', 'celery.worker.consumer.consumer', `Trying again in ${pick([2, 4, 6, 8])}.00 seconds... (${int(1, 10)}/100)`]],
    [5, 'C11', 'Scaling up <*> processes.', () => ['INFO', 'celery.worker.autoscale', `Scaling up ${int(1, 8)} processes.`]],
    [5, 'C12', 'Scaling down <*> processes.', () => ['INFO', 'celery.worker.autoscale', `Scaling down ${int(1, 8)} processes.`]],
    [4, 'C13', 'Discarding revoked task: <*>[<*>].', () => ['INFO', 'celery.worker.request', `Discarding revoked task: ${pick(tasks)}[${uuid()}].`]],
  ]
  run('celery', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, logger, body]) => `[${isoMs(d).replace('.', ',')}: ${lvl}/${pick(['MainProcess', 'ForkPoolWorker-1', 'ForkPoolWorker-2', 'ForkPoolWorker-3'])}] ${logger}: ${body}`)
}
// ---------- redis server log
{
  const rep = () => `${ip()}:${pick([6379, 6380])}`
  const ev = [
    [20, 'R1', '<*> changes in <*> seconds. Saving...', () => ['*', `${pick([1, 10, 100, 10000])} changes in ${pick([60, 300, 900, 3600])} seconds. Saving...`]],
    [20, 'R2', 'Background saving started by pid <*>', () => ['*', `Background saving started by pid ${int(1000, 60000)}`]],
    [18, 'R3', 'DB saved on disk', () => ['*', 'DB saved on disk']],
    [18, 'R4', 'Fork CoW for RDB: current <*> MB, peak <*> MB, average <*> MB', () => ['*', `Fork CoW for RDB: current ${int(0, 9)} MB, peak ${int(0, 9)} MB, average ${int(0, 9)} MB`]],
    [18, 'R5', 'Background saving terminated with success', () => ['*', 'Background saving terminated with success']],
    [6, 'R6', 'Connection with replica <*> lost.', () => ['#', `Connection with replica ${rep()} lost.`]],
    [6, 'R7', 'Replica <*> asks for synchronization', () => ['*', `Replica ${rep()} asks for synchronization`]],
    [5, 'R8', 'Full resync requested by replica <*>', () => ['*', `Full resync requested by replica ${rep()}`]],
    [5, 'R9', 'Synchronization with replica <*> succeeded', () => ['*', `Synchronization with replica ${rep()} succeeded`]],
    [4, 'R10', 'Client id=<*> addr=<*> laddr=<*> fd=<*> name=<*> age=<*> idle=<*> flags=<*> db=<*> cmd=<*> closed for overcoming of output buffer limits.', () => ['#', `Client id=${int(1, 9999)} addr=${ip()}:${int(1024, 65535)} laddr=10.0.0.2:6379 fd=${int(8, 90)} name=${pick(['', 'sidekiq', 'celery'])} age=${int(0, 9999)} idle=${int(0, 99)} flags=${pick(['N', 'S', 'P'])} db=${int(0, 3)} cmd=${pick(['subscribe', 'psync', 'get'])} closed for overcoming of output buffer limits.`]],
    [3, 'R11', 'WARNING overcommit_memory is set to 0! Background save may fail under low memory condition.', () => ['#', 'WARNING overcommit_memory is set to 0! Background save may fail under low memory condition.']],
    [3, 'R12', 'Ready to accept connections <*>', () => ['*', `Ready to accept connections ${pick(['tcp', 'unix', 'tls'])}`]],
    [3, 'R13', 'Server initialized', () => ['*', 'Server initialized']],
    [3, 'R14', 'Received <*> scheduling shutdown...', () => ['#', `Received ${pick(['SIGTERM', 'SIGINT'])} scheduling shutdown...`]],
    [4, 'R15', 'MASTER <-> REPLICA sync: <*>', () => ['*', `MASTER <-> REPLICA sync: ${pick(['Flushing old data', 'Loading DB in memory', 'Finished with success', 'receiving streamed RDB from master with EOF to disk'])}`]],
  ]
  run('redis', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [mark, body]) => `${int(1, 9)}:${pick(['M', 'M', 'S'])} ${pad(d.getUTCDate())} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} ${mark} ${body}`)
}
// ---------- s39-ga held-out systems (written before any discovery figure of theirs was read; their rng
// draws come after the nine above, so those stay byte for byte what seed N gave before)
// ---------- Spring Boot service (logback's default pattern): exceptions, reasons and SQL close lines
{
  const cust = () => `C-${int(10000, 99999)}`
  const ev = [
    [3, 'J1', 'Completed initialization in <*> ms', () => ['INFO', 'nio-8080-exec-1', 'o.s.web.servlet.DispatcherServlet', `Completed initialization in ${int(1, 40)} ms`]],
    [25, 'J2', 'Order <*> created for customer <*> (<*> items, total <*> EUR)', () => ['INFO', `nio-8080-exec-${int(1, 10)}`, 'c.e.shop.order.OrderService', `Order ${int(100000, 999999)} created for customer ${cust()} (${int(1, 12)} items, total ${int(5, 900)}.${pad(int(0, 99))} EUR)`]],
    [8, 'J3', 'Payment for order <*> declined: <*>', () => ['WARN', `nio-8080-exec-${int(1, 10)}`, 'c.e.shop.payment.PaymentClient', `Payment for order ${int(100000, 999999)} declined: ${pick(['insufficient funds', 'card expired', 'do not honor', 'suspected fraud, manual review required'])}`]],
    [6, 'J4', 'Request failed: <*>', () => ['ERROR', `nio-8080-exec-${int(1, 10)}`, 'c.e.shop.web.ErrorHandler', `Request failed: ${pick(['java.net.SocketTimeoutException: Read timed out', 'org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [n/a]; constraint [uk_customer_email]', 'java.lang.IllegalStateException: Cart is empty', 'java.lang.NullPointerException'])}`]],
    [4, 'J5', 'HikariPool-1 - Connection is not available, request timed out after <*>ms.', () => ['WARN', `nio-8080-exec-${int(1, 10)}`, 'com.zaxxer.hikari.pool.HikariPool', `HikariPool-1 - Connection is not available, request timed out after ${int(30000, 30050)}ms.`]],
    [2, 'J6', 'Started <*> in <*> seconds (process running for <*>)', () => ['INFO', 'main', 'c.e.shop.ShopApplication', `Started ShopApplication in ${int(5, 20)}.${int(100, 999)} seconds (process running for ${int(6, 22)}.${int(1, 9)})`]],
    [2, 'J7', "Tomcat started on port(s): <*> (http) with context path '<*>'", () => ['INFO', 'main', 'o.s.b.w.embedded.tomcat.TomcatWebServer', `Tomcat started on port(s): ${pick([8080, 8081])} (http) with context path '${pick(['', '/shop'])}'`]],
    [20, 'J8', 'Cache miss for key <*>', () => ['DEBUG', `nio-8080-exec-${int(1, 10)}`, 'c.e.shop.catalog.ProductCache', `Cache miss for key ${pick(['product', 'price', 'stock'])}:${int(1, 99999)}`]],
    [8, 'J9', 'Slow query (<*> ms): <*>', () => ['WARN', `nio-8080-exec-${int(1, 10)}`, 'c.e.shop.db.QueryLogger', `Slow query (${int(500, 9000)} ms): ${pick(['select o.id, o.total from orders o where o.customer_id=?', 'update stock set qty=qty-? where product_id=?', 'select count(*) from order_items'])}`]],
    [12, 'J10', 'User <*> logged in from <*>', () => ['INFO', `nio-8080-exec-${int(1, 10)}`, 'c.e.shop.auth.LoginListener', `User ${pick(USERS)} logged in from ${ip()}`]],
    [6, 'J11', 'Scheduled task <*> completed in <*> ms', () => ['INFO', `scheduling-${int(1, 2)}`, 'c.e.shop.jobs.Jobs', `Scheduled task ${pick(['cleanupExpiredSessions', 'refreshExchangeRates', 'sendAbandonedCartMails'])} completed in ${int(1, 5000)} ms`]],
    [5, 'J12', 'Retrying call to <*> (attempt <*> of <*>)', () => ['WARN', `nio-8080-exec-${int(1, 10)}`, 'c.e.shop.http.RetryingClient', `Retrying call to ${pick(['https://payments.example.com/v1/charges', 'https://tax.example.org/rates'])} (attempt ${int(1, 3)} of 3)`]],
    [5, 'J13', 'Resolved [<*>]', () => ['WARN', `nio-8080-exec-${int(1, 10)}`, 'o.s.w.s.m.s.DefaultHandlerExceptionResolver', `Resolved [${pick(["org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'id' for method parameter type Long is not present", 'org.springframework.web.HttpRequestMethodNotSupportedException: Request method \'DELETE\' is not supported', 'org.springframework.http.converter.HttpMessageNotReadableException: Required request body is missing'])}]`]],
  ]
  run('springboot', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, thread, logger, body]) => `${isoMs(d).replace(' ', 'T')}Z ${lvl.padStart(5)} ${int(4000, 4003)} --- [${thread.padStart(15)}] ${logger.padEnd(40)} : ${body}`)
}
// ---------- FortiGate-style firewall (key=value records; a log id per statement)
{
  const q = (x) => `"${x}"`
  const port = () => pick(['port1', 'port2', 'port3', 'wan1', 'wan2'])
  const ev = [
    [45, 'F1', 'logid="0000000013" type="traffic" subtype="forward" ... action=<*>', () => `logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=${ip()} srcport=${int(1024, 65535)} srcintf=${q(port())} dstip=${ip()} dstport=${pick([53, 80, 443, 3389, 8443])} dstintf=${q(port())} sessionid=${int(100000, 9999999)} proto=${pick([6, 17])} action=${q(wpick([[6, 'accept'], [2, 'close'], [2, 'deny'], [1, 'timeout'], [1, 'client-rst']]))} policyid=${int(1, 40)} service=${q(pick(['HTTPS', 'HTTP', 'DNS', 'RDP', 'tcp/8443']))} duration=${int(0, 3600)} sentbyte=${int(0, 900000)} rcvdbyte=${int(0, 900000)}`],
    [12, 'F2', 'logid="0000000020" type="traffic" subtype="local" ... action=<*>', () => `logid="0000000020" type="traffic" subtype="local" level="notice" vd="root" srcip=${ip()} srcport=${int(1024, 65535)} srcintf=${q(port())} dstip=10.0.0.1 dstport=${pick([22, 443, 541])} dstintf="root" sessionid=${int(100000, 9999999)} proto=6 action=${q(pick(['deny', 'accept']))} policyid=0 service=${q(pick(['SSH', 'HTTPS', 'tcp/541']))}`],
    [10, 'F3', 'logid="0419016384" type="utm" subtype="ips" ... attack=<*> ... msg=<*>', () => { const a = pick([['SSH.Login.Brute.Force', 'anomaly: SSH.Login.Brute.Force'], ['Apache.Log4j.Error.Log.Remote.Code.Execution', 'web_server: Apache.Log4j.Error.Log.Remote.Code.Execution'], ['HTTP.URI.SQL.Injection', 'web_app: HTTP.URI.SQL.Injection']]); return `logid="0419016384" type="utm" subtype="ips" eventtype="signature" level="alert" vd="root" severity=${q(pick(['critical', 'high', 'medium']))} srcip=${ip()} dstip=${ip()} srcport=${int(1024, 65535)} dstport=${pick([22, 80, 443])} attack=${q(a[0])} action=${q(pick(['dropped', 'detected']))} msg=${q(a[1])}` }],
    [6, 'F4', 'logid="0100032001" type="event" subtype="system" ... user=<*> ... msg=<*>', () => { const u = pick(['admin', 'netops', 'audit']); return `logid="0100032001" type="event" subtype="system" level="information" vd="root" logdesc="Admin login successful" sn=${int(1000000000, 1999999999)} user=${q(u)} ui=${q(`https(${ip()})`)} method="https" srcip=${ip()} action="login" status="success" msg=${q(`Administrator ${u} logged in successfully from https(${ip()})`)}` }],
    [5, 'F5', 'logid="0100032002" type="event" subtype="system" ... msg=<*>', () => { const u = pick(['admin', 'root', 'test', 'fortinet']); return `logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" user=${q(u)} ui=${q(`ssh(${ip()})`)} method="ssh" srcip=${ip()} action="login" status="failed" reason="passwd_invalid" msg=${q(`Administrator ${u} login failed from ssh(${ip()}) because of invalid password`)}` }],
    [4, 'F6', 'logid="0101037129" type="event" subtype="vpn" ... msg=<*>', () => `logid="0101037129" type="event" subtype="vpn" level="notice" vd="root" logdesc="IPsec phase 2 status changed" msg="IPsec phase 2 status change" action=${q(pick(['phase2-up', 'phase2-down']))} remip=${ip()} locip=${ip()} tunnel=${q(pick(['to-branch-1', 'to-branch-2', 'to-aws']))}`],
    [4, 'F7', 'logid="0100022907" type="event" subtype="system" ... msg=<*>', () => `logid="0100022907" type="event" subtype="system" level="notice" vd="root" logdesc="Outdated report files deleted" msg=${q(`Delete ${int(1, 40)} old report files`)}`],
    [3, 'F8', 'logid="0100020010" type="event" subtype="system" ... msg=<*>', () => `logid="0100020010" type="event" subtype="system" level="warning" vd="root" logdesc="FortiGuard update failed" msg=${q(pick(['FortiGuard antivirus update failed: connection timed out', 'FortiGuard IPS update failed: server unreachable']))}`],
  ]
  run('fortigate', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, body) => `date=${d.toISOString().slice(0, 10)} time=${d.toISOString().slice(11, 19)} devname="FGT60F-HQ" devid="FGT60FTK21090042" eventtime=${d.getTime()}000000 tz="+0000" ${body}`)
}
// ---------- s40-ga held-out systems (written and committed before any discovery figure of theirs was read;
// their rng draws come after the eleven above, so those stay byte for byte what seed N gave before)
// ---------- Apache Kafka broker server.log (log4j `[date] LEVEL [Component ids] message (logger class)`)
{
  const topic = () => pick(['orders', 'payments', 'clickstream', 'inventory-events', '__consumer_offsets'])
  const part = () => `${topic()}-${int(0, 11)}`
  const dir = () => pick(['/var/lib/kafka/data', '/data/kafka-logs-1', '/data/kafka-logs-2'])
  const group = () => pick(['payments-consumer', 'order-projector', 'analytics-etl', 'fraud-scorer'])
  const member = () => `consumer-${group()}-${int(1, 4)}-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
  const isr = () => pick(['1,2,3', '1,2', '2,3', '1,3', '3,1,2'])
  const ms = () => `${Date.UTC(2026, 10, 3) + int(0, 86400000)}`
  const ev = [
    [30, 'K1', '[LocalLog partition=<*>, dir=<*>] Rolled new log segment at offset <*> in <*> ms. (kafka.log.LocalLog)', () => ['INFO', `[LocalLog partition=${part()}, dir=${dir()}] Rolled new log segment at offset ${int(1000, 90000000)} in ${int(0, 40)} ms. (kafka.log.LocalLog)`]],
    [25, 'K2', '[ProducerStateManager partition=<*>] Wrote producer snapshot at offset <*> with <*> producer ids in <*> ms. (kafka.log.ProducerStateManager)', () => ['INFO', `[ProducerStateManager partition=${part()}] Wrote producer snapshot at offset ${int(1000, 90000000)} with ${int(0, 12)} producer ids in ${int(0, 30)} ms. (kafka.log.ProducerStateManager)`]],
    [15, 'K3', '[UnifiedLog partition=<*>, dir=<*>] Deleting segment LogSegment(baseOffset=<*>, size=<*>, lastModifiedTime=<*>, largestRecordTimestamp=<*>) due to retention time <*>ms breach based on the largest record timestamp in the segment (kafka.log.UnifiedLog)', () => ['INFO', `[UnifiedLog partition=${part()}, dir=${dir()}] Deleting segment LogSegment(baseOffset=${int(0, 9000000)}, size=${int(1000, 1073741824)}, lastModifiedTime=${ms()}, largestRecordTimestamp=Some(${ms()})) due to retention time ${pick([604800000, 86400000, 259200000])}ms breach based on the largest record timestamp in the segment (kafka.log.UnifiedLog)`]],
    [15, 'K4', '[UnifiedLog partition=<*>, dir=<*>] Incremented log start offset to <*> due to segment deletion (kafka.log.UnifiedLog)', () => ['INFO', `[UnifiedLog partition=${part()}, dir=${dir()}] Incremented log start offset to ${int(1000, 90000000)} due to segment deletion (kafka.log.UnifiedLog)`]],
    [12, 'K5', '[GroupCoordinator <*>]: Preparing to rebalance group <*> in state PreparingRebalance with old generation <*> (<*>) (reason: <*>) (kafka.coordinator.group.GroupCoordinator)', () => ['INFO', `[GroupCoordinator ${int(1, 3)}]: Preparing to rebalance group ${group()} in state PreparingRebalance with old generation ${int(1, 400)} (__consumer_offsets-${int(0, 49)}) (reason: ${pick([`Adding new member ${member()} with group instance id None; client reason: not provided`, `removing member ${member()} on heartbeat expiration`, `Leader ${member()} re-joining group during Stable; client reason: rebalance failed due to MemberIdRequiredException`])}) (kafka.coordinator.group.GroupCoordinator)`]],
    [12, 'K6', '[GroupCoordinator <*>]: Stabilized group <*> generation <*> (<*>) with <*> members (kafka.coordinator.group.GroupCoordinator)', () => ['INFO', `[GroupCoordinator ${int(1, 3)}]: Stabilized group ${group()} generation ${int(1, 400)} (__consumer_offsets-${int(0, 49)}) with ${int(1, 8)} members (kafka.coordinator.group.GroupCoordinator)`]],
    [10, 'K7', '[GroupCoordinator <*>]: Member <*> in group <*> has failed, removing it from the group (kafka.coordinator.group.GroupCoordinator)', () => ['INFO', `[GroupCoordinator ${int(1, 3)}]: Member ${member()} in group ${group()} has failed, removing it from the group (kafka.coordinator.group.GroupCoordinator)`]],
    [10, 'K8', '[Partition <*> broker=<*>] Shrinking ISR from <*> to <*>. Leader: (highWatermark: <*>, endOffset: <*>). Out of sync replicas: (brokerId: <*>, endOffset: <*>, lastCaughtUpTimeMs: <*>). (kafka.cluster.Partition)', () => ['INFO', `[Partition ${part()} broker=${int(1, 3)}] Shrinking ISR from 1,2,3 to ${pick(['1,2', '1,3', '2,3'])}. Leader: (highWatermark: ${int(1000, 9000000)}, endOffset: ${int(1000, 9000000)}). Out of sync replicas: (brokerId: ${int(1, 3)}, endOffset: ${int(1000, 9000000)}, lastCaughtUpTimeMs: ${ms()}). (kafka.cluster.Partition)`]],
    [10, 'K9', '[Partition <*> broker=<*>] ISR updated to <*> and version updated to <*> (kafka.cluster.Partition)', () => ['INFO', `[Partition ${part()} broker=${int(1, 3)}] ISR updated to ${isr()} and version updated to ${int(1, 900)} (kafka.cluster.Partition)`]],
    [6, 'K10', '[ReplicaFetcherManager on broker <*>] Removed fetcher for partitions Set(<*>) (kafka.server.ReplicaFetcherManager)', () => ['INFO', `[ReplicaFetcherManager on broker ${int(1, 3)}] Removed fetcher for partitions Set(${Array.from({ length: int(1, 4) }, part).join(', ')}) (kafka.server.ReplicaFetcherManager)`]],
    [6, 'K11', '[ReplicaFetcher replicaId=<*>, leaderId=<*>, fetcherId=<*>] Error sending fetch request (sessionId=<*>, epoch=<*>) to node <*>: (org.apache.kafka.clients.FetchSessionHandler)', () => ['INFO', `[ReplicaFetcher replicaId=${int(1, 3)}, leaderId=${int(1, 3)}, fetcherId=${int(0, 1)}] Error sending fetch request (sessionId=${int(100000000, 2000000000)}, epoch=${pick(['INITIAL', String(int(1, 90000))])}) to node ${int(1, 3)}: (org.apache.kafka.clients.FetchSessionHandler)`]],
    [5, 'K12', '[SocketServer listenerType=ZK_BROKER, nodeId=<*>] Failed authentication with <*> (channelId=<*>) (<*>) (org.apache.kafka.common.network.Selector)', () => { const c = ip(); return ['INFO', `[SocketServer listenerType=ZK_BROKER, nodeId=${int(1, 3)}] Failed authentication with /${c} (channelId=10.0.0.${int(1, 3)}:9093-${c}:${int(1024, 65535)}-${int(0, 400)}) (${pick(['SSL handshake failed', 'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512'])}) (org.apache.kafka.common.network.Selector)`] }],
    [6, 'K13', '[GroupMetadataManager brokerId=<*>] Removed <*> expired offsets in <*> milliseconds. (kafka.coordinator.group.GroupMetadataManager)', () => ['INFO', `[GroupMetadataManager brokerId=${int(1, 3)}] Removed ${int(0, 40)} expired offsets in ${int(0, 12)} milliseconds. (kafka.coordinator.group.GroupMetadataManager)`]],
    [3, 'K14', '[Controller id=<*>] Processing automatic preferred replica leader election (kafka.controller.KafkaController)', () => ['INFO', `[Controller id=${int(1, 3)}] Processing automatic preferred replica leader election (kafka.controller.KafkaController)`]],
    [3, 'K15', 'Unable to read additional data from client sessionid <*>, likely client has closed socket (org.apache.zookeeper.ClientCnxn)', () => ['WARN', `Unable to read additional data from client sessionid 0x${hex(14)}, likely client has closed socket (org.apache.zookeeper.ClientCnxn)`]],
    [2, 'K16', '[KafkaServer id=<*>] started (kafka.server.KafkaServer)', () => ['INFO', `[KafkaServer id=${int(1, 3)}] started (kafka.server.KafkaServer)`]],
  ]
  run('kafka', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, body]) => `[${isoMs(d).replace('.', ',')}] ${lvl} ${body}`)
}
// ---------- HashiCorp Consul agent (Go, hclog: `time [LEVEL] subsystem: message: key=value ...`)
{
  const node = () => `consul-${pick(['client', 'server'])}-${int(1, 9)}`
  const svc = () => pick(['web', 'api', 'billing', 'redis', 'postgres', 'ingress-gateway'])
  const dur = () => pick([`${int(1, 999)}.${int(100, 999)}µs`, `${int(1, 999)}.${int(100, 999)}ms`, `${int(1, 9)}.${int(100, 999)}s`])
  const srv = () => `10.0.1.${int(4, 8)}:8300`
  const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
  const ev = [
    [30, 'H1', 'agent: Synced service: service=<*>', () => ['INFO', `agent: Synced service: service=${svc()}-${hex(5)}`]],
    [20, 'H2', 'agent: Synced node info', () => ['INFO', 'agent: Synced node info']],
    [12, 'H3', 'agent: Check is now critical: check=<*>', () => ['WARN', `agent: Check is now critical: check=${pick(['service:', '_nomad-check-'])}${svc()}${pick(['', `-${int(1, 4)}`])}`]],
    [10, 'H4', 'agent: Deregistered service: service=<*>', () => ['INFO', `agent: Deregistered service: service=${svc()}-${hex(5)}`]],
    [12, 'H5', 'agent.dns: request served from client: name=<*> type=<*> class=<*> latency=<*> client=<*> client_network=<*>', () => ['DEBUG', `agent.dns: request served from client: name=${svc()}.service.${pick(['consul', 'dc1.consul'])}. type=${pick(['A', 'AAAA', 'SRV'])} class=IN latency=${dur()} client=127.0.0.1:${int(1024, 65535)} client_network=${pick(['udp', 'tcp'])}`]],
    [8, 'H6', 'agent.server.serf.lan: serf: EventMemberJoin: <*> <*>', () => ['INFO', `agent.server.serf.lan: serf: EventMemberJoin: ${node()} 10.0.${int(1, 3)}.${int(2, 250)}`]],
    [6, 'H7', 'agent.server.serf.lan: serf: EventMemberFailed: <*> <*>', () => ['INFO', `agent.server.serf.lan: serf: EventMemberFailed: ${node()} 10.0.${int(1, 3)}.${int(2, 250)}`]],
    [6, 'H8', 'agent.server: member joined, marking health alive: member=<*> partition=<*>', () => ['INFO', `agent.server: member joined, marking health alive: member=${node()} partition=default`]],
    [6, 'H9', 'agent.client.memberlist.lan: memberlist: Suspect <*> has failed, no acks received', () => ['INFO', `agent.client.memberlist.lan: memberlist: Suspect ${node()} has failed, no acks received`]],
    [6, 'H10', 'agent.server.raft: failed to contact: server-id=<*> time=<*>', () => ['WARN', `agent.server.raft: failed to contact: server-id=${uuid()} time=${dur()}`]],
    [4, 'H11', 'agent.server.raft: heartbeat timeout reached, starting election: last-leader-addr=<*> last-leader-id=<*>', () => ['WARN', `agent.server.raft: heartbeat timeout reached, starting election: last-leader-addr=${pick(['', srv()])} last-leader-id=${pick(['', uuid()])}`]],
    [4, 'H12', 'agent.server.raft: entering candidate state: node="Node at <*> [Candidate]" term=<*>', () => ['INFO', `agent.server.raft: entering candidate state: node="Node at ${srv()} [Candidate]" term=${int(2, 90)}`]],
    [3, 'H13', 'agent.server.raft: election won: term=<*> tally=<*>', () => ['INFO', `agent.server.raft: election won: term=${int(2, 90)} tally=${int(2, 3)}`]],
    [5, 'H14', 'agent.server.raft: starting snapshot up to: index=<*>', () => ['INFO', `agent.server.raft: starting snapshot up to: index=${int(10000, 9000000)}`]],
    [5, 'H15', 'agent.server.raft: compacting logs: from=<*> to=<*>', () => ['INFO', `agent.server.raft: compacting logs: from=${int(10000, 9000000)} to=${int(10000, 9000000)}`]],
    [6, 'H16', 'agent.http: Request error: method=<*> url=<*> from=<*> error=<*>', () => ['ERROR', `agent.http: Request error: method=${pick(['GET', 'PUT', 'DELETE'])} url=${pick([`/v1/kv/config/${svc()}?index=${int(1, 99999)}`, `/v1/health/service/${svc()}?passing=1`, '/v1/agent/self'])} from=127.0.0.1:${int(1024, 65535)} error=${pick(['"No cluster leader"', '"Permission denied"', '"rpc error making call: rpc error making call: No cluster leader"'])}`]],
    [5, 'H17', 'agent.server.rpc: RPC failed to server: method=<*> server=<*> error=<*>', () => ['ERROR', `agent.server.rpc: RPC failed to server: method=${pick(['Catalog.ListServices', 'Health.ServiceNodes', 'KVS.Get', 'Status.RaftStats'])} server=${srv()} error="${pick(['rpc error getting client: failed to get conn: dial tcp <nil>->' + srv() + ': connect: connection refused', 'rpc error making call: EOF', 'rpc error making call: i/o deadline reached'])}"`]],
    [2, 'H18', 'agent: Newer Consul version available: new_version=<*> current_version=<*>', () => ['INFO', `agent: Newer Consul version available: new_version=1.17.${int(1, 3)} current_version=1.16.${int(0, 2)}`]],
  ]
  run('consul', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, body]) => `${d.toISOString().replace('Z', '')}Z [${lvl}]${' '.repeat(6 - lvl.length)}${body}`)
}
// ---------- s41-ga held-out systems (written and committed before any discovery figure of theirs was read;
// their rng draws come after the thirteen above, so those stay byte for byte what seed N gave before)
// ---------- JVM unified GC log of a G1 heap (JDK 17 `-Xlog:gc*:file:time,uptime,level,tags`)
{
  let gc = int(10, 90)
  const id = () => { gc += wpick([[3, 0], [1, 1]]); return `GC(${gc})` }
  const ms = (a, b) => `${int(a, b)}.${int(0, 9)}ms`
  const k = () => int(1000, 90000)
  const heap = () => `${int(100, 4000)}M->${int(50, 3000)}M(${pick([4096, 8192])}M)`
  const young = () => pick(['Normal', 'Concurrent Start', 'Prepare Mixed', 'Mixed'])
  const cause = () => wpick([[8, 'G1 Evacuation Pause'], [2, 'G1 Humongous Allocation'], [1, 'Metadata GC Threshold'], [1, 'GCLocker Initiated GC']])
  const ev = [
    [30, 'G1', 'GC(<*>) Pause Young (<*>) (<*>)', () => ['info', 'gc,start', `${id()} Pause Young (${young()}) (${cause()})`]],
    [25, 'G2', 'GC(<*>) Using <*> workers of <*> for evacuation', () => ['info', 'gc,task', `${id()} Using ${int(2, 8)} workers of 8 for evacuation`]],
    [20, 'G3', 'GC(<*>)   Pre Evacuate Collection Set: <*>ms', () => ['info', 'gc,phases', `${id()}   Pre Evacuate Collection Set: ${ms(0, 2)}`]],
    [20, 'G4', 'GC(<*>)   Merge Heap Roots: <*>ms', () => ['info', 'gc,phases', `${id()}   Merge Heap Roots: ${ms(0, 3)}`]],
    [20, 'G5', 'GC(<*>)   Evacuate Collection Set: <*>ms', () => ['info', 'gc,phases', `${id()}   Evacuate Collection Set: ${ms(1, 90)}`]],
    [20, 'G6', 'GC(<*>)   Post Evacuate Collection Set: <*>ms', () => ['info', 'gc,phases', `${id()}   Post Evacuate Collection Set: ${ms(0, 9)}`]],
    [20, 'G7', 'GC(<*>)   Other: <*>ms', () => ['info', 'gc,phases', `${id()}   Other: ${ms(0, 4)}`]],
    [25, 'G8', 'GC(<*>) Eden regions: <*>-><*>(<*>)', () => ['info', 'gc,heap', `${id()} Eden regions: ${int(20, 400)}->0(${int(20, 400)})`]],
    [25, 'G9', 'GC(<*>) Survivor regions: <*>-><*>(<*>)', () => ['info', 'gc,heap', `${id()} Survivor regions: ${int(0, 30)}->${int(0, 30)}(${int(10, 60)})`]],
    [25, 'G10', 'GC(<*>) Old regions: <*>-><*>', () => ['info', 'gc,heap', `${id()} Old regions: ${int(50, 2000)}->${int(50, 2000)}`]],
    [20, 'G11', 'GC(<*>) Archive regions: <*>-><*>', () => ['info', 'gc,heap', `${id()} Archive regions: 2->2`]],
    [25, 'G12', 'GC(<*>) Humongous regions: <*>-><*>', () => ['info', 'gc,heap', `${id()} Humongous regions: ${int(0, 90)}->${int(0, 90)}`]],
    [20, 'G13', 'GC(<*>) Metaspace: <*>K(<*>K)-><*>K(<*>K) NonClass: <*>K(<*>K)-><*>K(<*>K) Class: <*>K(<*>K)-><*>K(<*>K)', () => ['info', 'gc,metaspace', `${id()} Metaspace: ${k()}K(${k()}K)->${k()}K(${k()}K) NonClass: ${k()}K(${k()}K)->${k()}K(${k()}K) Class: ${k()}K(${k()}K)->${k()}K(${k()}K)`]],
    [30, 'G14', 'GC(<*>) Pause Young (<*>) (<*>) <*>M-><*>M(<*>M) <*>ms', () => ['info', 'gc', `${id()} Pause Young (${young()}) (${cause()}) ${heap()} ${int(1, 120)}.${int(100, 999)}ms`]],
    [30, 'G15', 'GC(<*>) User=<*>s Sys=<*>s Real=<*>s', () => ['info', 'gc,cpu', `${id()} User=${int(0, 1)}.${pad(int(0, 99))}s Sys=0.${pad(int(0, 20))}s Real=0.${pad(int(0, 30))}s`]],
    [5, 'G16', 'GC(<*>) Concurrent Mark Cycle', () => ['info', 'gc', `${id()} Concurrent Mark Cycle`]],
    [5, 'G17', 'GC(<*>) Concurrent Mark Cycle <*>ms', () => ['info', 'gc', `${id()} Concurrent Mark Cycle ${int(20, 900)}.${int(100, 999)}ms`]],
    [5, 'G18', 'GC(<*>) Concurrent Mark From Roots <*>ms', () => ['info', 'gc,marking', `${id()} Concurrent Mark From Roots ${int(10, 800)}.${int(100, 999)}ms`]],
    [5, 'G19', 'GC(<*>) Pause Remark <*>M-><*>M(<*>M) <*>ms', () => ['info', 'gc', `${id()} Pause Remark ${heap()} ${int(1, 40)}.${int(100, 999)}ms`]],
    [5, 'G20', 'GC(<*>) Pause Cleanup <*>M-><*>M(<*>M) <*>ms', () => ['info', 'gc', `${id()} Pause Cleanup ${heap()} 0.${int(100, 999)}ms`]],
    [2, 'G21', 'GC(<*>) Pause Full (<*>) <*>M-><*>M(<*>M) <*>ms', () => ['info', 'gc', `${id()} Pause Full (${pick(['System.gc()', 'G1 Compaction Pause', 'Allocation Failure'])}) ${heap()} ${int(200, 3000)}.${int(100, 999)}ms`]],
    [2, 'G22', 'GC(<*>) To-space exhausted', () => ['warning', 'gc', `${id()} To-space exhausted`]],
  ]
  const t0 = Date.UTC(2026, 10, 3, 6, 0, 0)
  run('jvmgc', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, tags, body]) => `[${d.toISOString().replace('Z', '+0000')}][${((d.getTime() - t0) / 1000 + 12.345).toFixed(3)}s][${lvl}][${tags.padEnd(12)}] ${body}`)
}
// ---------- Elasticsearch 7 node log (log4j2 `[date][LEVEL][logger] [node] message`)
{
  const idx = () => `${pick(['logs-app', 'metrics-system', 'audit'])}-2026.11.${pad(int(1, 3))}`
  const uid = (n) => Buffer.from(hex(n), 'hex').toString('base64').replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''))
  const nodeName = () => pick(['es-data-1', 'es-data-2', 'es-data-3', 'es-master-1'])
  const nodeRef = () => { const n = nodeName(); const a = `10.0.1.${int(4, 9)}`; return `{${n}}{${uid(16)}}{${uid(16)}}{${a}}{${a}:9300}{${pick(['cdfhilmrstw', 'm', 'dhi'])}}` }
  const size = () => pick([`${int(1, 999)}ms`, `${int(1, 9)}.${int(1, 9)}s`, `${int(1, 30)}s`])
  const step = () => `{"phase":"${pick(['hot', 'warm', 'delete'])}","action":"${pick(['rollover', 'shrink', 'forcemerge', 'complete'])}","name":"${pick(['check-rollover-ready', 'wait-for-shard-history-leases', 'complete', 'attempt-rollover'])}"}`
  const ev = [
    [20, 'E1', '[<*>] creating index, cause [<*>], templates [<*>], shards [<*>]/[<*>]', () => ['INFO', 'o.e.c.m.MetadataCreateIndexService', `[${idx()}] creating index, cause [${pick(['auto(bulk api)', 'api', 'rollover_index'])}], templates [${pick(['logs-app', 'metrics', ''])}], shards [${pick([1, 3])}]/[${pick([0, 1])}]`]],
    [30, 'E2', '[<*>/<*>] update_mapping [_doc]', () => ['INFO', 'o.e.c.m.MetadataMappingService', `[${idx()}/${uid(16)}] update_mapping [_doc]`]],
    [20, 'E3', 'Cluster health status changed from [<*>] to [<*>] (reason: [<*>]).', () => { const i = idx(); return ['INFO', 'o.e.c.r.a.AllocationService', `Cluster health status changed from [${pick(['RED', 'YELLOW', 'GREEN'])}] to [${pick(['RED', 'YELLOW', 'GREEN'])}] (reason: [${pick([`shards started [[${i}][0]]`, `index [${i}] created`, 'reroute after node-left'])}]).`] }],
    [15, 'E4', '[gc][<*>] overhead, spent [<*>] collecting in the last [<*>]', () => [pick(['INFO', 'WARN']), 'o.e.m.j.JvmGcMonitorService', `[gc][${int(1000, 900000)}] overhead, spent [${size()}] collecting in the last [${size()}]`]],
    [10, 'E5', 'low disk watermark [<*>] exceeded on [<*>][<*>][<*>] free: <*>[<*>], replicas will not be assigned to this node', () => ['INFO', 'o.e.c.r.a.DiskThresholdMonitor', `low disk watermark [85%] exceeded on [${uid(16)}][${nodeName()}][/var/lib/elasticsearch/nodes/0] free: ${int(10, 90)}.${int(0, 9)}gb[${int(5, 15)}.${int(0, 9)}%], replicas will not be assigned to this node`]],
    [5, 'E6', 'high disk watermark [<*>] exceeded on [<*>][<*>][<*>] free: <*>[<*>], shards will be relocated away from this node; currently relocating away shards totalling [<*>] bytes; the node is expected to continue to exceed the high disk watermark when these relocations are complete', () => ['WARN', 'o.e.c.r.a.DiskThresholdMonitor', `high disk watermark [90%] exceeded on [${uid(16)}][${nodeName()}][/var/lib/elasticsearch/nodes/0] free: ${int(1, 9)}.${int(0, 9)}gb[${int(1, 9)}.${int(0, 9)}%], shards will be relocated away from this node; currently relocating away shards totalling [${int(0, 9000000000)}] bytes; the node is expected to continue to exceed the high disk watermark when these relocations are complete`]],
    [10, 'E7', '[<*>/<*>] deleting index', () => ['INFO', 'o.e.c.m.MetadataDeleteIndexService', `[${idx()}/${uid(16)}] deleting index`]],
    [15, 'E8', 'moving index [<*>] from [<*>] to [<*>] in policy [<*>]', () => ['INFO', 'o.e.x.i.IndexLifecycleTransition', `moving index [${idx()}] from [${step()}] to [${step()}] in policy [${pick(['logs', 'metrics', '90-days-default'])}]`]],
    [8, 'E9', '[<*>][<*>] failed to execute bulk item (index) index {[<*>][_doc][<*>], source[n/a, actual length: [<*>], max length: <*>]}', () => { const i = idx(); return ['DEBUG', 'o.e.a.b.TransportShardBulkAction', `[${i}][${int(0, 2)}] failed to execute bulk item (index) index {[${i}][_doc][${uid(15)}], source[n/a, actual length: [${int(2, 90)}.${int(1, 9)}kb], max length: 2kb]}`] }],
    [4, 'E10', 'node-left[<*> reason: <*>], term: <*>, version: <*>, delta: removed {<*>}', () => { const n = nodeRef(); return ['INFO', 'o.e.c.s.MasterService', `node-left[${n} reason: ${pick(['disconnected', 'followers check retry count exceeded', 'health check failed'])}], term: ${int(2, 40)}, version: ${int(100, 90000)}, delta: removed {${n}}`] }],
    [4, 'E11', 'added {<*>}, term: <*>, version: <*>, reason: ApplyCommitRequest{term=<*>, version=<*>, sourceNode=<*>}', () => ['INFO', 'o.e.c.s.ClusterApplierService', `added {${nodeRef()}}, term: ${int(2, 40)}, version: ${int(100, 90000)}, reason: ApplyCommitRequest{term=${int(2, 40)}, version=${int(100, 90000)}, sourceNode=${nodeRef()}}`]],
    [6, 'E12', 'Authentication of [<*>] was terminated by realm [<*>] - failed to authenticate user [<*>]', () => { const u = pick(['elastic', 'kibana_system', 'logstash_writer', 'alice']); return ['WARN', 'o.e.x.s.a.AuthenticationService', `Authentication of [${u}] was terminated by realm [${pick(['reserved', 'native1', 'ldap1'])}] - failed to authenticate user [${u}]`] }],
    [5, 'E13', 'exception caught on transport layer [Netty4TcpChannel{localAddress=<*>, remoteAddress=<*>, profile=default}], closing connection', () => ['WARN', 'o.e.t.TcpTransport', `exception caught on transport layer [Netty4TcpChannel{localAddress=/10.0.1.${int(4, 9)}:9300, remoteAddress=/${ip()}:${int(1024, 65535)}, profile=default}], closing connection`]],
    [6, 'E14', '[<*>][<*>] now throttling indexing: numMergesInFlight=<*>, maxNumMerges=<*>', () => ['INFO', 'o.e.i.e.Engine', `[${idx()}][${int(0, 2)}] now throttling indexing: numMergesInFlight=${int(5, 9)}, maxNumMerges=4`]],
    [6, 'E15', '[<*>][<*>] stop throttling indexing: numMergesInFlight=<*>, maxNumMerges=<*>', () => ['INFO', 'o.e.i.e.Engine', `[${idx()}][${int(0, 2)}] stop throttling indexing: numMergesInFlight=${int(1, 4)}, maxNumMerges=4`]],
    [2, 'E16', 'master node changed {previous [<*>], current [<*>]}, term: <*>, version: <*>, reason: <*>', () => ['INFO', 'o.e.c.s.ClusterApplierService', `master node changed {previous [${pick(['', nodeRef()])}], current [${nodeRef()}]}, term: ${int(2, 40)}, version: ${int(100, 90000)}, reason: ApplyCommitRequest{term=${int(2, 40)}, version=${int(100, 90000)}, sourceNode=${nodeRef()}}`]],
    [1, 'E17', 'started', () => ['INFO', 'o.e.n.Node', 'started']],
  ]
  run('elasticsearch', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, logger, body]) => `[${d.toISOString().slice(0, 23).replace('.', ',')}][${lvl.padEnd(5)}][${logger.padEnd(25)}] [${nodeName()}] ${body}`)
}
// ---------- Apache Cassandra 4 system.log (logback `LEVEL [thread] date File.java:line - message`)
{
  const ks = () => pick(['shop.orders', 'shop.carts', 'metrics.samples', 'system.local', 'system_schema.tables'])
  const tbl = () => ks().split('.')[1]
  const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
  const mib = () => `${int(0, 900)}.${pad(int(0, 999), 3)}MiB`
  const sst = () => `/var/lib/cassandra/data/${ks().replace('.', '/')}-${hex(32)}/nb-${int(1, 9000)}-big-Data.db`
  const peer = () => `/10.0.2.${int(10, 20)}`
  const ev = [
    [25, 'X1', 'Enqueuing flush of <*>: <*> (<*>%) on-heap, <*> (<*>%) off-heap', () => ['INFO', `NativePoolCleaner`, 'ColumnFamilyStore.java:878', `Enqueuing flush of ${tbl()}: ${mib()} (${int(0, 30)}%) on-heap, ${mib()} (${int(0, 30)}%) off-heap`]],
    [25, 'X2', 'Writing Memtable-<*>@<*>(<*> serialized bytes, <*> ops, <*>%/<*>% of on/off-heap limit), flushed range = (<*>, <*>]', () => ['INFO', `PerDiskMemtableFlushWriter_0:${int(1, 90)}`, 'Memtable.java:477', `Writing Memtable-${tbl()}@${int(100000000, 2100000000)}(${mib()} serialized bytes, ${int(1, 900000)} ops, ${int(0, 30)}%/${int(0, 30)}% of on/off-heap limit), flushed range = (min(-9223372036854775808), max(9223372036854775807)]`]],
    [25, 'X3', 'Completed flushing <*> (<*>) for commitlog position CommitLogPosition(segmentId=<*>, position=<*>)', () => ['INFO', `PerDiskMemtableFlushWriter_0:${int(1, 90)}`, 'Memtable.java:506', `Completed flushing ${sst()} (${mib()}) for commitlog position CommitLogPosition(segmentId=${int(1700000000000, 1799999999999)}, position=${int(100, 33554432)})`]],
    [15, 'X4', 'Compacting (<*>) [<*>]', () => ['INFO', `CompactionExecutor:${int(1, 8)}`, 'CompactionTask.java:164', `Compacting (${uuid()}) [${Array.from({ length: int(2, 4) }, () => `${sst()}:level=0`).join(', ')}, ]`]],
    [15, 'X5', 'Compacted (<*>) <*> sstables to [<*>] to level=<*>. <*> to <*> (~<*>% of original) in <*>ms. Read Throughput = <*>, Write Throughput = <*>, Row Throughput = ~<*>/s. <*> total partitions merged to <*>. Partition merge counts were {<*>}. Time spent writing keys = <*>ms', () => ['INFO', `CompactionExecutor:${int(1, 8)}`, 'CompactionTask.java:241', `Compacted (${uuid()}) ${int(2, 4)} sstables to [${sst().replace('-Data.db', '')},] to level=0.  ${mib()} to ${mib()} (~${int(40, 99)}% of original) in ${int(10, 9000).toLocaleString('en-US')}ms.  Read Throughput = ${mib()}/s, Write Throughput = ${mib()}/s, Row Throughput = ~${int(10, 90000).toLocaleString('en-US')}/s.  ${int(10, 9000).toLocaleString('en-US')} total partitions merged to ${int(10, 9000).toLocaleString('en-US')}.  Partition merge counts were {1:${int(10, 9000)}, 2:${int(0, 900)}, }. Time spent writing keys = ${int(1, 9000)}ms`]],
    [15, 'X6', '<*> GC in <*>ms. <*>', () => { const y = rnd() < 0.8; return [y ? 'INFO' : 'WARN', 'Service Thread', 'GCInspector.java:299', `${y ? 'G1 Young Generation' : 'G1 Old Generation'} GC in ${int(200, 3000)}ms.  G1 Eden Space: ${int(100000000, 900000000)} -> 0; G1 Old Gen: ${int(100000000, 900000000)} -> ${int(100000000, 900000000)}; G1 Survivor Space: ${int(1000000, 90000000)} -> ${int(1000000, 90000000)}; `] }],
    [8, 'X7', 'InetAddress <*> is now DOWN', () => ['INFO', 'GossipTasks:1', 'Gossiper.java:1291', `InetAddress ${peer()}:7000 is now DOWN`]],
    [8, 'X8', 'InetAddress <*> is now UP', () => ['INFO', 'GossipStage:1', 'Gossiper.java:1244', `InetAddress ${peer()}:7000 is now UP`]],
    [6, 'X9', 'Handshaking version with <*>', () => ['INFO', `Messaging-EventLoop-3-${int(1, 4)}`, 'OutboundConnectionInitiator.java:390', `Handshaking version with ${peer()}:7000`]],
    [6, 'X10', 'Node <*> state jump to NORMAL', () => ['INFO', 'GossipStage:1', 'StorageService.java:2960', `Node ${peer()}:7000 state jump to NORMAL`]],
    [6, 'X11', 'Read <*> live rows and <*> tombstone cells for query <*> (see tombstone_warn_threshold)', () => ['WARN', `ReadStage-${int(1, 16)}`, 'ReadCommand.java:601', `Read ${int(0, 5000)} live rows and ${int(1001, 90000)} tombstone cells for query SELECT * FROM ${ks()} WHERE ${pick(['id', 'customer_id', 'bucket'])} = ${int(1, 99999)} LIMIT 5000; token ${int(-9000000000, 9000000000)} (see tombstone_warn_threshold)`]],
    [5, 'X12', 'Batch for [<*>] is of size <*>, exceeding specified threshold of <*> by <*>.', () => ['WARN', `Native-Transport-Requests-${int(1, 32)}`, 'BatchStatement.java:286', `Batch for [${ks()}] is of size ${int(5, 90)}.${int(0, 9)}KiB, exceeding specified threshold of 5.000KiB by ${int(0, 85)}.${int(0, 9)}KiB.`]],
    [4, 'X13', 'Maximum memory usage reached (<*>), cannot allocate chunk of <*>', () => ['INFO', `ReadStage-${int(1, 16)}`, 'NoSpamLogger.java:92', `Maximum memory usage reached (${pick(['512.000MiB', '1.000GiB'])}), cannot allocate chunk of 8.000MiB`]],
    [4, 'X14', 'Redistributing index summaries', () => ['INFO', 'IndexSummaryManager:1', 'IndexSummaryRedistribution.java:78', 'Redistributing index summaries']],
    [3, 'X15', 'Saved <*> (<*> items) in <*> ms to <*>', () => { const c = pick(['KeyCache', 'RowCache', 'CounterCache']); return ['INFO', 'CompactionExecutor:1', 'AutoSavingCache.java:395', `Saved ${c} (${int(0, 90000)} items) in ${int(1, 900)} ms to /var/lib/cassandra/saved_caches/${c}-g.db`] }],
  ]
  run('cassandra', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, thread, where, body]) => `${lvl.padEnd(5)} [${thread}] ${isoMs(d).replace('.', ',')} ${where} - ${body}`)
}
// ---------- s42-ga held-out systems (written and committed before any discovery figure of theirs was read;
// their rng draws come after the sixteen above, so those stay byte for byte what seed N gave before)
// ---------- MongoDB 4.0 mongod text log (`date S COMPONENT [context] message`)
{
  const host = () => `${ip()}:${int(1024, 65535)}`
  const conn = () => `conn${int(1, 90000)}`
  const db = () => pick(['shop', 'admin', 'analytics', 'users'])
  const coll = () => pick(['orders', 'carts', 'events', 'profiles', 'sessions'])
  const oid = () => hex(24)
  const query = () => pick([
    () => `find { find: "${coll()}", filter: { customer_id: ${int(1, 99999)} }, limit: ${pick([1, 20, 50])}, $db: "${db()}" } planSummary: IXSCAN { customer_id: 1 }`,
    () => `find { find: "${coll()}", filter: { status: "${pick(['open', 'paid', 'shipped'])}", created: { $lt: new Date(${int(1700000000000, 1799999999999)}) } }, $db: "${db()}" } planSummary: COLLSCAN`,
    () => `aggregate { aggregate: "${coll()}", pipeline: [ { $match: { day: "2026-11-${pad(int(1, 3))}" } }, { $group: { _id: "$sku", n: { $sum: 1 } } } ], cursor: {}, $db: "${db()}" } planSummary: COLLSCAN`,
    () => `update { update: "${coll()}", updates: [ { q: { _id: ObjectId('${oid()}') }, u: { $set: { seen: true } } } ], ordered: true, $db: "${db()}" } planSummary: IDHACK`,
  ])()
  const state = () => pick(['PRIMARY', 'SECONDARY', 'RECOVERING', 'ARBITER', 'DOWN', 'ROLLBACK'])
  const member = () => `${pick(['db1', 'db2', 'db3'])}.example.net:27017`
  const ev = [
    [40, 'M1', 'connection accepted from <*> #<*> (<*> connections now open)', () => ['I', 'NETWORK', 'listener', `connection accepted from ${host()} #${int(1, 90000)} (${int(1, 400)} connections now open)`]],
    [40, 'M2', 'end connection <*> (<*> connections now open)', () => ['I', 'NETWORK', conn(), `end connection ${host()} (${int(1, 400)} connections now open)`]],
    [25, 'M3', 'received client metadata from <*> <*>: { driver: { name: "<*>", version: "<*>" }, os: { type: "<*>", name: "<*>", architecture: "<*>", version: "<*>" }, platform: "<*>" }', () => { const c = conn(); const [dn, dv, pl] = pick([['nodejs', '4.17.1', 'Node.js v20.10.0, LE (unified)'], ['PyMongo', '4.6.1', 'CPython 3.11.6.final.0'], ['mongo-java-driver|sync', '4.11.1', 'Java/Eclipse Adoptium/17.0.9+9']]); return ['I', 'NETWORK', c, `received client metadata from ${host()} ${c}: { driver: { name: "${dn}", version: "${dv}" }, os: { type: "Linux", name: "${pick(['linux', 'Ubuntu', 'Debian GNU/Linux'])}", architecture: "x86_64", version: "${pick(['5.15.0-88-generic', '6.1.0-13-amd64', '22.04'])}" }, platform: "${pl}" }`] }],
    [20, 'M4', 'Successfully authenticated as principal <*> on <*> from client <*>', () => ['I', 'ACCESS', conn(), `Successfully authenticated as principal ${pick(['app', 'reporting', 'backup', 'admin'])} on ${db()} from client ${host()}`]],
    [10, 'M5', 'SASL <*> authentication failed for <*> on <*> from client <*> ; <*>: <*>', () => { const u = pick(['app', 'root', 'test', 'reporting']); const d = db(); return ['I', 'ACCESS', conn(), `SASL ${pick(['SCRAM-SHA-1', 'SCRAM-SHA-256'])} authentication failed for ${u} on ${d} from client ${host()} ; ${pick([`UserNotFound: Could not find user "${u}" for db "${d}"`, 'AuthenticationFailed: SCRAM authentication failed, storedKey mismatch'])}`] }],
    [30, 'M6', 'command <*> command: <*> keysExamined:<*> docsExamined:<*> numYields:<*> nreturned:<*> reslen:<*> protocol:op_msg <*>ms', () => ['I', 'COMMAND', conn(), `command ${db()}.${coll()} command: ${query()} keysExamined:${int(0, 5000)} docsExamined:${int(0, 90000)} numYields:${int(0, 700)} nreturned:${int(0, 50)} reslen:${int(200, 90000)} protocol:op_msg ${int(100, 9000)}ms`]],
    [8, 'M7', 'build index on: <*> properties: { v: <*>, key: { <*>: <*> }, name: "<*>", ns: "<*>" }', () => { const f = pick(['customer_id', 'created', 'sku', 'email']); const ns = `${db()}.${coll()}`; return ['I', 'INDEX', conn(), `build index on: ${ns} properties: { v: 2, key: { ${f}: ${pick([1, -1])} }, name: "${f}_1", ns: "${ns}" }`] }],
    [8, 'M8', 'build index done.  scanned <*> total records. <*> secs', () => ['I', 'INDEX', conn(), `build index done.  scanned ${int(0, 900000)} total records. ${int(0, 90)} secs`]],
    [6, 'M9', 'Member <*> is now in state <*>', () => ['I', 'REPL', `replexec-${int(1, 40)}`, `Member ${member()} is now in state ${state()}`]],
    [3, 'M10', 'transition to <*> from <*>', () => ['I', 'REPL', 'rsSync', `transition to ${state()} from ${state()}`]],
    [6, 'M11', 'Error in heartbeat (requestId: <*>) to <*>, response status: <*>: <*>', () => { const m = member(); return ['I', 'REPL_HB', `replexec-${int(1, 40)}`, `Error in heartbeat (requestId: ${int(1000, 900000)}) to ${m}, response status: ${pick([`HostUnreachable: Error connecting to ${m} (10.0.3.${int(2, 9)}:27017) :: caused by :: Connection refused`, 'NetworkInterfaceExceededTimeLimit: Request 9123 timed out, deadline was 2026-11-03T06:00:10.000+0000', 'InvalidReplicaSetConfig: Our replica set configuration is invalid or does not include us'])}`] }],
    [6, 'M12', 'Slow WT transaction. Lifetime of SnapshotId <*> was <*>ms', () => ['I', 'STORAGE', conn(), `Slow WT transaction. Lifetime of SnapshotId ${int(100000, 9000000)} was ${int(100, 9000)}ms`]],
    [4, 'M13', 'dropCollection: <*> (<*>) - renaming to drop-pending collection: <*> with drop optime { ts: Timestamp(<*>, <*>), t: <*> }', () => { const ns = `${db()}.${coll()}`; const ts = int(1700000000, 1799999999); return ['I', 'STORAGE', conn(), `dropCollection: ${ns} (${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}) - renaming to drop-pending collection: ${ns.split('.')[0]}.system.drop.${ts}i${int(1, 9)}t${int(1, 9)}.${ns.split('.')[1]} with drop optime { ts: Timestamp(${ts}, ${int(1, 9)}), t: ${int(1, 9)} }`] }],
    [5, 'M14', 'Sessions collection is not set up; waiting until next sessions refresh interval: <*>', () => ['I', 'CONTROL', 'LogicalSessionCacheRefresh', `Sessions collection is not set up; waiting until next sessions refresh interval: ${pick(['Replication has not yet been configured', 'sharding state is not yet initialized', 'config.system.sessions does not exist'])}`]],
    [3, 'M15', 'Refreshing chunks for collection <*> based on version <*>', () => ['I', 'SH_REFR', `ConfigServerCatalogCacheLoader-${int(0, 9)}`, `Refreshing chunks for collection ${db()}.${coll()} based on version ${int(1, 90)}|${int(0, 900)}||${oid()}`]],
    [2, 'M16', 'Assertion: <*>:<*> src/mongo/<*> <*>', () => ['W', 'ASIO', conn(), `Assertion: ${pick(['13388', '10334', '40415'])}:${pick(['BSONObj size: 17825792 (0x1100000) is invalid', 'Unknown option to update command'])} src/mongo/${pick(['bson/bsonobj.cpp', 'db/ops/write_ops_parsers.cpp'])} ${int(50, 900)}`]],
  ]
  run('mongod', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [sev, comp, ctx, body]) => `${d.toISOString().replace('Z', '+0000')} ${sev} ${comp.padEnd(8)} [${ctx}] ${body}`)
}
// ---------- nginx error log (`date [level] pid#tid: *cid message, client: ..., server: ...`)
{
  const host = () => pick(['shop.example.com', 'api.example.com', 'static.example.com'])
  const path_ = () => pick(['/favicon.ico', '/wp-login.php', `/api/v1/orders/${int(1, 99999)}`, '/.env', `/static/js/app.${hex(8)}.js`, '/robots.txt', `/images/p/${int(100, 999)}.webp`])
  const req = () => `${wpick([[8, 'GET'], [2, 'POST'], [1, 'HEAD']])} ${path_()} HTTP/${pick(['1.1', '1.0', '2.0'])}`
  const up = () => `10.0.1.${int(4, 9)}:${pick([8080, 8081, 9000])}`
  const ctx = (h, r) => `client: ${ip()}, server: ${h}, request: "${r}"`
  const ev = [
    [40, 'N1', '*<*> open() "<*>" failed (<*>: <*>), client: <*>, server: <*>, request: "<*>", host: "<*>"', () => { const h = host(); const p = path_(); const [no, txt] = wpick([[8, [2, 'No such file or directory']], [2, [13, 'Permission denied']], [1, [20, 'Not a directory']]]); return ['error', `*${int(1, 900000)} open() "/var/www/${h}${p}" failed (${no}: ${txt}), ${ctx(h, `GET ${p} HTTP/1.1`)}, host: "${h}"`] }],
    [25, 'N2', '*<*> upstream timed out (<*>: Connection timed out) while reading response header from upstream, client: <*>, server: <*>, request: "<*>", upstream: "<*>", host: "<*>"', () => { const h = host(); const r = req(); return ['error', `*${int(1, 900000)} upstream timed out (110: Connection timed out) while reading response header from upstream, ${ctx(h, r)}, upstream: "http://${up()}${r.split(' ')[1]}", host: "${h}"`] }],
    [20, 'N3', '*<*> connect() failed (<*>: Connection refused) while connecting to upstream, client: <*>, server: <*>, request: "<*>", upstream: "<*>", host: "<*>"', () => { const h = host(); const r = req(); return ['error', `*${int(1, 900000)} connect() failed (111: Connection refused) while connecting to upstream, ${ctx(h, r)}, upstream: "http://${up()}${r.split(' ')[1]}", host: "${h}"`] }],
    [8, 'N4', '*<*> no live upstreams while connecting to upstream, client: <*>, server: <*>, request: "<*>", upstream: "<*>", host: "<*>"', () => { const h = host(); const r = req(); return ['error', `*${int(1, 900000)} no live upstreams while connecting to upstream, ${ctx(h, r)}, upstream: "http://${pick(['backend', 'api_pool', 'php'])}${r.split(' ')[1]}", host: "${h}"`] }],
    [8, 'N5', '*<*> client intended to send too large body: <*> bytes, client: <*>, server: <*>, request: "<*>", host: "<*>"', () => { const h = host(); return ['error', `*${int(1, 900000)} client intended to send too large body: ${int(1048577, 90000000)} bytes, ${ctx(h, `POST /api/v1/upload HTTP/1.1`)}, host: "${h}"`] }],
    [15, 'N6', '*<*> limiting requests, excess: <*> by zone "<*>", client: <*>, server: <*>, request: "<*>", host: "<*>"', () => { const h = host(); return [pick(['error', 'warn']), `*${int(1, 900000)} limiting requests, excess: ${int(0, 50)}.${pad(int(0, 999), 3)} by zone "${pick(['perip', 'login', 'api'])}", ${ctx(h, req())}, host: "${h}"`] }],
    [10, 'N7', '*<*> access forbidden by rule, client: <*>, server: <*>, request: "<*>", host: "<*>"', () => { const h = host(); return ['error', `*${int(1, 900000)} access forbidden by rule, ${ctx(h, req())}, host: "${h}"`] }],
    [15, 'N8', '*<*> SSL_do_handshake() failed (SSL: error:<*>:SSL routines::<*>) while SSL handshaking, client: <*>, server: <*>', () => { const [code, why] = pick([['0A00006C', 'bad key share'], ['0A000102', 'unsupported protocol'], ['0A0000C1', 'no shared cipher'], ['0A00009C', 'http request']]); return ['info', `*${int(1, 900000)} SSL_do_handshake() failed (SSL: error:${code}:SSL routines::${why}) while SSL handshaking, client: ${ip()}, server: 0.0.0.0:443`] }],
    [6, 'N9', '*<*> upstream sent too big header while reading response header from upstream, client: <*>, server: <*>, request: "<*>", upstream: "<*>", host: "<*>"', () => { const h = host(); const r = req(); return ['error', `*${int(1, 900000)} upstream sent too big header while reading response header from upstream, ${ctx(h, r)}, upstream: "http://${up()}${r.split(' ')[1]}", host: "${h}"`] }],
    [8, 'N10', '*<*> an upstream response is buffered to a temporary file <*> while reading upstream, client: <*>, server: <*>, request: "<*>", upstream: "<*>", host: "<*>"', () => { const h = host(); const r = req(); return ['warn', `*${int(1, 900000)} an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/${int(0, 9)}/${pad(int(0, 99))}/${pad(int(0, 9999999999), 10)} while reading upstream, ${ctx(h, r)}, upstream: "http://${up()}${r.split(' ')[1]}", host: "${h}"`] }],
    [10, 'N11', '*<*> FastCGI sent in stderr: "<*>" while reading response header from upstream, client: <*>, server: <*>, request: "<*>", upstream: "<*>", host: "<*>"', () => { const h = host(); return ['error', `*${int(1, 900000)} FastCGI sent in stderr: "PHP message: PHP ${pick([`Warning:  Undefined variable $${pick(['user', 'cart', 'total'])} in /var/www/html/${pick(['index.php', 'cart.php', 'lib/db.php'])} on line ${int(2, 900)}`, `Fatal error:  Uncaught Error: Call to a member function ${pick(['fetch()', 'getId()'])} on null in /var/www/html/lib/db.php:${int(2, 900)}`, `Deprecated:  strlen(): Passing null to parameter #1 ($string) of type string is deprecated in /var/www/html/index.php on line ${int(2, 900)}`])}" while reading response header from upstream, ${ctx(h, 'GET /index.php HTTP/1.1')}, upstream: "fastcgi://unix:/run/php/php8.2-fpm.sock:", host: "${h}"`] }],
    [3, 'N12', 'worker process <*> exited on signal <*>', () => ['alert', `worker process ${int(1000, 99999)} exited on signal ${pick([9, 11, 6])}`]],
    [3, 'N13', 'signal <*> (<*>) received from <*>, <*>', () => { const [n, nm, what] = pick([[1, 'SIGHUP', 'reconfiguring'], [15, 'SIGTERM', 'exiting'], [10, 'SIGUSR1', 'reopening logs']]); return ['notice', `signal ${n} (${nm}) received from ${int(1000, 99999)}, ${what}`] }],
    [2, 'N14', 'bind() to <*> failed (<*>: Address already in use)', () => ['emerg', `bind() to ${pick(['0.0.0.0:80', '0.0.0.0:443', '[::]:80'])} failed (98: Address already in use)`]],
  ]
  run('nginxerr', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, body]) => { const pid = pick([1187, 1188, 1189]); return `${d.toISOString().slice(0, 19).replace('T', ' ').replaceAll('-', '/')} [${lvl}] ${pid}#${pid}: ${body}` })
}
// ---------- Envoy proxy application log (`[date][thread][level][logger] [source:line] message`)
{
  const cid = () => `C${int(1, 90000)}`
  const cluster = () => pick(['service_orders', 'service_users', 'outbound|8080||ratings.default.svc.cluster.local', 'xds_cluster'])
  const hostp = () => `10.244.${int(0, 9)}.${int(2, 250)}:${pick([8080, 9090, 15010])}`
  const ev = [
    [30, 'V1', '[<*>] new stream', () => ['debug', 'http', 'source/common/http/conn_manager_impl.cc:329', `[${cid()}] new stream`]],
    [25, 'V2', '[<*>][<*>] request headers complete (end_stream=<*>):', () => ['debug', 'http', 'source/common/http/conn_manager_impl.cc:1159', `[${cid()}][S${int(1e17, 9e17)}] request headers complete (end_stream=${pick(['true', 'false'])}):`]],
    [25, 'V3', '[<*>][<*>] cluster \'<*>\' match for URL \'<*>\'', () => ['debug', 'router', 'source/common/router/router.cc:457', `[${cid()}][S${int(1e17, 9e17)}] cluster '${cluster()}' match for URL '${pick(['/api/v1/orders', `/api/v1/users/${int(1, 9999)}`, '/healthz', '/ratings.v1.Ratings/Get'])}'`]],
    [25, 'V4', '[<*>] closing data_to_write=<*> type=<*>', () => ['debug', 'connection', 'source/common/network/connection_impl.cc:139', `[${cid()}] closing data_to_write=${int(0, 9000)} type=${int(0, 2)}`]],
    [20, 'V5', '[<*>] closing socket: <*>', () => ['debug', 'connection', 'source/common/network/connection_impl.cc:250', `[${cid()}] closing socket: ${int(0, 1)}`]],
    [15, 'V6', '[<*>][<*>] upstream reset: reset reason: <*>, transport failure reason: <*>', () => ['debug', 'router', 'source/common/router/router.cc:1247', `[${cid()}][S${int(1e17, 9e17)}] upstream reset: reset reason: ${pick(['connection failure', 'remote reset', 'connection termination', 'overflow'])}, transport failure reason: ${pick(['', 'delayed connect error: 111', 'TLS error: 268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED'])}`]],
    [15, 'V7', '[<*>] attaching to next stream', () => ['debug', 'pool', 'source/common/conn_pool/conn_pool_base.cc:47', `[${cid()}] attaching to next stream`]],
    [12, 'V8', '[<*>] connecting to <*>', () => ['debug', 'connection', 'source/common/network/connection_impl.cc:912', `[${cid()}] connecting to ${hostp()}`]],
    [8, 'V9', 'cds: add <*> cluster(s), remove <*> cluster(s)', () => ['info', 'upstream', 'source/common/upstream/cds_api_helper.cc:30', `cds: add ${int(0, 40)} cluster(s), remove ${int(0, 5)} cluster(s)`]],
    [8, 'V10', 'cds: added/updated <*> cluster(s), skipped <*> unmodified cluster(s)', () => ['info', 'upstream', 'source/common/upstream/cds_api_helper.cc:67', `cds: added/updated ${int(0, 40)} cluster(s), skipped ${int(0, 40)} unmodified cluster(s)`]],
    [8, 'V11', 'StreamAggregatedResources gRPC config stream to <*> closed: <*>, <*>', () => ['warning', 'config', 'source/common/config/grpc_stream.h:160', `StreamAggregatedResources gRPC config stream to xds_cluster closed: ${pick([[14, 'upstream connect error or disconnect/reset before headers. reset reason: connection failure'], [13, ''], [0, '']]).join(', ')}`]],
    [4, 'V12', 'all clusters initialized. initializing init manager', () => ['info', 'upstream', 'source/common/upstream/cluster_manager_impl.cc:222', 'all clusters initialized. initializing init manager']],
    [4, 'V13', 'Deprecated field: type <*> <*> from file <*>. This configuration will be removed from Envoy soon. Please see https://www.envoyproxy.io/docs/envoy/latest/version_history/version_history for details. If continued use of this field is absolutely necessary, see https://www.envoyproxy.io/docs/envoy/latest/configuration/operations/runtime#using-runtime-overrides-for-deprecated-features for how to apply a temporary and highly discouraged override.', () => { const [t, f] = pick([['envoy.config.route.v3.RouteMatch', 'Using deprecated option \'envoy.config.route.v3.RouteMatch.hidden_envoy_deprecated_regex\''], ['envoy.config.cluster.v3.Cluster', 'Using deprecated option \'envoy.config.cluster.v3.Cluster.hosts\''], ['envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager', 'Using deprecated option \'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.internal_address_config\'']]); return ['warning', 'misc', 'source/common/protobuf/message_validator_impl.cc:21', `Deprecated field: type ${t} ${f} from file ${pick(['route.proto', 'cluster.proto', 'http_connection_manager.proto'])}. This configuration will be removed from Envoy soon. Please see https://www.envoyproxy.io/docs/envoy/latest/version_history/version_history for details. If continued use of this field is absolutely necessary, see https://www.envoyproxy.io/docs/envoy/latest/configuration/operations/runtime#using-runtime-overrides-for-deprecated-features for how to apply a temporary and highly discouraged override.`] }],
    [6, 'V14', 'health check failed for host <*> in cluster <*>: <*>', () => ['debug', 'hc', 'source/common/upstream/health_checker_impl.cc:330', `health check failed for host ${hostp()} in cluster ${cluster()}: ${pick(['connection failure', 'response code 503', 'timeout'])}`]],
    [3, 'V15', 'caught ENVOY_SIGTERM', () => ['warning', 'main', 'source/server/server.cc:817', 'caught ENVOY_SIGTERM']],
  ]
  run('envoy', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, logger, src, body]) => `[${d.toISOString().slice(0, 23).replace('T', ' ')}][${pick([14, 15, 21, 22, 23])}][${lvl}][${logger}] [${src}] ${body}`)
}
// ---------- s43-ga held-out systems kubelet, dockerd, mysqld (their failures unread through stop 43); moved to
// development by s44-ga (their failures read and used to write rules); the three after them are held out in their place
// ---------- kubelet under journald, klog structured messages (`I1103 06:00:01.123456    1187 file.go:123] "msg" k=v`)
{
  const ns = () => pick(['default', 'kube-system', 'payments', 'monitoring', 'ingress-nginx'])
  const podName = () => `${pick(['web', 'api', 'worker', 'redis', 'prometheus-node-exporter', 'coredns'])}-${hex(9).replace(/[0-9]/g, (c) => 'bcdfghjklm'[c])}-${hex(5).replace(/[0-9]/g, (c) => 'npqrstvwxz'[c])}`
  const pod = () => `${ns()}/${podName()}`
  const uid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
  const ctr = () => pick(['app', 'nginx', 'istio-proxy', 'redis', 'node-exporter', 'coredns', 'init-db'])
  const cidx = () => hex(64)
  const vol = () => pick(['kube-api-access-', 'config-volume-', 'data-', 'tls-certs-']) + hex(5)
  const ev = [
    [30, 'K1', '"SyncLoop (PLEG): event for pod" pod="<*>" event={"ID":"<*>","Type":"<*>","Data":"<*>"}', () => ['I', 'kubelet.go:2457', `"SyncLoop (PLEG): event for pod" pod="${pod()}" event={"ID":"${uid()}","Type":"${pick(['ContainerStarted', 'ContainerDied', 'ContainerRemoved'])}","Data":"${cidx()}"}`]],
    [15, 'K2', '"SyncLoop ADD" source="<*>" pods=[<*>]', () => ['I', 'kubelet.go:2379', `"SyncLoop ADD" source="${pick(['api', 'api', 'file'])}" pods=[${Array.from({ length: int(1, 3) }, () => `"${pod()}"`).join(' ')}]`]],
    [12, 'K3', '"SyncLoop DELETE" source="<*>" pods=[<*>]', () => ['I', 'kubelet.go:2395', `"SyncLoop DELETE" source="api" pods=[${Array.from({ length: int(1, 2) }, () => `"${pod()}"`).join(' ')}]`]],
    [25, 'K4', '"Probe failed" probeType="<*>" pod="<*>" podUID="<*>" containerName="<*>" probeResult="failure" output="<*>"', () => { const a = `10.244.${int(0, 9)}.${int(2, 250)}`; const port = pick([8080, 9090, 3000]); return ['I', 'prober.go:107', `"Probe failed" probeType="${pick(['Readiness', 'Liveness', 'Startup'])}" pod="${pod()}" podUID="${uid()}" containerName="${ctr()}" probeResult="failure" output="${pick([`Get \\"http://${a}:${port}/healthz\\": dial tcp ${a}:${port}: connect: connection refused`, `Get \\"http://${a}:${port}/ready\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, `HTTP probe failed with statuscode: ${pick([500, 503, 404])}`, `dial tcp ${a}:${port}: i/o timeout`])}"`] }],
    [20, 'K5', '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"<*>\\" with CrashLoopBackOff: \\"back-off <*> restarting failed container=<*> pod=<*>(<*>)\\"" pod="<*>" podUID="<*>"', () => { const c = ctr(); const pn = podName(); const n = ns(); const u = uid(); return ['E', 'pod_workers.go:1300', `"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"${c}\\" with CrashLoopBackOff: \\"back-off ${pick(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s'])} restarting failed container=${c} pod=${pn}_${n}(${u})\\"" pod="${n}/${pn}" podUID="${u}"`] }],
    [15, 'K6', '"RemoveContainer" containerID="<*>"', () => ['I', 'scope.go:117', `"RemoveContainer" containerID="${cidx()}"`]],
    [12, 'K7', '"operationExecutor.UnmountVolume started for volume \\"<*>\\" (UniqueName: \\"<*>\\") pod \\"<*>\\" (UID: \\"<*>\\") "', () => { const v = vol(); const u = uid(); return ['I', 'reconciler_common.go:159', `"operationExecutor.UnmountVolume started for volume \\"${v}\\" (UniqueName: \\"kubernetes.io/${pick(['projected', 'configmap', 'secret'])}/${u}-${v}\\") pod \\"${u}\\" (UID: \\"${u}\\") "`] }],
    [14, 'K8', '"MountVolume.SetUp succeeded for volume \\"<*>\\" (UniqueName: \\"<*>\\") pod \\"<*>\\" (UID: \\"<*>\\") " pod="<*>"', () => { const v = vol(); const u = uid(); const pn = podName(); const n = ns(); return ['I', 'operation_generator.go:721', `"MountVolume.SetUp succeeded for volume \\"${v}\\" (UniqueName: \\"kubernetes.io/${pick(['projected', 'configmap', 'secret'])}/${u}-${v}\\") pod \\"${pn}\\" (UID: \\"${u}\\") " pod="${n}/${pn}"`] }],
    [5, 'K9', '"Eviction manager: attempting to reclaim" resourceName="<*>"', () => ['I', 'eviction_manager.go:366', `"Eviction manager: attempting to reclaim" resourceName="${pick(['ephemeral-storage', 'memory', 'nodefs.inodefree'])}"`]],
    [5, 'K10', '"Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=<*> highThreshold=<*> amountToFree=<*> lowThreshold=<*>', () => ['I', 'image_gc_manager.go:310', `"Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=${int(86, 99)} highThreshold=85 amountToFree=${int(1e8, 9e9)} lowThreshold=80`]],
    [12, 'K11', '"Killing container with a grace period" pod="<*>" podUID="<*>" containerName="<*>" containerID="<*>" gracePeriod=<*>', () => ['I', 'kuberuntime_container.go:745', `"Killing container with a grace period" pod="${pod()}" podUID="${uid()}" containerName="${ctr()}" containerID="containerd://${cidx()}" gracePeriod=${pick([30, 30, 10, 60, 1])}`]],
    [12, 'K12', '"Observed pod startup duration" pod="<*>" podStartSLOduration=<*> podStartE2EDuration="<*>" observedRunningTime="<*>" watchObservedRunningTime="<*>"', (d) => { const t = d.toISOString().replace('T', ' ').replace('Z', ' +0000 UTC'); return ['I', 'pod_startup_latency_tracker.go:102', `"Observed pod startup duration" pod="${pod()}" podStartSLOduration=${(rnd() * 20).toFixed(9)} podStartE2EDuration="${(rnd() * 40).toFixed(6)}s" observedRunningTime="${t}" watchObservedRunningTime="${t}"`] }],
    [4, 'K13', '"Unable to read config path" err="path does not exist, ignoring" path="<*>"', () => ['I', 'file_linux.go:61', '"Unable to read config path" err="path does not exist, ignoring" path="/etc/kubernetes/manifests"']],
    [8, 'K14', '"Failed to get status for pod" podUID="<*>" pod="<*>" err="<*>"', () => { const n = ns(); const pn = podName(); return ['I', 'status_manager.go:853', `"Failed to get status for pod" podUID="${uid()}" pod="${n}/${pn}" err="Get \\"https://10.0.0.${int(2, 9)}:6443/api/v1/namespaces/${n}/pods/${pn}\\": ${pick(['dial tcp 10.0.0.1:6443: connect: connection refused', 'context deadline exceeded', 'net/http: TLS handshake timeout', 'http2: client connection lost'])}"`] }],
    [6, 'K15', '"Nameserver limits exceeded" err="Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: <*>"', () => ['E', 'dns.go:153', `"Nameserver limits exceeded" err="Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${Array.from({ length: 3 }, () => ip()).join(' ')}"`]],
  ]
  run('kubelet', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, src, body]) => { const pid = pick([1187, 1187, 1187, 2291]); return `${sysDate(d)} ${pick(['node-a1', 'node-a2', 'node-b7'])} kubelet[${pid}]: ${lvl}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${d.toISOString().slice(11, 23)}${pad(int(0, 999), 3)} ${String(pid + int(0, 40)).padStart(7)} ${src}] ${body}` })
}
// ---------- dockerd under journald, logrus text (`time="..." level=info msg="..." key=value`)
{
  const cid = () => hex(64)
  const img = () => pick(['nginx:1.25', 'registry.internal:5000/shop/api:2.14.1', 'postgres:16-alpine', 'ghcr.io/acme/worker:sha-' + hex(7), 'redis:7'])
  const ev = [
    [30, 'D1', 'ignoring event', () => ['info', 'ignoring event', `container=${cid()} module=libcontainerd namespace=moby topic=/tasks/delete type="*events.TaskDelete"`]],
    [20, 'D2', 'shim disconnected', () => ['info', 'shim disconnected', `id=${cid()} namespace=moby`]],
    [18, 'D3', 'cleaning up after shim disconnected', () => ['warning', 'cleaning up after shim disconnected', `id=${cid()} namespace=moby`]],
    [10, 'D4', 'Container failed to exit within <*> of signal <*> - using the force', () => ['info', `Container failed to exit within ${pick(['10s', '30s', '2s'])} of signal ${pick([15, 15, 3, 2])} - using the force`, `container=${cid()}`]],
    [15, 'D5', 'Handler for <*> <*> returned error: <*>', () => { const c = hex(12); const [m, u, e] = pick([['POST', `/v1.43/containers/${c}/start`, `driver failed programming external connectivity on endpoint ${pick(['shop_api_1', 'web', 'db'])} (${hex(64)}): Bind for 0.0.0.0:${pick([80, 5432, 8080])} failed: port is already allocated`], ['GET', `/v1.43/containers/${c}/json`, `No such container: ${c}`], ['DELETE', `/v1.43/images/${img()}`, `conflict: unable to remove repository reference "${img()}" (must force) - container ${c} is using its referenced image ${hex(12)}`], ['POST', `/v1.43/containers/${c}/stop`, `Container ${c} is not running`]]); return ['error', `Handler for ${m} ${u} returned error: ${e}`, ''] }],
    [10, 'D6', 'Attempting next endpoint for pull after error: <*>', () => ['info', `Attempting next endpoint for pull after error: ${pick(['manifest unknown: manifest unknown', 'unauthorized: authentication required', `Get "https://registry.internal:5000/v2/": dial tcp ${ip()}:5000: connect: no route to host`])}`, '']],
    [8, 'D7', 'Not continuing with pull after error: <*>', () => ['error', `Not continuing with pull after error: ${pick(['manifest unknown: manifest unknown', `errors:\\ndenied: requested access to the resource is denied\\nunauthorized: authentication required\\n`, 'context canceled'])}`, '']],
    [10, 'D8', 'Layer sha256:<*> cleaned up', () => ['info', `Layer sha256:${hex(64)} cleaned up`, '']],
    [6, 'D9', 'Firewalld: interface <*> already part of docker zone, returning', () => ['info', `Firewalld: interface ${pick(['docker0', 'br-' + hex(12)])} already part of docker zone, returning`, '']],
    [6, 'D10', 'No non-localhost DNS nameservers are left in resolv.conf. Using default external servers: [nameserver 8.8.8.8 nameserver 8.8.4.4]', () => ['info', 'No non-localhost DNS nameservers are left in resolv.conf. Using default external servers: [nameserver 8.8.8.8 nameserver 8.8.4.4]', '']],
    [8, 'D11', 'Health check for container <*> error: <*>', () => { const c = cid(); return ['warning', `Health check for container ${c} error: ${pick([`timed out starting health check for container ${c}`, 'context deadline exceeded', `OCI runtime exec failed: exec failed: unable to start container process: exec: "${pick(['curl', 'wget', 'pg_isready'])}": executable file not found in $PATH: unknown`])}`, ''] }],
    [3, 'D12', 'Processing signal \'<*>\'', () => ['info', `Processing signal '${pick(['terminated', 'hangup', 'interrupt'])}'`, '']],
    [3, 'D13', 'API listen on <*>', () => ['info', `API listen on ${pick(['/run/docker.sock', '[::]:2376', '/var/run/docker.sock'])}`, '']],
    [6, 'D14', 'stream copy error: reading from a closed fifo', () => ['error', 'stream copy error: reading from a closed fifo', '']],
    [6, 'D15', 'Error getting service <*>: service <*> not found', () => { const s = `${pick(['shop', 'mon', 'ci'])}_${pick(['api', 'web', 'db', 'grafana'])}`; return ['error', `Error getting service ${s}: service ${s} not found`, ''] }],
  ]
  run('dockerd', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, msg, rest]) => `${sysDate(d)} ${pick(['docker-01', 'docker-02'])} dockerd[${pick([912, 913, 1450])}]: time="${d.toISOString().replace('Z', '')}${pad(int(0, 999999), 6)}Z" level=${lvl} msg="${msg.replaceAll('"', '\\"')}"${rest ? ` ${rest}` : ''}`)
}
// ---------- MySQL 8 error log (`2026-11-03T06:00:01.123456Z thread [Level] [MY-code] [Subsystem] message`)
{
  const db = () => pick(['shop', 'billing', 'analytics', 'wp_site'])
  const usr = () => pick(['app', 'report_ro', 'root', 'wp_user', 'repl', 'etl'])
  const hst = () => wpick([[3, ip()], [1, 'localhost'], [1, `app-${int(1, 9)}.internal`]])
  const ev = [
    [35, 'Q1', 'Aborted connection <*> to db: \'<*>\' user: \'<*>\' host: \'<*>\' (<*>).', () => ['Note', 'MY-010914', 'Server', `Aborted connection ${int(10, 900000)} to db: '${db()}' user: '${usr()}' host: '${hst()}' (${pick(['Got an error reading communication packets', 'Got timeout reading communication packets', 'Got an error writing communication packets', 'Got timeout writing communication packets'])}).`]],
    [20, 'Q2', 'IP address \'<*>\' could not be resolved: <*>', () => ['Warning', 'MY-010055', 'Server', `IP address '${ip()}' could not be resolved: ${pick(['Name or service not known', 'Temporary failure in name resolution'])}`]],
    [25, 'Q3', 'Access denied for user \'<*>\'@\'<*>\' (using password: <*>)', () => ['Note', 'MY-010926', 'Server', `Access denied for user '${pick([...BADUSERS, 'root', 'app'])}'@'${hst()}' (using password: ${pick(['YES', 'YES', 'NO'])})`]],
    [5, 'Q4', 'Host \'<*>\' is blocked because of many connection errors; unblock with \'mysqladmin flush-hosts\'', () => ['Warning', 'MY-010917', 'Server', `Host '${ip()}' is blocked because of many connection errors; unblock with 'mysqladmin flush-hosts'`]],
    [15, 'Q5', 'page_cleaner: 1000ms intended loop took <*>ms. The settings might not be optimal. (flushed=<*>, during the time.)', () => ['Note', 'MY-011953', 'InnoDB', `page_cleaner: 1000ms intended loop took ${int(1001, 90000)}ms. The settings might not be optimal. (flushed=${int(0, 4000)}, during the time.)`]],
    [12, 'Q6', 'Transactions deadlock detected, dumping detailed information.', () => ['Note', 'MY-012468', 'InnoDB', 'Transactions deadlock detected, dumping detailed information.']],
    [5, 'Q7', 'Event Scheduler: scheduler thread started with id <*>', () => ['Note', 'MY-010051', 'Server', `Event Scheduler: scheduler thread started with id ${int(1, 99)}`]],
    [10, 'Q8', 'Replica I/O thread for channel \'<*>\': connected to source \'<*>\',replication started in log \'<*>\' at position <*>', () => ['System', 'MY-010562', 'Repl', `Replica I/O thread for channel '${pick(['', 'group_replication_recovery', 'src2'])}': connected to source 'repl@${pick(['db-primary', '10.0.3.11'])}:3306',replication started in log '${pick(['binlog', 'mysql-bin'])}.${pad(int(1, 999), 6)}' at position ${int(4, 90000000)}`]],
    [8, 'Q9', 'Replica SQL for channel \'<*>\': Worker <*> failed executing transaction \'<*>\' at source log <*>, end_log_pos <*>; Could not execute <*> event on table <*>; <*>, Error_code: <*>; handler error <*>; the event\'s source log <*>, end_log_pos <*>, Error_code: <*>', () => { const log = `mysql-bin.${pad(int(1, 999), 6)}`; const pos = int(4, 90000000); const [kind, msg, code, he] = pick([['Write_rows', `Duplicate entry '${int(1, 99999)}' for key '${pick(['orders', 'users'])}.PRIMARY'`, 1062, 'HA_ERR_FOUND_DUPP_KEY'], ['Delete_rows', `Can't find record in '${pick(['orders', 'sessions'])}'`, 1032, 'HA_ERR_KEY_NOT_FOUND'], ['Update_rows', `Can't find record in '${pick(['carts', 'users'])}'`, 1032, 'HA_ERR_KEY_NOT_FOUND']]); return ['ERROR', 'MY-010584', 'Repl', `Replica SQL for channel '': Worker ${int(1, 8)} failed executing transaction '${uid8()}:${int(1, 99999)}' at source log ${log}, end_log_pos ${pos}; Could not execute ${kind} event on table ${db()}.${pick(['orders', 'users', 'carts', 'sessions'])}; ${msg}, Error_code: ${code}; handler error ${he}; the event's source log ${log}, end_log_pos ${pos}, Error_code: MY-${pad(code, 6)}`] }],
    [4, 'Q10', '<*>: ready for connections. Version: \'<*>\'  socket: \'<*>\'  port: <*>  MySQL Community Server - GPL.', () => ['System', 'MY-010931', 'Server', `/usr/sbin/mysqld: ready for connections. Version: '${pick(['8.0.35', '8.0.36', '8.4.0'])}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`]],
    [4, 'Q11', 'Received SHUTDOWN from user <*>. Shutting down mysqld (Version: <*>).', () => ['System', 'MY-013172', 'Server', `Received SHUTDOWN from user ${pick(['<via user signal>', 'root', 'debian-sys-maint'])}. Shutting down mysqld (Version: ${pick(['8.0.35', '8.0.36'])}).`]],
    [6, 'Q12', 'The table \'<*>\' is full', () => ['ERROR', 'MY-013132', 'Server', `The table '${pick([`/tmp/#sql${hex(4)}_${int(10, 99)}_${int(0, 9)}`, 'sessions', 'cache_items'])}' is full`]],
    [6, 'Q13', 'Resizing redo log from <*> to <*> bytes, LSN=<*>', () => ['Note', 'MY-012551', 'InnoDB', `Resizing redo log from ${int(1, 8) * 50331648} to ${int(1, 8) * 50331648} bytes, LSN=${int(1e6, 9e10)}`]],
    [8, 'Q14', 'Plugin mysqlx reported: \'<*>\'', () => ['Warning', 'MY-011071', 'Server', `Plugin mysqlx reported: '${pick([`${int(1, 99)}: Unsuccessful login attempt: Invalid user or password`, 'Setup of socket: \'/var/run/mysqld/mysqlx.sock\' failed, can\'t create lock file /var/run/mysqld/mysqlx.sock.lock', `${int(1, 99)}: Error reading message header`])}'`]],
    [6, 'Q15', 'Timeout waiting for reply of binlog (file: <*>, pos: <*>), semi-sync up to file <*>, position <*>.', () => ['Warning', 'MY-011153', 'Repl', `Timeout waiting for reply of binlog (file: mysql-bin.${pad(int(1, 999), 6)}, pos: ${int(4, 90000000)}), semi-sync up to file mysql-bin.${pad(int(1, 999), 6)}, position ${int(4, 90000000)}.`]],
  ]
  run('mysqld', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [lvl, code, sub, body]) => `${d.toISOString().replace('Z', '')}${pad(int(0, 999), 3)}Z ${wpick([[3, int(8, 90000)], [1, 0]])} [${lvl}] [${code}] [${sub}] ${body}`)
}
// ---------- s44-ga held-out systems (written and committed before any discovery figure of theirs was read;
// their rng draws come after the twenty-two above, so those stay byte for byte what seed N gave before)
// ---------- OpenVPN 2.6 server log (ctime date, then the client instance `cn/ip:port` or `ip:port` before auth)
{
  const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const cn = () => pick(['laptop-alice', 'laptop-bob', 'phone-carol', 'build-agent-3', 'branch-gw-lyon', 'mkovacs'])
  const peer = () => `${ip()}:${int(1024, 65535)}`
  const vpnIp = () => `10.8.${int(0, 3)}.${int(2, 254)}`
  const ev = [
    [25, 'O1', '<*> TLS: Initial packet from [AF_INET]<*>, sid=<*> <*>', () => { const p = peer(); return `${p} TLS: Initial packet from [AF_INET]${p}, sid=${hex(8)} ${hex(8)}` }],
    [25, 'O2', '<*> VERIFY OK: depth=<*>, CN=<*>', () => { const depth = pick([0, 1]); return `${peer()} VERIFY OK: depth=${depth}, CN=${depth ? pick(['Acme VPN CA', 'Easy-RSA CA']) : cn()}` }],
    [30, 'O3', '<*> peer info: <*>', () => `${peer()} peer info: ${pick([`IV_VER=${pick(['2.6.8', '2.5.9', '2.6.12', '3.git::58b92569'])}`, `IV_PLAT=${pick(['linux', 'win', 'mac', 'android', 'ios'])}`, `IV_PROTO=${pick([990, 2014, 30])}`, 'IV_NCP=2', 'IV_CIPHERS=AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305', `IV_GUI_VER=${pick(['OpenVPN_GUI_11', 'net.openvpn.connect.android_3.4.2-9389', 'Tunnelblick_4.0.1'])}`, 'IV_LZ4v2=1', 'IV_TCPNL=1'])}`],
    [15, 'O4', '<*> Control Channel: <*>, cipher <*> <*>, peer certificate: <*> bit <*>, signature: <*>', () => `${peer()} Control Channel: ${pick(['TLSv1.3, cipher TLSv1.3 TLS_AES_256_GCM_SHA384', 'TLSv1.2, cipher TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384', 'TLSv1.3, cipher TLSv1.3 TLS_CHACHA20_POLY1305_SHA256'])}, peer certificate: ${pick(['2048 bit RSA', '4096 bit RSA', '256 bit EC, curve prime256v1'])}, signature: ${pick(['RSA-SHA256', 'ecdsa-with-SHA256'])}`],
    [15, 'O5', '<*> [<*>] Peer Connection Initiated with [AF_INET]<*>', () => { const p = peer(); return `${p} [${cn()}] Peer Connection Initiated with [AF_INET]${p}` }],
    [15, 'O6', '<*> MULTI_sva: pool returned IPv4=<*>, IPv6=<*>', () => `${cn()}/${peer()} MULTI_sva: pool returned IPv4=${vpnIp()}, IPv6=${wpick([[4, '(Not enabled)'], [1, `fd00:8::${int(1000, 1999)}`]])}`],
    [15, 'O7', '<*> MULTI: Learn: <*> -> <*>', () => { const c = `${cn()}/${peer()}`; return `${c} MULTI: Learn: ${vpnIp()} -> ${c}` }],
    [15, 'O8', '<*> SENT CONTROL [<*>]: \'PUSH_REPLY,<*>\' (status=<*>)', () => { const c = cn(); return `${c}/${peer()} SENT CONTROL [${c}]: 'PUSH_REPLY,route 10.8.0.0 255.255.252.0,${pick(['redirect-gateway def1,', ''])}dhcp-option DNS 10.8.0.1,route-gateway 10.8.0.1,topology subnet,ping 10,ping-restart 120,ifconfig ${vpnIp()} 255.255.252.0,peer-id ${int(0, 40)},cipher ${pick(['AES-256-GCM', 'AES-128-GCM', 'CHACHA20-POLY1305'])}' (status=1)` }],
    [12, 'O9', '<*> PUSH: Received control message: \'PUSH_REQUEST\'', () => `${cn()}/${peer()} PUSH: Received control message: 'PUSH_REQUEST'`],
    [14, 'O10', '<*> <*> Data Channel: Cipher \'<*>\' initialized with <*> bit key', () => `${cn()}/${peer()} ${pick(['Outgoing', 'Incoming'])} Data Channel: Cipher '${pick(['AES-256-GCM', 'AES-128-GCM', 'CHACHA20-POLY1305'])}' initialized with ${pick([256, 128])} bit key`],
    [10, 'O11', '<*> SIGUSR1[soft,<*>] received, client-instance restarting', () => `${cn()}/${peer()} SIGUSR1[soft,${pick(['ping-restart', 'connection-reset', 'tls-error'])}] received, client-instance restarting`],
    [10, 'O12', '<*> TLS Error: TLS key negotiation failed to occur within 60 seconds (check your network connectivity)', () => `${peer()} TLS Error: TLS key negotiation failed to occur within 60 seconds (check your network connectivity)`],
    [10, 'O13', '<*> TLS Error: TLS handshake failed', () => `${peer()} TLS Error: TLS handshake failed`],
    [8, 'O14', '<*> Authenticate/Decrypt packet error: packet HMAC authentication failed', () => `${wpick([[2, peer()], [1, `${cn()}/${peer()}`]])} Authenticate/Decrypt packet error: packet HMAC authentication failed`],
    [8, 'O15', '<*> Connection reset, restarting [<*>]', () => `${cn()}/${peer()} Connection reset, restarting [${pick([0, 0, -1])}]`],
    [6, 'O16', '<*> VERIFY ERROR: depth=<*>, error=<*>: CN=<*>', () => `${peer()} VERIFY ERROR: depth=0, error=${pick(['certificate has expired', 'certificate revoked', 'unable to get local issuer certificate'])}: CN=${cn()}`],
    [6, 'O17', '<*> WARNING: \'<*>\' is used inconsistently, local=\'<*>\', remote=\'<*>\'', () => { const [k, l, r] = pick([['link-mtu', 'link-mtu 1557', 'link-mtu 1541'], ['cipher', 'cipher AES-256-CBC', 'cipher BF-CBC'], ['keysize', 'keysize 256', 'keysize 128']]); return `${cn()}/${peer()} WARNING: '${k}' is used inconsistently, local='${l}', remote='${r}'` }],
    [4, 'O18', 'MULTI: multi_create_instance called', () => 'MULTI: multi_create_instance called'],
    [3, 'O19', 'Initialization Sequence Completed', () => 'Initialization Sequence Completed'],
  ]
  run('openvpn', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, body) => `${DAY[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()} ${body}`)
}
// ---------- Ceph OSD log (`date thread priority message`, cluster-log lines, pg state dumps, rocksdb lines)
{
  const osd = () => int(0, 23)
  const ep = () => int(41000, 41999)
  const pg = () => `${int(1, 9)}.${hex(int(1, 2))}`
  const addr = () => `v2:10.20.${int(0, 3)}.${int(10, 60)}:${int(6800, 6830)}`
  const obj = () => `rbd_data.${hex(12)}.${pad(int(0, 99999), 16)}`
  const op = () => `osd_op(client.${int(4000, 999999)}.0:${int(1, 9e6)} ${pg()} ${int(1, 9)}:${hex(8)}:::${obj()}:head [${pick([`write ${int(0, 4) * 4096}~${pick([4096, 8192, 65536])} in=${pick([4096, 8192, 65536])}b`, `read ${int(0, 4) * 4096}~4096`, 'stat', 'sparse-read 0~4194304'])}] snapc 0=[] ${pick(['ondisk+write+known_if_redirected', 'ondisk+read+known_if_redirected', 'ondisk+retry+write+known_if_redirected'])} e${ep()})`
  const when = (d) => `${d.toISOString().replace('Z', '')}${pad(int(0, 999), 3)}+0000`
  const acting = () => `[${Array.from({ length: 3 }, () => osd()).join(',')}]`
  const ev = [
    [30, 'C1', 'log_channel(cluster) log [DBG] : <*> <*> starts', () => [0, `log_channel(cluster) log [DBG] : ${pg()} ${pick(['scrub', 'deep-scrub'])} starts`]],
    [30, 'C2', 'log_channel(cluster) log [DBG] : <*> <*> ok', () => [0, `log_channel(cluster) log [DBG] : ${pg()} ${pick(['scrub', 'deep-scrub'])} ok`]],
    [20, 'C3', 'log_channel(cluster) log [WRN] : slow request <*> initiated <*> currently <*>', (d) => [0, `log_channel(cluster) log [WRN] : slow request ${op()} initiated ${when(d)} currently ${pick(['waiting for sub ops', 'delayed', 'waiting for rw locks', 'started', 'queued for pg'])}`]],
    [20, 'C4', 'osd.<*> <*> heartbeat_check: no reply from <*> osd.<*> since back <*> front <*> (oldest deadline <*>)', (d) => [-1, `osd.${osd()} ${ep()} heartbeat_check: no reply from ${addr().slice(3)} osd.${osd()} since back ${when(d)} front ${when(d)} (oldest deadline ${when(d)})`]],
    [15, 'C5', 'osd.<*> <*> get_health_metrics reporting <*> slow ops, oldest is <*>', () => [-1, `osd.${osd()} ${ep()} get_health_metrics reporting ${int(1, 400)} slow ops, oldest is ${op()}`]],
    [10, 'C6', 'heartbeat_map is_healthy \'OSD::osd_op_tp thread <*>\' had timed out after <*>s', () => [1, `heartbeat_map is_healthy 'OSD::osd_op_tp thread 0x7f${hex(10)}' had timed out after ${pick(['15.000000954', '15', '60.000000000'])}s`]],
    [15, 'C7', 'osd.<*> pg_epoch: <*> pg[<*>] start_peering_interval up <*> -> <*>, acting <*> -> <*>, acting_primary <*> -> <*>, up_primary <*> -> <*>, role <*> -> <*>, features acting <*> upacting <*>', () => { const e = ep(); const p = pg(); const a = acting(); const b = acting(); const v = `${e - int(0, 30)}'${int(100, 99999)}`; return [1, `osd.${osd()} pg_epoch: ${e} pg[${p}( v ${v} (0'0,${v}] local-lis/les=${e - 5}/${e - 4} n=${int(0, 9000)} ec=${int(10, 900)}/${int(10, 900)} lis/c=${e - 5}/${e - 5} les/c/f=${e - 4}/${e - 4}/0 sis=${e}) ${a} r=${int(-1, 2)} lpr=${e} crt=${v} mlcod 0'0 ${pick(['active+clean', 'unknown', 'peering', 'active+clean+scrubbing+deep', 'remapped'])}] start_peering_interval up ${a} -> ${b}, acting ${a} -> ${b}, acting_primary ${a.slice(1).split(',')[0]} -> ${b.slice(1).split(',')[0]}, up_primary ${a.slice(1).split(',')[0]} -> ${b.slice(1).split(',')[0]}, role ${int(-1, 2)} -> ${int(-1, 2)}, features acting 4540138322906710015 upacting 4540138322906710015`] }],
    [12, 'C8', 'osd.<*> pg_epoch: <*> pg[<*>] state<Start>: transitioning to <*>', () => { const e = ep(); const v = `${e - int(0, 30)}'${int(100, 99999)}`; return [1, `osd.${osd()} pg_epoch: ${e} pg[${pg()}( v ${v} (0'0,${v}] local-lis/les=${e - 5}/${e - 4} n=${int(0, 9000)} ec=${int(10, 900)}/${int(10, 900)} lis/c=${e - 5}/${e - 5} les/c/f=${e - 4}/${e - 4}/0 sis=${e}) ${acting()} r=${int(-1, 2)} lpr=${e} crt=${v} mlcod 0'0 unknown${pick(['', ' NOTIFY'])} mbc={}] state<Start>: transitioning to ${pick(['Primary', 'Stray'])}`] }],
    [12, 'C9', 'rocksdb: [db/db_impl/db_impl_write.cc:<*>] [<*>] New memtable created with log file: #<*>. Immutable memtables: <*>.', () => [4, `rocksdb: [db/db_impl/db_impl_write.cc:${pick([1763, 2098])}] [${pick(['default', 'p-0', 'p-1', 'O-2', 'L', 'm-0'])}] New memtable created with log file: #${int(1000, 99999)}. Immutable memtables: ${int(0, 1)}.`]],
    [10, 'C10', 'rocksdb: [db/compaction/compaction_job.cc:<*>] [<*>] [JOB <*>] Compacting <*>@<*> + <*>@<*> files to L<*>, score <*>', () => [4, `rocksdb: [db/compaction/compaction_job.cc:1995] [${pick(['default', 'p-0', 'O-2', 'L'])}] [JOB ${int(1, 9999)}] Compacting ${int(1, 8)}@${int(0, 1)} + ${int(1, 12)}@${int(1, 3)} files to L${int(1, 4)}, score ${(rnd() * 3).toFixed(2)}`]],
    [6, 'C11', 'log_channel(cluster) log [ERR] : <*> shard <*> soid <*> : candidate had a read error', () => [-1, `log_channel(cluster) log [ERR] : ${pg()} shard ${osd()} soid ${int(1, 9)}:${hex(8)}:::${obj()}:head : candidate had a read error`]],
    [6, 'C12', 'log_channel(cluster) log [ERR] : <*> <*> <*> errors', () => [-1, `log_channel(cluster) log [ERR] : ${pg()} ${pick(['scrub', 'deep-scrub'])} ${int(1, 4)} errors`]],
    [8, 'C13', 'osd.<*> <*> tick checking mon for new map', () => [1, `osd.${osd()} ${ep()} tick checking mon for new map`]],
    [3, 'C14', 'osd.<*> <*> *** Got signal <*> ***', () => [-1, `osd.${osd()} ${ep()} *** Got signal ${pick(['Terminated', 'Interrupt', 'Hangup'])} ***`]],
    [6, 'C15', 'bluestore(<*>) _set_cache_sizes cache_size <*> meta <*> kv <*> data <*>', () => [1, `bluestore(/var/lib/ceph/osd/ceph-${osd()}) _set_cache_sizes cache_size ${pick([3221225472, 1073741824, 4294967296])} meta ${(rnd() * 0.6).toFixed(2)} kv ${(rnd() * 0.6).toFixed(2)} data ${(rnd() * 0.3).toFixed(2)}`]],
  ]
  run('ceph', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [prio, body]) => `${d.toISOString().slice(0, 23)}+0000 7f${pick(['3a2b7fe700', '3a2bfff700', '8c4d3fa640', '8c4e3fc640'])} ${String(prio).padStart(2)} ${body}`)
}
// ---------- Apache Airflow 2 task log (`[date, time UTC] {file.py:line} LEVEL - message`)
{
  const dag = () => pick(['etl_orders', 'daily_reports', 'ml_retrain', 'sync_crm', 'dbt_nightly'])
  const task = () => pick(['extract', 'load_staging', 'transform', 'run_dbt', 'notify_slack', 'export_s3', 'check_freshness'])
  const runId = (d) => `${pick(['scheduled', 'scheduled', 'manual'])}__${d.toISOString().slice(0, 13)}:00:00+00:00`
  const stamp = (d) => `${d.toISOString().slice(0, 10).replaceAll('-', '')}T${d.toISOString().slice(11, 19).replaceAll(':', '')}`
  const ev = [
    [20, 'F1', 'Dependencies all met for dep_context=<*> ti=<TaskInstance: <*> <*> [<*>]>', (d) => ['taskinstance.py:1157', 'INFO', `Dependencies all met for dep_context=${pick(['non-requeueable deps', 'requeueable deps'])} ti=<TaskInstance: ${dag()}.${task()} ${runId(d)} [queued]>`]],
    [15, 'F2', 'Starting attempt <*> of <*>', () => ['taskinstance.py:1359', 'INFO', `Starting attempt ${int(1, 3)} of ${pick([1, 3, 4])}`]],
    [15, 'F3', 'Executing <Task(<*>): <*>> on <*>', (d) => ['taskinstance.py:1380', 'INFO', `Executing <Task(${pick(['PythonOperator', 'BashOperator', 'PostgresOperator', 'SQLExecuteQueryOperator', 'S3CreateObjectOperator'])}): ${task()}> on ${d.toISOString().slice(0, 13).replace('T', ' ')}:00:00+00:00`]],
    [15, 'F4', 'Started process <*> to run task', () => ['standard_task_runner.py:57', 'INFO', `Started process ${int(1000, 99999)} to run task`]],
    [15, 'F5', 'Running: [\'airflow\', \'tasks\', \'run\', \'<*>\', \'<*>\', \'<*>\', \'--job-id\', \'<*>\', \'--raw\', \'--subdir\', \'<*>\', \'--cfg-path\', \'<*>\']', (d) => { const g = dag(); return ['standard_task_runner.py:84', 'INFO', `Running: ['airflow', 'tasks', 'run', '${g}', '${task()}', '${runId(d)}', '--job-id', '${int(1000, 99999)}', '--raw', '--subdir', 'DAGS_FOLDER/${g}.py', '--cfg-path', '/tmp/tmp${hex(8)}']`] }],
    [15, 'F6', 'Job <*>: Subtask <*>', () => ['standard_task_runner.py:85', 'INFO', `Job ${int(1000, 99999)}: Subtask ${task()}`]],
    [15, 'F7', 'Running <TaskInstance: <*> <*> [running]> on host <*>', (d) => ['task_command.py:415', 'INFO', `Running <TaskInstance: ${dag()}.${task()} ${runId(d)} [running]> on host ${pick(['airflow-worker-0.airflow-worker.airflow.svc.cluster.local', 'airflow-worker-1.airflow-worker.airflow.svc.cluster.local', `${hex(12)}`])}`]],
    [15, 'F8', 'Exporting env vars: AIRFLOW_CTX_DAG_OWNER=\'<*>\' AIRFLOW_CTX_DAG_ID=\'<*>\' AIRFLOW_CTX_TASK_ID=\'<*>\' AIRFLOW_CTX_EXECUTION_DATE=\'<*>\' AIRFLOW_CTX_TRY_NUMBER=\'<*>\' AIRFLOW_CTX_DAG_RUN_ID=\'<*>\'', (d) => { const r = runId(d); return ['taskinstance.py:1660', 'INFO', `Exporting env vars: AIRFLOW_CTX_DAG_OWNER='${pick(['airflow', 'data-eng', 'ml-team'])}' AIRFLOW_CTX_DAG_ID='${dag()}' AIRFLOW_CTX_TASK_ID='${task()}' AIRFLOW_CTX_EXECUTION_DATE='${r.split('__')[1]}' AIRFLOW_CTX_TRY_NUMBER='${int(1, 3)}' AIRFLOW_CTX_DAG_RUN_ID='${r}'`] }],
    [12, 'F9', 'Using connection ID \'<*>\' for task execution.', () => ['base.py:73', 'INFO', `Using connection ID '${pick(['postgres_dw', 'aws_default', 'slack_alerts', 'snowflake_prod'])}' for task execution.`]],
    [12, 'F10', 'Running statement: <*>, parameters: <*>', () => ['sql.py:418', 'INFO', `Running statement: ${pick([`DELETE FROM staging.orders WHERE load_date = '${pick(['2026-11-02', '2026-11-03'])}'`, `INSERT INTO mart.daily_sales SELECT order_date, sum(total) FROM staging.orders WHERE order_date >= '2026-11-0${int(1, 3)}' GROUP BY 1`, 'SELECT count(*) FROM staging.customers', `VACUUM ANALYZE staging.${pick(['orders', 'customers'])}`])}, parameters: ${pick(['None', 'None', `{'ds': '2026-11-0${int(1, 3)}'}`])}`]],
    [10, 'F11', 'Rows affected: <*>', () => ['sql.py:427', 'INFO', `Rows affected: ${int(0, 250000)}`]],
    [12, 'F12', 'Done. Returned value was: <*>', () => ['python.py:194', 'INFO', `Done. Returned value was: ${pick(['None', 'None', `${int(0, 90000)}`, `{'rows': ${int(0, 9000)}, 'path': 's3://acme-lake/raw/orders/${hex(8)}.parquet'}`, `['${task()}', '${task()}']`, 'True'])}`]],
    [15, 'F13', 'Marking task as <*>. dag_id=<*>, task_id=<*>, execution_date=<*>, start_date=<*>, end_date=<*>', (d) => ['taskinstance.py:1400', 'INFO', `Marking task as ${wpick([[6, 'SUCCESS'], [2, 'UP_FOR_RETRY'], [1, 'FAILED']])}. dag_id=${dag()}, task_id=${task()}, execution_date=${stamp(d).slice(0, 11)}0000, start_date=${stamp(d)}, end_date=${stamp(d)}`]],
    [15, 'F14', 'Task exited with return code <*>', () => ['local_task_job_runner.py:228', 'INFO', `Task exited with return code ${wpick([[8, 0], [2, 1], [1, -9]])}`]],
    [10, 'F15', '<*> downstream tasks scheduled from follow-on schedule check', () => ['taskinstance.py:2778', 'INFO', `${int(0, 4)} downstream tasks scheduled from follow-on schedule check`]],
    [6, 'F16', 'Task failed with exception', () => ['taskinstance.py:1937', 'ERROR', 'Task failed with exception']],
    [5, 'F17', 'Failed to execute job <*> for task <*> (<*>; <*>)', () => ['standard_task_runner.py:104', 'ERROR', `Failed to execute job ${int(1000, 99999)} for task ${task()} (${pick(['connection to server at "10.0.4.7", port 5432 failed: Connection refused', 'Bash command failed. The command returned a non-zero exit code 1.', `An error occurred (AccessDenied) when calling the PutObject operation: Access Denied`, 'Task received SIGTERM signal'])}; ${int(1000, 99999)})`]],
    [8, 'F18', 'Running command: [\'/usr/bin/bash\', \'-c\', \'<*>\']', () => ['subprocess.py:75', 'INFO', `Running command: ['/usr/bin/bash', '-c', '${pick(['dbt run --profiles-dir /opt/dbt --target prod', `python /opt/jobs/export.py --date 2026-11-0${int(1, 3)}`, 'echo done', `aws s3 sync /tmp/out s3://acme-lake/exports/${hex(6)}/`])}']`]],
    [8, 'F19', 'Command exited with return code <*>', () => ['subprocess.py:97', 'INFO', `Command exited with return code ${wpick([[8, 0], [1, 1], [1, 2]])}`]],
  ]
  run('airflow', N, ev.map(([w, id, tpl, f]) => [w, id, tpl, f]), (d, [src, lvl, body]) => `[${d.toISOString().slice(0, 10)}, ${d.toISOString().slice(11, 19)} UTC] {${src}} ${lvl} - ${body}`)
}
console.log('wrote', out)
