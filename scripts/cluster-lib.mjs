// Several instances of one production build behind a real load balancer, for `npm run cluster`
// and the cluster suite (tests/cluster): a Redis of its own (AOF on) unless REDIS_URL is given,
// a FerretDB of its own unless DATABASE_URI is given, migrations and demo content applied once,
// N `next start` processes, and nginx in front (round robin, no stickiness) on one port.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { baseEnv, clearRuntimeCache, runScript } from './lib.mjs'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

async function waitFor(what, check, timeoutMs) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started
    await sleep(100)
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`)
}

function which(command) {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    const file = path.join(dir, command)
    if (fs.existsSync(file)) return file
  }
  return null
}

/** A child process that can be killed (any signal) and started again with the same arguments. */
function service(name, command, args, { env = process.env, logFile } = {}) {
  let child = null
  const log = logFile ? fs.openSync(logFile, 'a') : 'ignore'
  return {
    name,
    get pid() {
      return child?.pid ?? null
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null
    },
    start() {
      // Its own process group: a Ctrl-C in the terminal reaches only the cluster script, which
      // then stops the parts in order (balancer, instances, database, Redis).
      child = spawn(command, args, { env, stdio: ['ignore', log, log], detached: true })
      child.on('error', (error) => console.error(`[cluster] ${name}: ${error.message}`))
      return child
    },
    /** Sends `signal` without waiting (SIGSTOP / SIGCONT: a stalled server, then back). */
    signal(signal) {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal)
    },
    /** Sends `signal`; a process still running 30 s later is killed. */
    async stop(signal = 'SIGTERM') {
      const running = child
      if (!running || running.exitCode !== null || running.signalCode !== null) return
      await new Promise((resolve) => {
        const force = setTimeout(() => running.kill('SIGKILL'), 30_000)
        running.once('exit', () => {
          clearTimeout(force)
          resolve()
        })
        running.kill(signal)
      })
    },
  }
}

/** Debian's redis-server on loopback, keeping its data in `dir` with AOF (fsync every second). */
export async function startRedis({ port, dir, logFile }) {
  const binary = which('redis-server')
  if (!binary) throw new Error('redis-server not found (Debian: apt-get install redis-server)')
  fs.mkdirSync(dir, { recursive: true })
  const redis = service(
    'redis',
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
    ],
    { logFile },
  )
  const start = async () => {
    redis.start()
    await waitFor(`redis on ${port}`, () => portOpen(port), 10_000)
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, start, stop: (signal) => redis.stop(signal) }
}

/** Where `.ci/ferretdb.sh install` leaves FerretDB 1.24.2 (or FERRETDB_BIN). */
export function ferretdbBinary() {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache')
  return process.env.FERRETDB_BIN || path.join(cache, 'splitpage-ferretdb', 'ferretdb-v1.24.2')
}

/** A FerretDB of the cluster's own (port, data and state folders, no debug listener). */
export async function startFerretDB({ port, dir, logFile }) {
  const binary = ferretdbBinary()
  if (!fs.existsSync(binary))
    throw new Error(`FerretDB not found at ${binary}: run \`bash .ci/ferretdb.sh install\``)
  for (const sub of ['data', 'state']) fs.mkdirSync(path.join(dir, sub), { recursive: true })
  const ferret = service(
    'ferretdb',
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${path.join(dir, 'data')}/`,
      `--state-dir=${path.join(dir, 'state')}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
    ],
    { logFile },
  )
  const start = async () => {
    ferret.start()
    await waitFor(`FerretDB on ${port}`, () => portOpen(port), 15_000)
  }
  await start()
  return {
    url: `mongodb://127.0.0.1:${port}/splitpage`,
    start,
    stop: (signal) => ferret.stop(signal),
    /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
    pause: () => ferret.signal('SIGSTOP'),
    resume: () => ferret.signal('SIGCONT'),
  }
}

/** Where `.ci/s3.sh install` leaves gofakes3 (an S3-compatible server), or S3_SERVER_BIN. */
export function s3ServerBinary() {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache')
  return process.env.S3_SERVER_BIN || path.join(cache, 'splitpage-s3', 'gofakes3-v1.2.0')
}

/** An S3-compatible server of the cluster's own on loopback, with one bucket, in memory. */
export async function startS3({ port, bucket, logFile }) {
  const binary = s3ServerBinary()
  if (!fs.existsSync(binary))
    throw new Error(`gofakes3 not found at ${binary}: run \`bash .ci/s3.sh install\``)
  const s3 = service(
    's3',
    binary,
    ['-backend', 'memory', '-host', `127.0.0.1:${port}`, '-initialbucket', bucket],
    { logFile },
  )
  s3.start()
  await waitFor(`S3 server on ${port}`, () => portOpen(port), 10_000)
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'splitpage',
      S3_SECRET_ACCESS_KEY: 'splitpage-secret',
    },
    stop: (signal) => s3.stop(signal),
  }
}

/** nginx in front of the instances: round robin, no stickiness, the client address appended. */
export function nginxConfig({ dir, port, instancePorts }) {
  const temp = (name) => path.join(dir, name)
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
daemon off;
pid ${temp('nginx.pid')};
error_log ${temp('nginx-error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  # nginx closes a client connection after 1 000 requests by default; a load generator that
  # sends its next request just then sees a reset (not the app's doing).
  keepalive_requests 100000;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  upstream splitpage {
${instancePorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 2m;
    location / {
      proxy_pass http://splitpage;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 1s;
      # A dead instance's requests go to the next one, except non-idempotent ones (POST).
      proxy_next_upstream error timeout;
      # Which instance answered (for the cluster suite and for looking around).
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`
}

export async function startNginx({ dir, port, instancePorts, logFile }) {
  const binary = which('nginx')
  if (!binary) throw new Error('nginx not found (Debian: apt-get install nginx)')
  fs.mkdirSync(dir, { recursive: true })
  const conf = path.join(dir, 'nginx.conf')
  fs.writeFileSync(conf, nginxConfig({ dir, port, instancePorts }))
  const nginx = service('nginx', binary, ['-p', dir, '-c', conf], { logFile })
  nginx.start()
  await waitFor(`nginx on ${port}`, () => portOpen(port), 10_000)
  return { url: `http://127.0.0.1:${port}`, stop: (signal) => nginx.stop(signal) }
}

/** One `next start` of the current build; `start()` resolves once /api/health answers. */
export function nextInstance({ port, env, logFile }) {
  const server = service(
    `next:${port}`,
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)],
    { env, logFile },
  )
  const url = `http://127.0.0.1:${port}`
  return {
    port,
    url,
    get pid() {
      return server.pid
    },
    get running() {
      return server.running
    },
    async start() {
      const child = server.start()
      return waitFor(
        `instance on ${port}`,
        async () => {
          if (child.exitCode !== null)
            throw new Error(`instance on ${port} exited with ${child.exitCode} (see its log)`)
          try {
            return (await fetch(`${url}/api/ready`)).ok
          } catch {
            return false
          }
        },
        60_000,
      )
    },
    stop: (signal) => server.stop(signal),
  }
}

/**
 * Starts everything; resolves to handles for each part. Ports: balancer `port`, instances
 * port+1…port+N, Redis port+10, FerretDB port+11 (when they are started here).
 */
export async function startCluster({
  port = Number(process.env.CLUSTER_PORT || 3100),
  instances = Number(process.env.CLUSTER_INSTANCES || 3),
  dir = path.resolve('.tmp/cluster'),
  fresh = true,
  extraEnv = {},
  log = console.log,
  // false: no Redis at all (what one instance does without REDIS_URL; for comparisons).
  useRedis = true,
  // true: media in a bucket of an S3-compatible server started here (port + 12).
  useS3 = false,
} = {}) {
  if (!fs.existsSync('.next/BUILD_ID'))
    throw new Error('No production build: run `npm run build` first.')
  const ports = [port, ...Array.from({ length: instances }, (_, i) => port + 1 + i)]
  for (const taken of ports) {
    if (await portOpen(taken))
      throw new Error(`port ${taken} is in use (another cluster still running?); set CLUSTER_PORT`)
  }
  if (fresh) fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const logFile = (name) => path.join(dir, `${name}.log`)
  const stops = []

  let redis = null
  let redisUrl = useRedis ? process.env.REDIS_URL : ''
  if (!redisUrl && useRedis) {
    redis = await startRedis({
      port: port + 10,
      dir: path.join(dir, 'redis'),
      logFile: logFile('redis'),
    })
    redisUrl = redis.url
    stops.push(() => redis.stop())
  }
  let ferret = null
  let databaseUri = process.env.DATABASE_URI
  if (!databaseUri) {
    ferret = await startFerretDB({
      port: port + 11,
      dir: path.join(dir, 'ferretdb'),
      logFile: logFile('ferretdb'),
    })
    databaseUri = ferret.url
    stops.push(() => ferret.stop())
  }
  let s3 = null
  if (useS3) {
    s3 = await startS3({ port: port + 12, bucket: 'splitpage-media', logFile: logFile('s3') })
    stops.push(() => s3.stop())
  }
  const env = {
    ...process.env,
    ...(s3 ? s3.env : {}),
    ...baseEnv,
    NODE_ENV: 'production',
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || 'cluster-only-secret',
    DATABASE_URI: databaseUri,
    REDIS_URL: redisUrl ?? '',
    MEDIA_DIR: process.env.MEDIA_DIR || path.join(dir, 'media'),
    // nginx appends the client's address: one trusted hop.
    TRUSTED_PROXY_HOPS: '1',
    ...extraEnv,
  }
  clearRuntimeCache()
  log(`[cluster] migrations and demo content on ${databaseUri}`)
  const scriptEnv = {
    DATABASE_URI: env.DATABASE_URI,
    PAYLOAD_SECRET: env.PAYLOAD_SECRET,
    MEDIA_DIR: env.MEDIA_DIR,
    NODE_ENV: 'production',
    REDIS_URL: '',
    ...(s3 ? s3.env : {}),
  }
  await runScript('src/seed/migrate.ts', scriptEnv)
  await runScript('src/seed/run.ts', scriptEnv)

  const nodes = Array.from({ length: instances }, (_, index) =>
    nextInstance({
      port: port + 1 + index,
      env: { ...env, INSTANCE_ID: `instance-${index + 1}` },
      logFile: logFile(`instance-${index + 1}`),
    }),
  )
  const started = await Promise.all(nodes.map((node) => node.start()))
  log(`[cluster] ${instances} instances ready (${started.map((ms) => `${ms} ms`).join(', ')})`)
  stops.push(() => Promise.all(nodes.map((node) => node.stop())))
  const nginx = await startNginx({
    dir: path.join(dir, 'nginx'),
    port,
    instancePorts: nodes.map((node) => node.port),
    logFile: logFile('nginx'),
  })
  stops.push(() => nginx.stop())
  log(
    `[cluster] load balancer on ${nginx.url} (nginx, round robin); Redis ${redisUrl || 'not used'}`,
  )
  return {
    url: nginx.url,
    env,
    dir,
    redisUrl,
    databaseUri,
    redis,
    ferret,
    s3,
    nginx,
    instances: nodes,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => {})
    },
  }
}
