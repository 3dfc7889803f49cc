#!/usr/bin/python3
"""Runs a real Trove API server (any release Debian ships) with Trove's fakes.

  trove_harness.py serve --state DIR --port N [--db sqlite|mariadb]
                   --release N [--auth fake|keystone] [--extra-conf FILE]

writes trove.conf and the release's api-paste.ini into DIR, starts the database (SQLite in
DIR, or a MariaDB server on a socket in DIR), runs `trove-manage db_sync`,
seeds the data the project's tests expect, then runs trove-api and an
in-process taskmanager on oslo.messaging's fake:// transport, bound to
127.0.0.1:N. Trove's test auth filter stands in for Keystone (the token is the
project id), or with --auth keystone keystonemiddleware's auth_token, as a
deployment has it; --extra-conf is appended to trove.conf (for example that
filter's [keystone_authtoken] section).

It works around what keeps Debian's packages from running this way:
- 18.0.0 (Python 3.11) still calls inspect.getargspec;
- 23.0.0 and 26.0.0 ship trove/tests/util/ without __init__.py, so the fake
  guest's `from trove.tests.util import unquote_user_host` fails and every
  backup would stay NEW;
- 26.0.0's db_sync reads api_version on the fake nova client (harness_fakes);
- 26.0.0's taskmanager builds a real Swift client (clients.swift_client, not
  the configurable fake) to learn the Swift URL before a backup: without a
  Keystone catalog that fails with EmptyCatalog and every backup stays NEW.
  swift_url in trove.conf gives it the URL (no request is made).
"""
import argparse
import inspect
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

if not hasattr(inspect, "getargspec"):
    inspect.getargspec = inspect.getfullargspec


def log(msg):
    print("[trove-harness] %s" % msg, file=sys.stderr, flush=True)


def patch_test_util():
    """Gives trove.tests.util the one function the fake guest imports from it."""
    from urllib.parse import unquote
    import trove.tests.util as util
    if hasattr(util, "unquote_user_host"):
        return

    def unquote_user_host(user_hostname):
        unquoted = unquote(user_hostname)
        if "@" not in unquoted or unquoted.endswith("@"):
            return unquoted, "%"
        user, _, host = unquoted.rpartition("@")
        return user, host

    util.unquote_user_host = unquote_user_host


# Trove's etc/trove/api-paste.ini of the release (cors, http_proxy_to_wsgi and
# osprofiler left out: nothing here needs them), with the authtoken filter
# AUTH_FILTERS names: /healthcheck since 21.0.0 (ebe15a1b), the request_id
# filter (X-OpenStack-Request-Id) since 25.0.0 (354ec271).
PASTE = """[composite:trove]
use = call:trove.common.wsgi:versioned_urlmap
/: versions
%(healthcheck)s/v1.0: troveapi

[app:versions]
paste.app_factory = trove.versions:app_factory

[pipeline:troveapi]
pipeline = %(request_id)sfaultwrapper authtoken authorization contextwrapper ratelimit extensions troveapp

[filter:extensions]
paste.filter_factory = trove.common.extensions:factory

[filter:authtoken]
paste.filter_factory = %(authtoken)s

[filter:authorization]
paste.filter_factory = trove.common.auth:AuthorizationMiddleware.factory

[filter:request_id]
paste.filter_factory = oslo_middleware.request_id:RequestId.factory

[filter:contextwrapper]
paste.filter_factory = trove.common.wsgi:ContextMiddleware.factory

[filter:faultwrapper]
paste.filter_factory = trove.common.wsgi:FaultWrapper.factory

[filter:ratelimit]
paste.filter_factory = trove.common.limits:RateLimitingMiddleware.factory

[app:troveapp]
paste.app_factory = trove.common.api:app_factory

[app:healthcheck]
paste.app_factory = oslo_middleware:Healthcheck.app_factory
backends = disable_by_file
disable_by_file_path = /etc/trove/healthcheck_disable
"""

AUTH_FILTERS = {
    "fake": "trove.tests.fakes.keystone:filter_factory",
    "keystone": "keystonemiddleware.auth_token:filter_factory",
}


def write_config(args, connection):
    conf = os.path.join(args.state, "trove.conf")
    paste = os.path.join(args.state, "api-paste.ini")
    with open(conf, "w") as f:
        f.write("""[DEFAULT]
bind_host = 127.0.0.1
bind_port = %(port)d
trove_api_workers = 1
api_paste_config = %(paste)s
debug = true
log_file = %(state)s/trove-api.log
use_stderr = false
transport_url = fake:/
control_exchange = trove
admin_roles = admin
default_datastore = mysql
remote_nova_client = harness_fakes.nova_client
remote_glance_client = harness_fakes.glance_client
remote_guest_client = harness_fakes.guest_client
remote_swift_client = trove.tests.fakes.swift.fake_create_swift_client
remote_cinder_client = trove.tests.fakes.nova.fake_create_cinder_client
remote_neutron_client = trove.tests.fakes.neutron.fake_create_neutron_client
swift_url = http://127.0.0.1:8080/v1/AUTH_
[database]
connection = %(connection)s
[oslo_messaging_notifications]
driver = noop
""" % {"port": args.port, "paste": paste, "state": args.state, "connection": connection})
        if args.extra_conf:
            with open(args.extra_conf) as extra:
                f.write("\n" + extra.read())
    with open(paste, "w") as f:
        f.write(PASTE % {
            "authtoken": AUTH_FILTERS[args.auth],
            "healthcheck": "/healthcheck: healthcheck\n" if args.release >= 21 else "",
            "request_id": "request_id " if args.release >= 25 else "",
        })
    return conf


def mariadb_connection(state):
    return "mysql+pymysql://root@localhost/trove?unix_socket=%s/mysql.sock&charset=utf8mb4" % state


def start_mariadb(state, fresh):
    """A MariaDB server of our own, on a socket in the state folder, no TCP."""
    data = os.path.join(state, "mysql")
    sock = os.path.join(state, "mysql.sock")
    if fresh:
        installed = subprocess.run(["mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=root",
                                    "--auth-root-authentication-method=normal", "--skip-test-db"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if installed.returncode != 0:
            raise SystemExit("mariadb-install-db failed (%d): %s"
                             % (installed.returncode, " | ".join(installed.stdout.strip().splitlines()[:12])))
    server = subprocess.Popen(["mariadbd", "--no-defaults", "--datadir=" + data, "--socket=" + sock,
                               "--skip-networking", "--user=root", "--tmpdir=" + state,
                               "--pid-file=" + os.path.join(state, "mysql.pid"),
                               "--log-error=" + os.path.join(state, "mysql.err"),
                               "--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=0",
                               "--skip-log-bin", "--character-set-server=utf8mb4"])
    import pymysql
    until = time.time() + 120
    while True:
        try:
            db = pymysql.connect(unix_socket=sock, user="root")
            break
        except pymysql.err.OperationalError:
            if time.time() > until or server.poll() is not None:
                raise SystemExit("MariaDB did not start; see %s/mysql.err" % state)
            time.sleep(0.2)
    if fresh:
        with db.cursor() as c:
            c.execute("CREATE DATABASE trove CHARACTER SET utf8mb4")
    db.close()
    return server


def save_template(args, mariadb):
    """Keeps the prepared database for later runs: copied aside, renamed into place when complete."""
    parent = os.path.dirname(args.template)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".build-", dir=parent)
    if mariadb:
        mariadb.terminate()  # a clean shutdown, so that the copy is consistent
        mariadb.wait(timeout=120)
        shutil.copytree(os.path.join(args.state, "mysql"), os.path.join(tmp, "mysql"))
        mariadb = start_mariadb(args.state, fresh=False)
    else:
        shutil.copy(os.path.join(args.state, "trove.sqlite"), tmp)
    try:
        os.rename(tmp, args.template)
    except OSError:  # another run saved it first
        shutil.rmtree(tmp, ignore_errors=True)
    return mariadb


def prepare_database(conf):
    """trove-manage db_sync and the mysql 5.7.29 datastore, in this process (one import of Trove)."""
    patch_test_util()
    from trove.cmd import manage as trove_manage
    sys.argv = ["trove-manage", "--config-file", conf, "db_sync"]
    try:
        trove_manage.main()
    except SystemExit as done:
        if done.code not in (0, None):
            raise SystemExit("trove-manage db_sync failed (exit %s); see the log in the state folder" % done.code)
    commands = trove_manage.Commands()
    commands.datastore_update(datastore_name="mysql", default_version="")
    # 23.0.0 added registry_ext and repl_strategy (required, may be None).
    version_update = commands.datastore_version_update
    arguments = dict(datastore="mysql", version_name="5.7.29", manager="mysql",
                     image_id="c00000c0-00c0-0c00-00c0-000c000000cc", packages="", active=1,
                     registry_ext=None, repl_strategy=None)
    accepted = inspect.signature(version_update).parameters
    version_update(**{k: v for k, v in arguments.items() if k in accepted})
    commands.datastore_update(datastore_name="mysql", default_version="5.7.29")


I1 = "44b277eb-39be-4921-be31-3d61b43651d7"   # project 'proj', ACTIVE
I2 = "55c388fc-4acf-4a32-8f42-4e72c54762e8"   # project 'other', ACTIVE
LOC = "http://127.0.0.1:8080/v1/AUTH_proj/database_backups/%s.xbstream.gz.enc"


def seed_id(digit):
    return "b%s-%s-%s-%s-%s" % (digit * 7, digit * 4, digit * 4, digit * 4, digit * 12)


def seed(connection):
    """The instances and backups the project's tests expect (test/helpers/trove-server.ts)."""
    import sqlalchemy as sa
    engine = sa.create_engine(connection)
    with engine.begin() as db:
        dsv = db.execute(sa.text("select id from datastore_versions where name='5.7.29'")).scalar()
        for iid, cid, name, ten in [(I1, "c1111111-1111-1111-1111-111111111111", "inst-1", "proj"),
                                    (I2, "c2222222-2222-2222-2222-222222222222", "inst-other", "other")]:
            db.execute(sa.text(
                "insert into instances (id, created, updated, name, compute_instance_id, task_id,"
                " task_description, volume_size, flavor_id, tenant_id, server_status, deleted,"
                " datastore_version_id) values (:id, :t, :t, :name, :cid, 1,"
                " 'No tasks for the instance.', 1, '1', :ten, 'ACTIVE', 0, :dsv)"),
                dict(id=iid, t="2024-01-01 09:00:00", name=name, cid=cid, ten=ten, dsv=dsv))
            db.execute(sa.text(
                "insert into service_statuses (id, instance_id, status_id, status_description,"
                " updated_at) values (:id, :iid, 33, 'healthy', '2024-01-01 09:00:00')"),
                dict(id="ss-" + iid[:8], iid=iid))
        cols = ("id", "name", "description", "location", "backup_type", "size", "tenant_id", "state",
                "instance_id", "checksum", "deleted", "created", "updated", "deleted_at", "parent_id",
                "datastore_version_id")
        rows = [
            (seed_id("1"), "bk-full", "full backup", LOC % seed_id("1"), "InnoBackupEx", 0.12, "proj", "COMPLETED", I1, "0123456789abcdef0123456789abcdef", 0, "2024-01-01 10:00:00", "2024-01-01 10:05:00", None, None, dsv),
            (seed_id("2"), "bk-inc", None, LOC % seed_id("2"), "InnoBackupExIncremental", 0.01, "proj", "COMPLETED", I1, None, 0, "2024-01-02 10:00:00", "2024-01-02 10:05:00", None, seed_id("1"), dsv),
            (seed_id("3"), "bk-failed", None, None, None, None, "proj", "FAILED", I1, None, 0, "2024-01-03 10:00:00", "2024-01-03 10:00:30", None, None, dsv),
            (seed_id("4"), "bk-new-no-ds", None, None, None, None, "proj", "NEW", None, None, 0, "2024-01-04 10:00:00", "2024-01-04 10:00:00", None, None, None),
            (seed_id("5"), "bk-other-proj", None, None, None, None, "other", "COMPLETED", I2, None, 0, "2024-01-05 10:00:00", "2024-01-05 10:00:00", None, None, dsv),
            (seed_id("6"), "bk-deleted", None, None, None, None, "proj", "DELETE_FAILED", None, None, 1, "2024-01-06 10:00:00", "2024-01-06 10:00:00", "2024-01-06 11:00:00", None, dsv),
            (seed_id("7"), "bk-to-delete", "delete me", LOC % seed_id("7"), "InnoBackupEx", 0.05, "proj", "COMPLETED", None, None, 0, "2023-12-01 10:00:00", "2023-12-01 10:05:00", None, None, dsv),
        ]
        insert = sa.text("insert into backups (%s) values (%s)" % (", ".join(cols), ", ".join(":" + c for c in cols)))
        for row in rows:
            db.execute(insert, dict(zip(cols, row)))
    engine.dispose()


def serve(argv):
    p = argparse.ArgumentParser(prog="trove_harness.py serve")
    p.add_argument("--state", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--db", choices=["sqlite", "mariadb"], default="sqlite")
    p.add_argument("--auth", choices=sorted(AUTH_FILTERS), default="fake")
    p.add_argument("--release", type=int, required=True, help="the Trove release's major version: its API pipeline")
    p.add_argument("--extra-conf")
    p.add_argument("--template", help="a folder where the prepared, seeded database is kept for later runs")
    args = p.parse_args(argv)
    started = time.time()
    mariadb = args.db == "mariadb"
    connection = mariadb_connection(args.state) if mariadb else "sqlite:///%s/trove.sqlite" % args.state
    conf = write_config(args, connection)
    if args.template and os.path.isdir(args.template):
        log("database from %s" % args.template)
        if mariadb:
            shutil.copytree(os.path.join(args.template, "mysql"), os.path.join(args.state, "mysql"))
            start_mariadb(args.state, fresh=False)
        else:
            shutil.copy(os.path.join(args.template, "trove.sqlite"), args.state)
    else:
        log("db_sync and seed (%s)" % args.db)
        server = start_mariadb(args.state, fresh=True) if mariadb else None
        prepare_database(conf)
        seed(connection)
        if args.template:
            save_template(args, server)
    log("database ready in %.1f s; starting trove-api on 127.0.0.1:%d" % (time.time() - started, args.port))
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, os.path.abspath(__file__), "peer", "--config-file", conf])


def peer():
    """trove-api plus an in-process taskmanager on the same fake:// transport."""
    from trove.cmd.common import with_initialize  # eventlet monkey-patches
    patch_test_util()

    @with_initialize
    def main(conf):
        from trove.common import cfg
        from trove.common import notification
        from trove.common import wsgi
        from trove.common.rpc import service as rpc_service
        from trove.instance import models as inst_models

        notification.DBaaSAPINotification.register_notify_callback(inst_models.persist_instance_fault)
        cfg.set_api_config_defaults()
        conf_file = conf.find_file(conf.api_paste_config)
        # workers=1: oslo.service's ServiceLauncher, in this process, so the
        # fake:// RPC transport reaches the taskmanager started below.
        launcher = wsgi.launch("trove", conf.bind_port, conf_file, host=conf.bind_host, workers=1)
        from trove.taskmanager import api as task_api
        key = conf.taskmanager_rpc_encr_key if conf.enable_secure_rpc_messaging else None
        tm = rpc_service.RpcService(key=key, topic=conf.taskmanager_queue,
                                    rpc_api_version=task_api.API.API_LATEST_VERSION,
                                    manager=conf.taskmanager_manager)
        tm.start()
        launcher.wait()

    return main()


if __name__ == "__main__":
    which = sys.argv.pop(1) if len(sys.argv) > 1 else ""
    if which == "serve":
        serve(sys.argv[1:])
    elif which == "peer":
        sys.argv[0] = "trove-api"
        sys.exit(peer())
    elif which == "manage":
        sys.argv[0] = "trove-manage"
        patch_test_util()
        from trove.cmd import manage as _manage
        sys.exit(_manage.main())
    else:
        raise SystemExit(__doc__)
