/** `tgauth --help`. */

export const USAGE = `usage: tgauth <command> [options]

commands:
  start                 simulator + interactive login in a TTY; the scripted tour without one
  sim                   run the simulator with the demo accounts; prints one JSON line with its
                        DCs, RSA key and control URL (save it: --sim-config, createAuthEngine dcs)
  tour                  scripted tour of every flow against a fresh simulator
  login                 interactive login: phone, QR or bot token (own simulator by default;
                        --sim-config/--control-url: a running one; --dc production|test: Telegram)
  serve                 a login-service worker (HTTP API; flows on --database, SQLite by default)
  login --service <url> log in through a running login service (operator key: TGAUTH_API_KEY)
  session export        print the --session file's session as a --format string
  session import <s>    write session string <s> (of --format) into a new --session file
  help, version

demo accounts (every simulator the CLI starts):
  9996621234            code 22222 (read it in the simulator inbox)
  9996631234            code 33333, then the 2FA password hunter2
  99966XYYYY            any other: signs up on DC X, code X five times
  123456:demo-bot-token a bot token

options:
  --host <ip>           simulator listen host (default 127.0.0.1)
  --port <n>            first port of the simulator (DC n: tcp port+2(n-1), ws the next;
                        control API after them); default: free ports
  --dcs <n>             number of simulated DCs, 1-9 (default 5)
  --key <file>          simulator RSA private key (PEM); default: the bundled test key
  --accounts <file>     more accounts for the simulator (docs/SIMULATOR.md has the format)
  --dc <name>           production | test (real Telegram; needs --api-id and --api-hash)
  --api-id <n> --api-hash <hex>   from my.telegram.org (any value works on the simulator)
  --session <file>      session file for login and session export/import
  --format <name>       gramjs | teleproto | telethon | pyrogram | mtcute
  --sim-config <file>   a running simulator: the JSON line \`tgauth sim\` printed, saved to a file
  --control-url <url>   a running simulator by its control URL (login)
  --database <d>        serve: SQLite file (default tgauth-service.sqlite) or postgres://…
  --api-key <k>         serve/login --service: operator key (default: TGAUTH_API_KEY)
  --dev                 serve: allow running without TGAUTH_SERVICE_KEY (local tries only)
  --http-port <n>       serve: HTTP port (default: any free port)
  --worker-id <id>      serve: this worker's name in leases and logs
  --lease-ms <n>        serve: lease length (a dead worker's flows move after it; default 10000)
  --flows-per-ip <n>    serve: new flows per client IP per minute (default 30)
  --codes-per-phone <n> serve: codes sent per phone per hour (default 5)
  --cors <origins>      serve: origins allowed to call the API from a browser (comma-separated)
  --service <url>       login: through this login service
  -h, --help            this text
  -v, --version         the version`;
