# Sourced by .ci/run: starts redis-server and PostgreSQL (Debian's packages) on free loopback
# ports in a temp folder, exports RESIDUE_TEST_REDIS_URL and RESIDUE_TEST_PG_URL for the tests,
# and stops both on exit (a trap). PostgreSQL refuses to run as root: as root it runs as the
# postgres user that Debian's package creates.
services_dir=$(mktemp -d /tmp/residue-ci-services.XXXXXX)
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_services() {
  [ -n "${redis_pid:-}" ] && kill "$redis_pid" 2>/dev/null || true
  [ -f "$services_dir/pg/PG_VERSION" ] && as_pg "$pg_bin/pg_ctl" -D "$services_dir/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$services_dir"
}
trap stop_services EXIT
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --dir "$services_dir" >"$services_dir/redis.log" 2>&1 &
redis_pid=$!
pg_port=$(free_port)
[ "$(id -u)" = 0 ] && chown postgres "$services_dir"
as_pg "$pg_bin/initdb" -D "$services_dir/pg" -U residue --auth=trust -E UTF8 --no-sync >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$services_dir/pg" -l "$services_dir/pg.log" -w start \
  -o "-p $pg_port -k $services_dir -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
export RESIDUE_TEST_REDIS_URL="redis://127.0.0.1:$redis_port"
export RESIDUE_TEST_PG_URL="postgres://residue@127.0.0.1:$pg_port"
