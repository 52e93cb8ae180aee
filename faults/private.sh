# Private PostgreSQL and RabbitMQ instances for the scenarios that stop them (sourced after lib.sh,
# before fault_init). The machine's own services are never touched: each private instance has its
# own data directory under /tmp, its own port, and is removed on exit (private_cleanup, called by
# fault_cleanup). Needs the Debian postgresql and rabbitmq-server packages; as root the servers run
# as the postgres and rabbitmq users.

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
PRIVATE_PG_DIR=""
PRIVATE_RABBIT_DIR=""

as_user() { # user command...
  local user="$1"; shift
  if [[ "$(id -u)" == 0 ]]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# initdb + start on PORT; exports PGPORT so psql and the services use it.
private_pg_start() { # port
  PRIVATE_PG_DIR="/tmp/jobagent-fault-pg-$1"
  trap private_cleanup EXIT # until fault_init installs fault_cleanup, which calls it
  rm -rf "$PRIVATE_PG_DIR"
  mkdir -p "$PRIVATE_PG_DIR"
  [[ "$(id -u)" == 0 ]] && chown postgres "$PRIVATE_PG_DIR"
  as_user postgres "$PG_BIN/initdb" -D "$PRIVATE_PG_DIR/data" -A trust -U postgres >"$PRIVATE_PG_DIR/initdb.log"
  export PGPORT="$1"
  private_pg_ctl start
}

private_pg_ctl() { # start|stop
  if [[ "$1" == start ]]; then
    as_user postgres "$PG_BIN/pg_ctl" -D "$PRIVATE_PG_DIR/data" -l "$PRIVATE_PG_DIR/server.log" -w -t 60 \
      -o "-p $PGPORT -k $PRIVATE_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  else
    # fast: open transactions are rolled back, connections cut (what a restart does to clients)
    as_user postgres "$PG_BIN/pg_ctl" -D "$PRIVATE_PG_DIR/data" -m fast -w -t 60 stop >/dev/null
  fi
}

rabbitctl() {
  as_user rabbitmq env HOME=/var/lib/rabbitmq /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBIT_NODE" "$@"
}

# A second RabbitMQ node (no plugins) listening on 127.0.0.1:PORT; sets RABBIT_PORT and RABBIT_NODE.
private_rabbit_start() { # port
  RABBIT_PORT="$1"
  RABBIT_NODE="jobagentfault$1@localhost"
  PRIVATE_RABBIT_DIR="/tmp/jobagent-fault-rabbit-$1"
  trap private_cleanup EXIT # until fault_init installs fault_cleanup, which calls it
  rm -rf "$PRIVATE_RABBIT_DIR"
  mkdir -p "$PRIVATE_RABBIT_DIR/log" "$PRIVATE_RABBIT_DIR/mnesia"
  echo '[].' >"$PRIVATE_RABBIT_DIR/enabled_plugins"
  printf 'listeners.tcp.1 = 127.0.0.1:%s\nloopback_users = none\n' "$1" >"$PRIVATE_RABBIT_DIR/rabbitmq.conf"
  [[ "$(id -u)" == 0 ]] && chown -R rabbitmq "$PRIVATE_RABBIT_DIR"
  RABBIT_ENV=(HOME=/var/lib/rabbitmq RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_NODE_PORT="$RABBIT_PORT"
    RABBITMQ_DIST_PORT="$((RABBIT_PORT + 20000))" RABBITMQ_MNESIA_BASE="$PRIVATE_RABBIT_DIR/mnesia"
    RABBITMQ_LOG_BASE="$PRIVATE_RABBIT_DIR/log" RABBITMQ_PID_FILE="$PRIVATE_RABBIT_DIR/pid"
    RABBITMQ_ENABLED_PLUGINS_FILE="$PRIVATE_RABBIT_DIR/enabled_plugins"
    RABBITMQ_CONFIG_FILE="$PRIVATE_RABBIT_DIR/rabbitmq.conf")
  private_rabbit_ctl start
}

private_rabbit_ctl() { # start|stop
  if [[ "$1" == start ]]; then
    as_user rabbitmq env "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server -detached
    rabbitctl wait "$PRIVATE_RABBIT_DIR/pid" --timeout 120 >/dev/null
  else
    # SIGTERM is the Erlang VM's orderly shutdown and takes effect at once; `rabbitmqctl stop` has
    # to start a CLI VM first, which took half a minute on a loaded 2-core machine.
    local pid
    pid="$(cat "$PRIVATE_RABBIT_DIR/pid")"
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
}

private_cleanup() {
  if [[ -n "$PRIVATE_RABBIT_DIR" ]]; then
    rabbitctl stop >/dev/null 2>&1 || true
    rm -rf "$PRIVATE_RABBIT_DIR"
  fi
  if [[ -n "$PRIVATE_PG_DIR" ]]; then
    as_user postgres "$PG_BIN/pg_ctl" -D "$PRIVATE_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PRIVATE_PG_DIR"
  fi
}
