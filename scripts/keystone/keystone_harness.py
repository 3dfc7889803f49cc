#!/usr/bin/python3
"""Sets up a real Keystone (Debian bookworm's keystone 22) in a state folder.

  keystone_harness.py setup --state DIR --port N --database-url URL [--expiration S]
  keystone_harness.py token --conf FILE --user-id ID --project-id ID --lifetime S

writes DIR/keystone.conf (SQLite in DIR, fernet keys in DIR, bcrypt at its
cheapest so that logins are fast), runs keystone-manage db_sync,
fernet_setup, credential_setup and bootstrap do (in this one process), then creates what the tests
use and prints it as JSON:
- projects `proj` and `other` with those ids (the ids the real-Trove
  harness seeds its data in; the REST API cannot choose a project id);
- user `alice` (member of proj) and `bob` (admin of other);
- the `database` service with public and internal endpoints
  URL/v1.0/$(project_id)s in RegionOne, and the identity endpoints.
The server itself is started by the caller (uwsgi, keystone-wsgi-public).

`token` issues a project-scoped token with Keystone's own token provider
(same keys, same database as the running server) that lives S seconds, and
prints it as JSON: a test of an expired token waits seconds, not the lifetime
every other token needs.
"""
import argparse
import json
import os
import uuid
import warnings

CONF_TEMPLATE = """[DEFAULT]
log_file = %(state)s/keystone.log
use_stderr = false
debug = false
[database]
connection = sqlite:///%(state)s/keystone.db
[token]
provider = fernet
expiration = %(expiration)d
[fernet_tokens]
key_repository = %(state)s/fernet-keys
[fernet_receipts]
key_repository = %(state)s/fernet-keys
[credential]
key_repository = %(state)s/credential-keys
[identity]
password_hash_algorithm = bcrypt
password_hash_rounds = 4
[cache]
enabled = false
"""

PASSWORDS = {"admin": "admin-secret", "alice": "alice-secret", "bob": "bob-secret"}


def setup(args):
    state = os.path.abspath(args.state)
    conf = os.path.join(state, "keystone.conf")
    with open(conf, "w") as f:
        f.write(CONF_TEMPLATE % {"state": state, "expiration": args.expiration})
    identity_url = "http://127.0.0.1:%d/v3" % args.port

    # What keystone-manage db_sync, fernet_setup, credential_setup and
    # bootstrap do, in one process: each keystone-manage run spends most of
    # its time importing keystone.
    import keystone.conf
    from keystone.cmd import bootstrap
    from keystone.common import fernet_utils, provider_api, sql
    from keystone.common.sql import upgrades
    CONF = keystone.conf.CONF
    keystone.conf.configure()
    sql.initialize()
    CONF(args=[], project="keystone", default_config_files=[conf])
    upgrades.offline_sync_database_to_version()
    uid, gid = os.getuid(), os.getgid()
    for group, max_keys in (("fernet_tokens", CONF.fernet_tokens.max_active_keys), ("credential", 3)):
        keys = fernet_utils.FernetUtils(getattr(CONF, group).key_repository, max_keys, group)
        keys.create_key_directory(uid, gid)
        keys.initialize_key_repository(uid, gid)
    b = bootstrap.Bootstrapper()
    b.admin_password, b.admin_username, b.project_name, b.admin_role_name = PASSWORDS["admin"], "admin", "admin", "admin"
    b.service_name, b.region_id = "keystone", "RegionOne"
    b.admin_url = b.public_url = b.internal_url = identity_url
    b.immutable_roles = True
    b.bootstrap()
    P = provider_api.ProviderAPIs

    roles = {r["name"]: r["id"] for r in P.role_api.list_roles()}
    for project in ("proj", "other"):
        P.resource_api.create_project(project, {
            "id": project, "name": project, "domain_id": "default", "enabled": True,
            "description": "a project of the keystone harness", "is_domain": False, "parent_id": "default"})
    users = {}
    for name, project, role in (("alice", "proj", "member"), ("bob", "other", "admin")):
        user = P.identity_api.create_user({"name": name, "domain_id": "default", "enabled": True,
                                           "password": PASSWORDS[name], "default_project_id": project})
        P.assignment_api.add_role_to_user_and_project(user["id"], project, roles[role])
        users[name] = {"id": user["id"], "name": name, "password": PASSWORDS[name], "project_id": project, "role": role}

    service_id = uuid.uuid4().hex
    P.catalog_api.create_service(service_id, {"id": service_id, "type": "database", "name": "trove", "enabled": True})
    database_url = args.database_url.rstrip("/") + "/v1.0/$(project_id)s"
    for interface in ("public", "internal"):
        endpoint_id = uuid.uuid4().hex
        P.catalog_api.create_endpoint(endpoint_id, {
            "id": endpoint_id, "service_id": service_id, "interface": interface,
            "region_id": "RegionOne", "url": database_url, "enabled": True})

    admin = P.identity_api.get_user_by_name("admin", "default")
    print(json.dumps({
        "conf": conf,
        "identityUrl": identity_url,
        "admin": {"id": admin["id"], "name": "admin", "password": PASSWORDS["admin"], "project_name": "admin"},
        "users": users,
    }))


def token(args):
    import datetime
    import keystone.conf
    from keystone.common import provider_api, sql
    from keystone.server import backends
    keystone.conf.configure()
    sql.initialize()
    keystone.conf.CONF(args=[], project="keystone", default_config_files=[args.conf])
    backends.load_backends()
    expires = datetime.datetime.utcnow() + datetime.timedelta(seconds=args.lifetime)
    issued = provider_api.ProviderAPIs.token_provider_api.issue_token(
        args.user_id, ["password"], expires_at=expires, project_id=args.project_id)
    print(json.dumps({"token": issued.id, "expires_at": issued.expires_at}))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("setup")
    p.add_argument("--state", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--database-url", required=True)
    p.add_argument("--expiration", type=int, default=3600)
    t = sub.add_parser("token")
    t.add_argument("--conf", required=True)
    t.add_argument("--user-id", required=True)
    t.add_argument("--project-id", required=True)
    t.add_argument("--lifetime", type=int, required=True)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # pycadf warns that "proj" is not a UUID
    (setup if args.command == "setup" else token)(args)


if __name__ == "__main__":
    main()
