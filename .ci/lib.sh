# Shared by .ci/test, .ci/serve and bench/run: a private PostgreSQL cluster on a unix socket
# (no TCP), an addons path that exposes this checkout under its technical name, and the
# addon's dependencies. Source it; it defines functions only.
ADDON=helpdesk_utility_complaint
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}

die() { echo "error: $*" >&2; exit 2; }

require_odoo() {
    "$PYTHON" -c 'import odoo.release, sys; sys.exit(odoo.release.version_info[0] != 19)' 2>/dev/null \
        || die "Odoo 19.0 is not importable by $PYTHON (python3 -c 'import odoo'); install Odoo 19.0 Community first"
}

# Install what __manifest__.py and test-requirements.txt need and this Python lacks: OCA
# addons from PyPI (odoo-addon-<name>==19.0.*) and Python packages. Core addons are looked
# up where Odoo itself looks: inside the odoo package (packaged install) and in the
# addons/ directory beside it (source checkout); only the others are asked of PyPI.
ensure_dependencies() {
    local missing
    missing=$("$PYTHON" "$REPO/.ci/missing_dependencies.py" "$REPO" "$@")
    if [ -n "$missing" ]; then
        echo "Installing missing dependencies: $missing" >&2
        # shellcheck disable=SC2086
        "$PYTHON" -m pip install --quiet $missing >&2
    fi
}

# A directory holding a link named after the addon, pointing at this checkout.
make_addons_path() {
    local dir=$1
    mkdir -p "$dir"
    ln -sfn "$REPO" "$dir/$ADDON"
    ADDONS_PATH=$dir
}

pg_bindir() {
    local d
    for d in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then echo "$d"; return 0; fi
    done
    die "PostgreSQL server binaries (initdb, pg_ctl) not found; install the 'postgresql' package"
}

# PostgreSQL refuses to run as root: as root, the cluster runs as an unprivileged account.
pg_os_user() {
    if [ "$(id -u)" != 0 ]; then id -un
    elif id postgres >/dev/null 2>&1; then echo postgres
    else echo nobody
    fi
}

as_pg_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi
}

# pg_start DIR [SETTING...]: create (if needed) and start a cluster in DIR/pgdata listening
# only on the unix socket DIR/socket; extra settings such as fsync=off are passed as -c.
# Exports PGHOST, PGPORT, PGUSER for Odoo and psql.
pg_start() {
    local dir=$1 bindir settings="-c listen_addresses='' -c unix_socket_directories='$1/socket'"
    shift
    local setting
    for setting in "$@"; do settings="$settings -c $setting"; done
    bindir=$(pg_bindir)
    PG_OS_USER=$(pg_os_user)
    PG_DIR=$dir
    mkdir -p "$dir/socket"
    touch "$dir/postgres.log"
    if [ "$(id -u)" = 0 ]; then
        chmod 755 "$dir"
        chown "$PG_OS_USER" "$dir/socket" "$dir/postgres.log"
    fi
    if [ ! -f "$dir/pgdata/PG_VERSION" ]; then
        mkdir -p "$dir/pgdata"
        [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$dir/pgdata"
        as_pg_user "$bindir/initdb" -D "$dir/pgdata" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi
    if as_pg_user "$bindir/pg_ctl" -D "$dir/pgdata" status >/dev/null 2>&1; then
        export PGHOST=$dir/socket PGPORT=5432 PGUSER=odoo
        return 0
    fi
    as_pg_user "$bindir/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w -t 60 \
        -o "$settings" \
        start >/dev/null || { tail -20 "$dir/postgres.log" >&2; die "PostgreSQL did not start"; }
    export PGHOST=$dir/socket PGPORT=5432 PGUSER=odoo
}

pg_stop() {
    [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/pgdata/postmaster.pid" ] || return 0
    as_pg_user "$(pg_bindir)/pg_ctl" -D "$PG_DIR/pgdata" -m fast -w stop >/dev/null 2>&1 || true
}

free_port() {
    "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Options every Odoo run of this project shares.
odoo_common_args() {
    printf '%s\n' --addons-path="$ADDONS_PATH" --db_host="$PGHOST" --db_port="$PGPORT" \
        --db_user="$PGUSER" --data-dir="$PG_DIR/filestore" --http-interface=127.0.0.1
}
